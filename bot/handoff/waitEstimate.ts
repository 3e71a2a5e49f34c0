/**
 * The wait a queued citizen is told. Pure, so that it is tested on its own (tests/bot/handoff/waitEstimate.test.ts).
 *
 * Agents who are online and in no chat are free: the first citizens in the queue, one per free agent, wait 0
 * minutes ("gleich"). Everyone behind them waits for a busy agent to finish: with `online` agents ending a chat
 * every `averageChatMinutes` each, the k-th citizen behind the free agents waits about k · average / online.
 */
export interface WaitInputs {
  /** 1 for the next in line. */
  position: number;
  /** Agents connected to the console (on any instance). */
  agentsOnline: number;
  /** Of those, the agents in a chat with a citizen. */
  agentsBusy: number;
  /** How long an agent's chat takes on average (HANDOFF_AVERAGE_CHAT_MINUTES). */
  averageChatMinutes: number;
}

/** Whole minutes to tell the citizen; 0 when a free agent can take them at once. */
export function estimateWaitMinutes(i: WaitInputs): number {
  const online = Math.max(0, Math.floor(i.agentsOnline));
  const busy = Math.min(online, Math.max(0, Math.floor(i.agentsBusy)));
  const free = online - busy;
  const position = Math.max(1, Math.floor(i.position));
  if (position <= free) return 0;
  const behindFree = position - free;
  return Math.max(1, Math.ceil((behindFree * Math.max(0, i.averageChatMinutes)) / Math.max(1, online)));
}
