/**
 * A service as one Kommune sees it: the shared description with that Kommune's overrides applied and its
 * responsible office resolved. Pure data; the dialogs turn it into sentences.
 */
import type { KnowledgeBase } from './loader';
import type {
  DocumentEntry,
  FacetId,
  FeeEntry,
  Office,
  PlaceVerwaltung,
  ServiceFile,
  ShortAnswer,
  Situation,
  Source,
  TenantFile,
} from './schema';

export interface TenantService {
  service: ServiceFile;
  tenant: TenantFile;
  office: Office;
  unterlagen: DocumentEntry[];
  kosten: FeeEntry[];
  verfahrensablauf: string[];
  hinweise: string[];
  onlineDienst: ServiceFile['onlineDienst'];
  quellen: Source[];
  /** Short answers per facet, with the Kommune's own replacing the shared ones. */
  kurzantworten: Partial<Record<FacetId, ShortAnswer>>;
  /** The Kommune's situations first, then the shared ones. */
  situationen: Situation[];
  /**
   * The office stands for a group ("the Bürgerbüro of your Gemeinde") that the citizen's Verwaltung resolves:
   * that Verwaltung, and whether its concrete office is on file (`office` is then that office).
   */
  groupOffice?: Office;
  verwaltung?: PlaceVerwaltung;
}

/**
 * The service as one Kommune offers it. `verwaltungId`: the Stadt, Gemeinde or Samtgemeinde the citizen lives
 * in (from the gazetteer); where the responsible office is a group of such offices, it picks the one.
 */
export function serviceForTenant(
  knowledge: KnowledgeBase,
  serviceId: string,
  tenantId: string,
  verwaltungId?: string,
): TenantService | undefined {
  const service = knowledge.services.get(serviceId);
  const tenant = knowledge.tenants.get(tenantId);
  if (!service || !tenant) return undefined;
  const responsible = knowledge.offices.get(service.zustaendigkeit[tenantId] ?? '');
  if (!responsible) return undefined;
  // The citizen's Verwaltung decides where the Kommune's offices are split by place: a group office
  // ("the Bürgerbüro of your Gemeinde") always, another office where the Verwaltung names its own
  // (the Stadt Gifhorn has its own Wohngeldstelle).
  const own = verwaltungOf(knowledge, tenantId, verwaltungId);
  const concrete = localOffice(knowledge, own, responsible.id);
  const verwaltung = responsible.gruppe || concrete ? own : undefined;
  const office = concrete ?? responsible;
  const o = service.kommunen?.[tenantId];
  return {
    service,
    tenant,
    office,
    ...(verwaltung ? { verwaltung, groupOffice: responsible } : {}),
    kurzantworten: { ...service.kurzantworten, ...o?.kurzantworten },
    situationen: [...(o?.situationen ?? []), ...(service.situationen ?? [])],
    unterlagen: o?.unterlagen ?? service.unterlagen,
    kosten: o?.kosten ?? service.kosten,
    verfahrensablauf: o?.verfahrensablauf ?? service.verfahrensablauf,
    // Kommune-specific notes first: they are usually what matters most locally ("bei Ihrer Gemeinde").
    hinweise: [...(o?.hinweise ?? []), ...(service.hinweise ?? [])],
    onlineDienst: o?.onlineDienst ?? service.onlineDienst,
    quellen: [...(o?.quellen ?? []), ...service.quellen],
  };
}

/** The office that stands for `officeId` for the residents of a Verwaltung (its `aemter`), if it names one. */
export function localOffice(knowledge: KnowledgeBase, verwaltung: PlaceVerwaltung | undefined, officeId: string): Office | undefined {
  const id = verwaltung?.aemter?.[officeId];
  return id === undefined ? undefined : knowledge.offices.get(id);
}

/** A Verwaltung of the tenant's gazetteer by id. */
export function verwaltungOf(knowledge: KnowledgeBase, tenantId: string, verwaltungId: string | undefined): PlaceVerwaltung | undefined {
  if (!verwaltungId) return undefined;
  return knowledge.places.get(tenantId)?.verwaltungen.find((v) => v.id === verwaltungId);
}
