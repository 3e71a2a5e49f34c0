/**
 * Which agents are connected anywhere: with several instances, each renews the presence of the agents connected to
 * it in the store (agent_presence) on every tick, and an agent counts as connected while some instance has
 * renewed it recently, or while its console is connected here (before the first tick).
 */
import type { ConsoleFanout } from './consoleFanout';
import type { HandoffStore } from './handoffStore';

export class AgentPresence {
  constructor(
    private readonly store: HandoffStore,
    private readonly consoles: Pick<ConsoleFanout, 'localAgents'>,
    /** This instance's id (EventBus.instanceId): the presence rows it writes and withdraws. */
    private readonly instanceId: string,
    private readonly tickMilliseconds: number,
  ) {}

  /** An agent counts as connected while some instance has renewed its presence within this time. */
  private get presenceMs(): number {
    return Math.max(5000, 3 * this.tickMilliseconds);
  }

  /** Agents connected to any instance: present in the store, or connected here. */
  async connected(now: number): Promise<Set<number>> {
    return new Set([...(await this.store.presentAgents(now - this.presenceMs)), ...this.consoles.localAgents()]);
  }

  /** Renews the presence of the agents connected here (every tick). */
  renew(now: number): Promise<void> {
    return this.store.markPresent(this.consoles.localAgents(), this.instanceId, now);
  }

  /** An agent's console connected here. */
  arrived(agentId: number, now: number): Promise<void> {
    return this.store.markPresent([agentId], this.instanceId, now);
  }

  /** An agent's console left this instance: absent here once none of theirs is left. */
  async left(agentId: number): Promise<void> {
    if (!this.consoles.localAgents().includes(agentId)) await this.store.markAbsent(agentId, this.instanceId);
  }

  /** This instance's consoles are gone: other instances need not wait for the rows to go stale. */
  async withdraw(): Promise<void> {
    await this.store.purgePresence(0, this.instanceId).catch(() => undefined);
  }
}
