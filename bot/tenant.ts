/**
 * The Kommune (tenant) of a conversation: from `channelData.tenant` of its first activity, else the
 * configured default. Once chosen it is kept in conversation state, so a later activity cannot switch it.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Logger } from './logger';

export class TenantResolver {
  constructor(
    private readonly accessor: StatePropertyAccessor<string>,
    private readonly knownTenants: () => ReadonlySet<string>,
    private readonly defaultTenant: string,
    private readonly log: Logger,
  ) {}

  async resolve(context: TurnContext): Promise<string> {
    const known = this.knownTenants();
    const stored = await this.accessor.get(context);
    if (stored && known.has(stored)) return stored;
    const requested: unknown = (context.activity.channelData as { tenant?: unknown } | undefined)?.tenant;
    let tenant = this.defaultTenant;
    if (typeof requested === 'string' && known.has(requested.trim().toLowerCase())) {
      tenant = requested.trim().toLowerCase();
    } else if (requested !== undefined) {
      this.log.warn({ requested: String(requested).slice(0, 64), fallback: tenant }, 'unknown tenant, using the default');
    }
    await this.accessor.set(context, tenant);
    return tenant;
  }
}
