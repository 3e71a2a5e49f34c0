/**
 * The reply texts of a Kommune by its id, for code that holds an id rather than the Kommune (a dialog's state, a
 * conversation outside its turn): the Kommune's own texts, or the default Kommune's (the first of the knowledge,
 * as for a turn without a known tenant) when the id is not (or no longer) known.
 */
import type { KnowledgeBase } from '../knowledge/loader';
import type { TenantFile } from '../knowledge/schema';
import type { Texts } from '../knowledge/texts/texts';

/** The Kommune by its id, else the default one, else the first of the knowledge. */
export function tenantOrDefault(
  knowledge: Pick<KnowledgeBase, 'tenants'>,
  tenantId: string | undefined,
  defaultTenant?: string,
): TenantFile {
  const tenant =
    (tenantId && knowledge.tenants.get(tenantId)) ||
    (defaultTenant && knowledge.tenants.get(defaultTenant)) ||
    knowledge.tenants.values().next().value;
  if (!tenant) throw new Error('no tenant in the knowledge');
  return tenant;
}

export function tenantTexts(knowledge: Pick<KnowledgeBase, 'tenants'>, tenantId: string | undefined, defaultTenant?: string): Texts {
  return tenantOrDefault(knowledge, tenantId, defaultTenant).texts;
}
