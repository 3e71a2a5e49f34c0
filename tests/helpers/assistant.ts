/** Test helpers: the shipped knowledge and a dialog test client around the main dialog. */
import { ConversationState, MemoryStorage, type Activity, type Middleware, type Storage, type TurnContext } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { loadKnowledge, formatProblem, type KnowledgeBase } from '../../knowledge/loader';
import { buildAssistantKnowledge, type AssistantKnowledge } from '../../dialogs/assistantKnowledge';
import { MainDialog, TENANT_KEY, type TurnOutcomeEvent } from '../../dialogs/mainDialog';
import type { ConversationMemory } from '../../dialogs/routing';
import type { CallbackRequest, HandoffPort, HandoffRequest } from '../../dialogs/handoffPort';
import { AssistantBot } from '../../bot/assistantBot';
import { createLogger } from '../../bot/logger';
import { TenantResolver } from '../../bot/tenant';
import { KNOWLEDGE_DIR, ROOT } from './paths';

export function loadOrFail(dir: string): KnowledgeBase {
  const r = loadKnowledge(dir, ROOT);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.knowledge;
}

let shipped: AssistantKnowledge | undefined;
/** The shipped knowledge with its trained classifier, built once for all tests. */
export function shippedAssistant(): AssistantKnowledge {
  shipped ??= buildAssistantKnowledge(loadOrFail(KNOWLEDGE_DIR));
  return shipped;
}

/** A handoff port in memory: agents online or not, and the requests and tickets it received. */
export class FakeHandoff implements HandoffPort {
  readonly requests: HandoffRequest[] = [];
  readonly tickets: CallbackRequest[] = [];
  constructor(public agentsOnline = 1) {}
  async request(
    _context: TurnContext,
    request: HandoffRequest,
  ): Promise<{ kind: 'queued'; position: number; waitMinutes: number } | { kind: 'unavailable' }> {
    this.requests.push(request);
    return this.agentsOnline > 0
      ? { kind: 'queued', position: this.requests.length, waitMinutes: 3 * this.requests.length }
      : { kind: 'unavailable' };
  }
  async createTicket(request: CallbackRequest): Promise<{ reference: string }> {
    this.tickets.push(request);
    return { reference: `RR-2026-${String(this.tickets.length + 122).padStart(6, '0')}` };
  }
}

export function dialogClient(
  assistant: AssistantKnowledge,
  tenant: string,
  clock: () => Date = () => new Date(),
  handoff?: HandoffPort,
  outcome?: (turn: TurnOutcomeEvent) => void,
): DialogTestClient {
  const conversationState = new ConversationState(new MemoryStorage());
  const dialog = new MainDialog({
    assistant: () => assistant,
    memory: conversationState.createProperty<ConversationMemory>('memory'),
    clock,
    handoff,
    outcome,
  });
  const setTenant: Middleware = {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      context.turnState.set(TENANT_KEY, tenant);
      await next();
    },
  };
  return new DialogTestClient('test', dialog, undefined, [setTenant], conversationState);
}

/** A dialog with the shipped knowledge whose clock stands at `iso` (UTC); for tests of what depends on the time. */
export function shippedClientAt(
  tenant: string,
  iso: string,
  handoff?: HandoffPort,
  outcome?: (turn: TurnOutcomeEvent) => void,
): DialogTestClient {
  return dialogClient(shippedAssistant(), tenant, () => new Date(iso), handoff, outcome);
}

/** Sends a message and returns the bot's reply (one per turn is what the main dialog sends). */
export async function ask(client: DialogTestClient, text: string): Promise<Partial<Activity>> {
  const reply = await client.sendActivity(text);
  if (!reply) throw new Error(`no reply to "${text}"`);
  return reply as Partial<Activity>;
}

export function buttons(activity: Partial<Activity>): string[] {
  return (activity.suggestedActions?.actions ?? []).map((a) => String(a.title));
}

/**
 * The whole bot (AssistantBot with the main dialog, tenants and conversation state) on a given storage, as the
 * app builds it, at a fixed time in business hours; for turns on botbuilder's TestAdapter.
 */
export function assistantBotOn(storage: Storage, observeConflict: () => void = () => undefined): AssistantBot {
  const state = new ConversationState(storage);
  const dialog = new MainDialog({
    assistant: shippedAssistant,
    memory: state.createProperty<ConversationMemory>('memory'),
    clock: () => new Date('2026-11-24T09:00:00Z'),
  });
  const tenants = new TenantResolver(
    state.createProperty<string>('tenant'),
    () => new Set(['wolfsburg', 'gifhorn']),
    'wolfsburg',
    createLogger('silent'),
  );
  return new AssistantBot(state, dialog, tenants, createLogger('silent'), async () => undefined, observeConflict);
}
