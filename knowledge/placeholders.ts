/**
 * What the Kommunen still have to fill in: every office field listed in `platzhalter` (a phone number, an
 * address, opening hours nobody could source), with the file and line of the office, so that an editor can
 * work through the list. `npm run -s check-knowledge -- --placeholders` prints it.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { KnowledgeBase } from './loader';
import { lineOf } from './loader';

export interface OpenPlaceholder {
  file: string;
  line: number;
  office: string;
  name: string;
  fields: string[];
}

const FIELD_NAMES: Record<string, string> = {
  telefon: 'Telefon',
  email: 'E-Mail',
  adresse: 'Adresse',
  oeffnungszeiten: 'Öffnungszeiten',
  web: 'Website',
};

export function openPlaceholders(knowledge: KnowledgeBase, dir: string, displayBase = process.cwd()): OpenPlaceholder[] {
  const out: OpenPlaceholder[] = [];
  for (const tenant of knowledge.tenants.values()) {
    const path = join(dir, 'tenants', `${tenant.id}.yaml`);
    const lines = new LineCounter();
    const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: lines });
    tenant.aemter.forEach((office, i) => {
      if (!office.platzhalter?.length) return;
      out.push({
        file: relative(displayBase, path) || path,
        line: lineOf(doc, lines, ['aemter', i, 'platzhalter']),
        office: office.id,
        name: office.name,
        fields: office.platzhalter.map((f) => FIELD_NAMES[f] ?? f),
      });
    });
  }
  return out;
}

export function formatPlaceholder(p: OpenPlaceholder): string {
  return `${p.file}:${p.line}: ${p.office} (${p.name}): ${p.fields.join(', ')} ${p.fields.length > 1 ? 'fehlen' : 'fehlt'}`;
}
