/**
 * The Direct Line conversation logic, independent of HTTP: conversations bound to a Kommune, the citizen's
 * activities stored, echoed to the stream (Web Chat needs its own activities back to show them as sent) and
 * handed to the bot; the bot's activities stored and pushed to every open stream of the conversation.
 *
 * The bot is reached in-process through the adapter (bot/adapter/assistantAdapter.ts): activities carry the
 * `serviceUrl` LOCAL_SERVICE_URL, and the adapter hands whatever the bot sends in such a conversation, in a
 * turn or proactively through continueConversationAsync, to the local channel (localChannel.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger';
import type { EventBus } from '../storage/events';
import type { DirectLineStore, StoredConversation } from './directLineStore';
import { DirectLineError } from './errors';
import { announceActivity, CHANNEL_ID, LOCAL_SERVICE_URL, TOPIC_ACTIVITY, type ActivityRecord, type BotIdentity } from './localChannel';
import type { ConversationClaims } from './tokens';

export { DirectLineError };

/**
 * The namespace of this Direct Line's conversation ids. Its conversations are reachable only through it:
 * /api/messages refuses these ids, so that nobody continues a Web Chat citizen's conversation (its state,
 * its agent chat, its saved reference) by posting an activity with its id.
 */
export const CONVERSATION_PREFIX = 'dl-local-';
/** The ids conversations got before the namespace: 18 random bytes, base64url. */
const UNPREFIXED_ID = /^[A-Za-z0-9_-]{24}$/;

export type Listener = (activities: ActivityRecord[], watermark: string) => void;

export interface DirectLineDeps {
  store: DirectLineStore;
  log: Logger;
  bot: BotIdentity;
  /** Runs one bot turn for a channel activity (resolves when the turn is done). */
  deliver: (activity: ActivityRecord) => Promise<void>;
  /** New activities are announced here, so that a stream on another instance hears of them too. */
  events: EventBus;
}

const CLIENT_TYPES = new Set(['message', 'event', 'typing', 'invoke']);
const MAX_ATTACHMENTS = 10;

/** Ids that cannot be guessed: a conversation id is as good as a capability in some places. */
function randomId(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}

/** Checks what a client posts; returns the problem in words, or undefined. */
export function clientActivityProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object (an activity)';
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || !CLIENT_TYPES.has(a.type)) return '"type" must be one of message, event, typing, invoke';
  if (a.text !== undefined && a.text !== null && typeof a.text !== 'string') return '"text" must be a string';
  if (a.attachments !== undefined && (!Array.isArray(a.attachments) || a.attachments.length > MAX_ATTACHMENTS))
    return `"attachments" must be an array of at most ${MAX_ATTACHMENTS}`;
  if (a.channelData !== undefined && a.channelData !== null && (typeof a.channelData !== 'object' || Array.isArray(a.channelData)))
    return '"channelData" must be an object';
  if (a.from !== undefined && a.from !== null && typeof a.from !== 'object') return '"from" must be an object';
  if (a.name !== undefined && typeof a.name !== 'string') return '"name" must be a string';
  return undefined;
}

/**
 * True when a conversation id belongs to this Direct Line: by its namespace, or, for a conversation started
 * before the namespace (an id of that shape only), by a look-up.
 */
export async function ownsConversation(store: DirectLineStore, conversationId: string): Promise<boolean> {
  if (conversationId.startsWith(CONVERSATION_PREFIX)) return true;
  return UNPREFIXED_ID.test(conversationId) && (await store.conversation(conversationId)) !== undefined;
}

export class DirectLineService {
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Turns of one conversation run one after the other, like the public service: no eTag races. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: DirectLineDeps) {
    deps.events.subscribe(TOPIC_ACTIVITY, (e) => {
      if (typeof e.conversationId === 'string') this.broadcast(e.conversationId);
    });
  }

  /** A new conversation for a Kommune (not started yet: tokens/generate and the chat page's token call). */
  create(tenant: string, userId?: string): Promise<StoredConversation> {
    const id = `${CONVERSATION_PREFIX}${randomId()}`;
    return this.deps.store.createConversation(id, tenant, userId ?? `dl_${randomId(12)}`);
  }

  conversation(id: string): Promise<StoredConversation | undefined> {
    return this.deps.store.conversation(id);
  }

  /** True when a conversation id belongs to this Direct Line (ownsConversation). */
  owns(conversationId: string): Promise<boolean> {
    return ownsConversation(this.deps.store, conversationId);
  }

  /** The conversation a token opens, or the reason why not. */
  async authorise(claims: ConversationClaims | undefined, conversationId?: string): Promise<StoredConversation> {
    if (!claims) throw new DirectLineError(403, 'TokenInvalid', 'The token is invalid or expired.');
    if (conversationId !== undefined && claims.conversationId !== conversationId) {
      throw new DirectLineError(403, 'Forbidden', 'The token is not valid for this conversation.');
    }
    const conversation = await this.deps.store.conversation(claims.conversationId);
    if (!conversation) throw new DirectLineError(404, 'NotFound', 'Unknown conversation.');
    if (conversation.tenant !== claims.tenant) throw new DirectLineError(403, 'Forbidden', 'The token is not valid for this conversation.');
    return conversation;
  }

  /**
   * Starts a conversation: the first time, the bot hears that the citizen joined (and greets). Resolves after
   * that turn, so the greeting is already there when the client opens the stream. `locale`: the chat page's
   * language (from its token), given to the bot as the conversationUpdate's `locale`.
   */
  async start(conversation: StoredConversation, locale?: string): Promise<void> {
    if (!(await this.deps.store.start(conversation.id))) return;
    const update: ActivityRecord = {
      type: 'conversationUpdate',
      id: randomId(),
      timestamp: new Date().toISOString(),
      membersAdded: [
        { id: this.deps.bot.id, name: this.deps.bot.name, role: 'bot' },
        { id: conversation.userId, role: 'user' },
      ],
      from: { id: conversation.userId, role: 'user' },
      ...(locale ? { locale } : {}),
    };
    await this.serialised(conversation.id, () => this.toBot(conversation, update));
  }

  /** A citizen's activity: stored, echoed to the stream, then handed to the bot. Returns its id. */
  async fromClient(conversation: StoredConversation, body: unknown): Promise<{ id: string }> {
    const problem = clientActivityProblem(body);
    if (problem) throw new DirectLineError(400, 'BadArgument', problem);
    const posted = body as ActivityRecord;
    const channelData = { ...((posted.channelData as Record<string, unknown> | undefined) ?? {}), tenant: conversation.tenant };
    const from = posted.from as { name?: unknown } | undefined;
    const { activity } = await this.deps.store.append(conversation.id, (id) => ({
      ...posted,
      id,
      timestamp: new Date().toISOString(),
      channelId: CHANNEL_ID,
      conversation: { id: conversation.id },
      // The token decides who speaks: a client cannot post as the bot or as another user.
      from: { id: conversation.userId, ...(typeof from?.name === 'string' ? { name: from.name.slice(0, 100) } : {}), role: 'user' },
      recipient: { id: this.deps.bot.id, name: this.deps.bot.name, role: 'bot' },
      channelData,
      locale: typeof posted.locale === 'string' ? posted.locale : 'de-DE',
      serviceUrl: undefined,
      replyToId: undefined,
    }));
    await announceActivity(this.deps.events, this.deps.log, conversation.id);
    const id = activity.id as string;
    await this.serialised(conversation.id, () => this.toBot(conversation, activity));
    return { id };
  }

  /** Activities after a watermark, with the new watermark (Direct Line's ActivitySet). */
  async activities(conversationId: string, watermark: number): Promise<{ activities: ActivityRecord[]; watermark: string }> {
    const found = await this.deps.store.after(conversationId, watermark);
    const last = found.length > 0 ? found[found.length - 1].seq : Math.min(watermark, await this.deps.store.watermark(conversationId));
    return { activities: found.map((f) => f.activity), watermark: String(last) };
  }

  /**
   * Subscribes a stream: first what came after its watermark, then every new activity. The listener is in
   * place before the backlog is read, and its reads run one after the other from the last activity it got,
   * so nothing falls between them and nothing comes twice.
   */
  subscribe(conversationId: string, watermark: number, listener: Listener): () => void {
    let seen = watermark;
    let closed = false;
    let pumping: Promise<void> = Promise.resolve();
    const pump = async (): Promise<void> => {
      if (closed) return;
      const next = await this.deps.store.after(conversationId, seen);
      if (next.length === 0 || closed) return;
      seen = next[next.length - 1].seq;
      listener(
        next.map((n) => n.activity),
        String(seen),
      );
    };
    const guarded: Listener = () => {
      pumping = pumping.then(pump).catch((err: Error) => this.deps.log.warn({ err: err.message }, 'Direct Line stream read failed'));
    };
    let set = this.listeners.get(conversationId);
    if (!set) this.listeners.set(conversationId, (set = new Set()));
    set.add(guarded);
    guarded([], '');
    return () => {
      closed = true;
      set?.delete(guarded);
      if (set?.size === 0) this.listeners.delete(conversationId);
    };
  }

  private broadcast(conversationId: string): void {
    for (const listener of this.listeners.get(conversationId) ?? []) {
      try {
        listener([], '');
      } catch (err) {
        this.deps.log.warn({ err: (err as Error).message }, 'Direct Line stream listener failed');
      }
    }
  }

  private toBot(conversation: StoredConversation, activity: ActivityRecord): Promise<void> {
    const forBot: ActivityRecord = {
      ...activity,
      channelId: CHANNEL_ID,
      serviceUrl: LOCAL_SERVICE_URL,
      conversation: { id: conversation.id },
      recipient: { id: this.deps.bot.id, name: this.deps.bot.name, role: 'bot' },
      // Set here, never taken from the client: the Kommune is the token's.
      channelData: { ...((activity.channelData as Record<string, unknown> | undefined) ?? {}), tenant: conversation.tenant },
    };
    return this.deps.deliver(forBot);
  }

  private serialised<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(conversationId, settled);
    void settled.then(() => {
      if (this.queues.get(conversationId) === settled) this.queues.delete(conversationId);
    });
    return run;
  }
}
