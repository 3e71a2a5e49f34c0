/**
 * The dialogs' HandoffPort on the real machinery: queue through the hub's CitizenQueue (and the Bot Framework
 * `handoff.initiate` event with the transcript, for a contact-center platform), tickets in the store.
 */
import { EventFactory, TurnContext, type Activity } from 'botbuilder';
import type { CallbackRequest, HandoffOutcome, HandoffPort, HandoffRequest } from '../../dialogs/handoffPort';
import { berlinParts } from '../../knowledge/calendar/berlinTime';
import type { Logger } from '../logger';
import type { HandoffHub } from './hub';
import type { HandoffStore, Message } from './handoffStore';

/** A transcript line as an activity; a bot line in another language carries it and its German original as it was sent. */
function transcriptActivity(m: Message, context: TurnContext): Partial<Activity> {
  const bot = context.activity.recipient;
  const citizen = context.activity.from;
  return {
    type: 'message',
    text: m.text,
    timestamp: new Date(m.at),
    from: m.sender === 'citizen' ? citizen : { ...bot, name: m.author ?? bot?.name ?? 'assistant' },
    conversation: context.activity.conversation,
    ...(m.language ? { channelData: m.original ? { language: m.language, original: m.original } : { language: m.language } } : {}),
  };
}

export class HandoffService implements HandoffPort {
  constructor(
    private readonly store: HandoffStore,
    private readonly hub: Pick<HandoffHub, 'queue' | 'consoles'>,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
    /** Told about every request for a person and how it went (metrics). */
    private readonly observe: (reason: string, outcome: HandoffOutcome['kind']) => void = () => undefined,
    /** The clock of callback tickets: the one the dialogs decide wished times by (ASSISTANT_CLOCK_START in tests). */
    private readonly ticketClock: () => number = clock,
  ) {}

  async request(context: TurnContext, request: HandoffRequest): Promise<HandoffOutcome> {
    const outcome = await this.tryRequest(context, request);
    this.observe(request.reason, outcome.kind);
    return outcome;
  }

  private async tryRequest(context: TurnContext, request: HandoffRequest): Promise<HandoffOutcome> {
    if ((await this.hub.queue.agentsOnline()) === 0) return { kind: 'unavailable' };
    const conversationId = context.activity.conversation.id;
    await this.store.saveReference(conversationId, TurnContext.getConversationReference(context.activity), request.tenant, this.clock());
    const { handoff, position, waitMinutes } = await this.hub.queue.request(conversationId, request);
    const transcript = {
      activities: (await this.store.transcript(conversationId)).map((m) => transcriptActivity(m, context)) as Activity[],
    };
    const initiate = EventFactory.createHandoffInitiation(
      context,
      {
        handoffId: handoff.id,
        tenant: request.tenant,
        topic: request.topic,
        intent: request.intent,
        service: request.service,
        reason: request.reason,
        language: handoff.language ?? undefined,
      },
      transcript,
    );
    // Sent with the turn's replies (bot/holdReplies.ts); a channel that refuses the event is logged there and
    // does not keep the citizen's own replies back.
    await context.sendActivity(initiate);
    return { kind: 'queued', position, waitMinutes };
  }

  async createTicket(request: CallbackRequest): Promise<{ reference: string }> {
    const now = this.ticketClock();
    // The same request again within a minute (a turn run again after a conflict, a double submit): one ticket.
    const same = request.conversationId
      ? await this.store.recentTicket(request.conversationId, request.phone, request.wishedAt.getTime(), now - 60_000)
      : undefined;
    if (same) return { reference: same.reference };
    const ticket = await this.store.createTicket(
      {
        conversationId: request.conversationId,
        tenant: request.tenant,
        topic: request.topic,
        service: request.service ?? null,
        phone: request.phone,
        phoneDisplay: request.phoneDisplay,
        wishedAt: request.wishedAt.getTime(),
        wishedText: request.wishedText,
        dueAt: request.dueAt?.getTime(),
      },
      berlinParts(new Date(now)).date.y,
      now,
    );
    this.log.info({ ticket: ticket.reference, tenant: ticket.tenant }, 'callback ticket created');
    await this.hub.consoles.ticketsChanged();
    return { reference: ticket.reference };
  }
}
