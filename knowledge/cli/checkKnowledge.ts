/**
 * `npm run -s check-knowledge [DIR]`: exit 0 when the knowledge is valid (reply texts included), else
 * `file:line: problem` lines and exit 1. With `--placeholders`: also lists, `file:line` each, the office details the Kommunen still have to
 * fill in (the fields in `platzhalter`).
 */
import { resolve } from 'node:path';
import { loadKnowledge, formatProblem } from '../loader';
import { DEFAULT_KNOWLEDGE_DIR } from '../paths';
import { formatPlaceholder, openPlaceholders } from '../placeholders';
import { TEXT_CATALOG } from '../texts/catalog';

const args = process.argv.slice(2);
const listPlaceholders = args.includes('--placeholders');
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? DEFAULT_KNOWLEDGE_DIR);
const result = loadKnowledge(dir);
if (result.ok) {
  const k = result.knowledge;
  const texts = Object.values(TEXT_CATALOG).reduce((n, area) => n + Object.keys(area.texte).length, 0);
  const overridden = [...k.tenants.values()].reduce((n, t) => n + Object.keys(t.texte ?? {}).length, 0);
  console.log(
    `ok: ${k.services.size} services, ${k.tenants.size} tenants, ${k.offices.size} offices, ${[...k.phrases.values()].reduce((n, p) => n + p.length, 0)} training phrases, ${texts} reply texts (${overridden} changed by a Kommune)`,
  );
  // Translations: a missing or stale one is no error (the assistant answers in German there), but the editors see it.
  const languages = [...k.languages.values()].map((l) => {
    const services = [...k.services.values()].filter(
      (sv) => l.settings.code === 'de' || sv.sprachen?.[l.settings.code]?.kurz !== undefined,
    );
    const phrases = [...l.phrases.values()].reduce((n, p) => n + p.length, 0);
    return `${l.settings.code} (${services.length} services, ${phrases} phrases)`;
  });
  console.log(`languages: ${languages.join(', ')}`);
  for (const f of k.translationReport)
    console.log(`${f.file}:${f.line}: ${f.kind === 'stale' ? 'stale translation' : 'missing translation'}: ${f.message}`);
  if (listPlaceholders) {
    const open = openPlaceholders(k, dir);
    for (const p of open) console.log(formatPlaceholder(p));
    console.log(`${open.length} offices with details to fill in (${open.reduce((n, p) => n + p.fields.length, 0)} fields)`);
  }
  process.exit(0);
}
for (const p of result.problems) console.log(formatProblem(p));
process.exit(1);
