/**
 * Textbausteine for the agent console: what an agent can send a citizen about a service of their Kommune
 * (documents, fees, responsible office, its hours, the procedure) and when the service center is reachable, built
 * from the loaded knowledge with the same resolution (knowledge/resolve.ts) and the same lines as the bot's own
 * answers (texts: knowledge/texte/de/textbausteine.yaml). Plain text: an agent's message reaches the citizen as
 * `textFormat: plain`, so nothing here is Markdown.
 */
import type { KnowledgeBase } from '../../knowledge/loader';
import { serviceForTenant, type TenantService } from '../../knowledge/resolve';
import type { TenantFile } from '../../knowledge/schema';
import type { TextId } from '../../knowledge/texts/catalog';
import { feeText, subject } from './focusedAnswers';
import { weekLines } from './openingHours';
import { bulletList, kommuneAfter, numberedList } from './reply';
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

/**
 * Markdown that a knowledge text may carry (bold, links) as plain text: "**kostenlos**" → "kostenlos",
 * "[Portal](https://…)" → "Portal (https://…)". The snippets use the long fields, which editors write plain; this
 * only keeps an editor's emphasis from reaching a citizen as asterisks.
 */
export function plainText(text: string): string {
  return text.replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, '$1 ($2)').replace(/\*\*([^*\n]+)\*\*/g, '$1');
}

/** The list titles of a service's snippets ("Kosten – Reisepass"). */
const TITLE = {
  unterlagen: 'textbausteine.titelUnterlagen',
  kosten: 'textbausteine.titelKosten',
  zustaendig: 'textbausteine.titelZustaendig',
  oeffnungszeiten: 'textbausteine.titelOeffnungszeiten',
  ablauf: 'textbausteine.titelAblauf',
} as const satisfies Record<Exclude<SnippetKind, 'servicecenter'>, TextId>;

function serviceSnippets(s: TenantService): Snippet[] {
  const t = s.tenant.texts;
  const leistung = subject(s);
  const service = { id: s.service.id, name: s.service.name };
  const imKommune = kommuneAfter('in', s.tenant.name, t.language);
  const source = sourceLine(t, s.quellen);
  const out: Snippet[] = [];
  const add = (kind: keyof typeof TITLE, parts: (string | undefined | false)[]): void => {
    out.push({
      id: `${s.service.id}:${kind}`,
      kind,
      title: t.render('textbausteine.titel', { art: t.render(TITLE[kind]), leistung }),
      service,
      text: plainText(parts.filter(Boolean).join('\n\n')),
    });
  };

  add('unterlagen', [t.render('textbausteine.unterlagen', { leistung, unterlagen: bulletList(s.unterlagen.map(documentLine)) }), source]);
  add('kosten', [
    t.render('textbausteine.kosten', { leistung, imKommune, kosten: bulletList(s.kosten.map((k) => feeText(t, k, (amount) => amount))) }),
    source,
  ]);

  const office = s.office;
  const officeSources = office.quellen?.length ? office.quellen : s.quellen;
  const responsible =
    s.verwaltung && office === s.groupOffice
      ? t.render('textbausteine.verwaltungMitAmt', { verwaltung: s.verwaltung.name, amt: office.kurzname ?? office.name })
      : office.name;
  const lead =
    office.gruppe && !s.verwaltung && s.tenant.art === 'Landkreis'
      ? t.render('textbausteine.zustaendigGemeinde', { leistung, imKommune, amt: office.kurzname ?? office.name })
      : t.render('textbausteine.zustaendig', { leistung, imKommune, amt: responsible });
  add('zustaendig', [lead, officeDetails(t, office).join('\n'), sourceLine(t, officeSources)]);

  if (office.oeffnungszeiten) {
    const appointment = s.service.terminErforderlich || office.terminErforderlich ? t.render('oeffnungszeiten.terminVorher') : undefined;
    add('oeffnungszeiten', [
      t.render('textbausteine.oeffnungszeiten', { amt: office.name, zeiten: bulletList(weekLines(t, office.oeffnungszeiten)) }),
      appointment,
      t.render('oeffnungszeiten.feiertageGeschlossen'),
      sourceLine(t, officeSources),
    ]);
  }

  add('ablauf', [
    t.render('textbausteine.kurz', { leistung: s.service.name, kurz: s.service.kurz.trim() }),
    t.render('textbausteine.ablauf', { schritte: numberedList(s.verfahrensablauf) }),
    s.onlineDienst && t.render('textbausteine.online', { name: s.onlineDienst.name, url: s.onlineDienst.url }),
    s.service.bearbeitungsdauer && t.render('textbausteine.bearbeitungsdauer', { dauer: s.service.bearbeitungsdauer }),
    source,
  ]);
  return out;
}

function serviceCenterSnippet(tenant: TenantFile): Snippet {
  const t = tenant.texts;
  const sc = tenant.servicecenter;
  const contact = [
    sc.telefon && t.render('textbausteine.telefon', { telefon: sc.telefon }),
    sc.email && t.render('textbausteine.email', { email: sc.email }),
  ]
    .filter(Boolean)
    .join('\n');
  return {
    id: 'servicecenter',
    kind: 'servicecenter',
    title: t.render('textbausteine.titelErreichbarkeit', { name: sc.name }),
    service: null,
    text: plainText(
      [
        t.render('textbausteine.servicecenter', { name: sc.name, zeiten: bulletList(weekLines(t, sc.oeffnungszeiten)) }),
        contact,
        t.render('oeffnungszeiten.feiertageGeschlossen'),
        sourceLine(t, tenant.quellen),
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
