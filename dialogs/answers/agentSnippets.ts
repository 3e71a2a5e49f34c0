/**
 * Textbausteine for the agent console: what an agent can send a citizen about a service of their Kommune
 * (documents, fees, responsible office, its hours, the procedure) and when the service center is reachable, built
 * from the loaded knowledge with the same resolution (knowledge/resolve.ts) and the same lines as the bot's own
 * answers. Plain text: an agent's message reaches the citizen as `textFormat: plain`, so nothing here is Markdown.
 */
import type { KnowledgeBase } from '../../knowledge/loader';
import { serviceForTenant, type TenantService } from '../../knowledge/resolve';
import type { TenantFile } from '../../knowledge/schema';
import { feeText, subject } from './focusedAnswers';
import { weekLines } from './openingHours';
import { bulletList, inKommune, numberedList } from './reply';
import { documentLine, officeDetails, sourceLine } from './serviceAnswers';

export type SnippetKind = 'unterlagen' | 'kosten' | 'zustaendig' | 'oeffnungszeiten' | 'ablauf' | 'servicecenter';

export interface Snippet {
  /** Stable within a knowledge version: `reisepass:kosten`, `servicecenter`. */
  id: string;
  kind: SnippetKind;
  /** What the list shows: "Kosten – Reisepass". */
  title: string;
  /** The service it is about, null for the Kommune's own (service center). */
  service: { id: string; name: string } | null;
  text: string;
}

export interface SnippetSet {
  tenant: { id: string; name: string };
  /** The service the bot understood, when it is known to this knowledge. */
  service: { id: string; name: string } | null;
  /** That service's snippets first, then the service center, then every other service of the Kommune. */
  snippets: Snippet[];
}

const HOLIDAY_NOTE = 'An gesetzlichen Feiertagen ist geschlossen.';

/**
 * Markdown that a knowledge text may carry (bold, links) as plain text: "**kostenlos**" → "kostenlos",
 * "[Portal](https://…)" → "Portal (https://…)". The snippets use the long fields, which editors write plain; this
 * only keeps an editor's emphasis from reaching a citizen as asterisks.
 */
export function plainText(text: string): string {
  return text.replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, '$1 ($2)').replace(/\*\*([^*\n]+)\*\*/g, '$1');
}

function serviceSnippets(s: TenantService): Snippet[] {
  const name = subject(s);
  const service = { id: s.service.id, name: s.service.name };
  const where = inKommune(s.tenant.name);
  const source = sourceLine(s.tenant.texts, s.quellen);
  const out: Snippet[] = [];
  const add = (kind: SnippetKind, title: string, parts: (string | undefined | false)[]): void => {
    out.push({
      id: `${s.service.id}:${kind}`,
      kind,
      title: `${title} – ${name}`,
      service,
      text: plainText(parts.filter(Boolean).join('\n\n')),
    });
  };

  add('unterlagen', 'Unterlagen', [`${name} – bitte bringen Sie mit:\n${bulletList(s.unterlagen.map(documentLine))}`, source]);
  add('kosten', 'Kosten', [`${name} – die Kosten ${where}:\n${bulletList(s.kosten.map((k) => feeText(k, (amount) => amount)))}`, source]);

  const office = s.office;
  const officeSources = office.quellen?.length ? office.quellen : s.quellen;
  const responsible = s.verwaltung && office === s.groupOffice ? `${s.verwaltung.name} (${office.kurzname ?? office.name})` : office.name;
  const lead =
    office.gruppe && !s.verwaltung && s.tenant.art === 'Landkreis'
      ? `${name} – zuständig ${where} ist ${office.kurzname ?? office.name}, nicht die Kreisverwaltung.`
      : `${name} – zuständig ${where}: ${responsible}.`;
  add('zustaendig', 'Zuständig', [lead, officeDetails(s.tenant.texts, office).join('\n'), sourceLine(s.tenant.texts, officeSources)]);

  if (office.oeffnungszeiten) {
    const appointment =
      s.service.terminErforderlich || office.terminErforderlich ? 'Bitte vereinbaren Sie vorher einen Termin.' : undefined;
    add('oeffnungszeiten', 'Öffnungszeiten', [
      `Öffnungszeiten – ${office.name}:\n${bulletList(weekLines(s.tenant.texts, office.oeffnungszeiten))}`,
      appointment,
      HOLIDAY_NOTE,
      sourceLine(s.tenant.texts, officeSources),
    ]);
  }

  add('ablauf', 'Ablauf', [
    `${s.service.name}: ${s.service.kurz.trim()}`,
    `So geht es:\n${numberedList(s.verfahrensablauf)}`,
    s.onlineDienst && `Online: ${s.onlineDienst.name} (${s.onlineDienst.url})`,
    s.service.bearbeitungsdauer && `Bearbeitungsdauer: ${s.service.bearbeitungsdauer}`,
    source,
  ]);
  return out;
}

function serviceCenterSnippet(tenant: TenantFile): Snippet {
  const sc = tenant.servicecenter;
  const contact = [sc.telefon && `Telefon: ${sc.telefon}`, sc.email && `E-Mail: ${sc.email}`].filter(Boolean).join('\n');
  return {
    id: 'servicecenter',
    kind: 'servicecenter',
    title: `Erreichbarkeit – ${sc.name}`,
    service: null,
    text: plainText(
      [
        `So erreichen Sie das ${sc.name}:\n${bulletList(weekLines(tenant.texts, sc.oeffnungszeiten))}`,
        contact,
        HOLIDAY_NOTE,
        sourceLine(tenant.texts, tenant.quellen),
      ]
        .filter(Boolean)
        .join('\n\n'),
    ),
  };
}

/**
 * The snippets for a waiter of `tenantId` who asked about `serviceId` (null: unknown). Undefined for a Kommune the
 * knowledge does not (or no longer) know. Built per call from the knowledge given, so a reloaded knowledge is used at once.
 */
export function agentSnippets(knowledge: KnowledgeBase, tenantId: string, serviceId: string | null): SnippetSet | undefined {
  const tenant = knowledge.tenants.get(tenantId);
  if (!tenant) return undefined;
  const asked = serviceId ? serviceForTenant(knowledge, serviceId, tenantId) : undefined;
  const others = [...knowledge.services.keys()]
    .filter((id) => id !== asked?.service.id)
    .map((id) => serviceForTenant(knowledge, id, tenantId))
    .filter((s): s is TenantService => s !== undefined)
    .sort((a, b) => subject(a).localeCompare(subject(b), 'de'));
  return {
    tenant: { id: tenant.id, name: tenant.name },
    service: asked ? { id: asked.service.id, name: asked.service.name } : null,
    snippets: [...(asked ? serviceSnippets(asked) : []), serviceCenterSnippet(tenant), ...others.flatMap(serviceSnippets)],
  };
}
