/**
 * A service as one Kommune sees it: the shared description with that Kommune's overrides applied and its
 * responsible office resolved. Pure data; the dialogs turn it into sentences.
 */
import type { KnowledgeBase } from './loader';
import type { DocumentEntry, FeeEntry, Office, ServiceFile, Source, TenantFile } from './schema';

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
}

export function serviceForTenant(knowledge: KnowledgeBase, serviceId: string, tenantId: string): TenantService | undefined {
  const service = knowledge.services.get(serviceId);
  const tenant = knowledge.tenants.get(tenantId);
  if (!service || !tenant) return undefined;
  const office = knowledge.offices.get(service.zustaendigkeit[tenantId] ?? '');
  if (!office) return undefined;
  const o = service.kommunen?.[tenantId];
  return {
    service,
    tenant,
    office,
    unterlagen: o?.unterlagen ?? service.unterlagen,
    kosten: o?.kosten ?? service.kosten,
    verfahrensablauf: o?.verfahrensablauf ?? service.verfahrensablauf,
    // Kommune-specific notes first: they are usually what matters most locally ("bei Ihrer Gemeinde").
    hinweise: [...(o?.hinweise ?? []), ...(service.hinweise ?? [])],
    onlineDienst: o?.onlineDienst ?? service.onlineDienst,
    quellen: [...(o?.quellen ?? []), ...service.quellen],
  };
}
