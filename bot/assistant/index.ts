/**
 * The bot built from the configuration, the storage and the live knowledge: conversation state, the main
 * dialog, the Kommune of a conversation, the turn lock and the AssistantBot, with what it records for the
 * editors (unanswered questions, conversation outcomes) and the Kommune's voice for the speech channel.
 */
import { ConversationState, type TurnContext } from 'botbuilder';
import type { AssistantKnowledge } from '../../dialogs/assistantKnowledge';
import type { HandoffPort } from '../../dialogs/handoffPort';
import { LANGUAGE_KEY, MainDialog, TENANT_KEY, type UnderstoodTurn } from '../../dialogs/mainDialog';
import type { LanguageCode } from '../../knowledge/schema';
import type { ConversationMemory } from '../../dialogs/routing';
import { DEFAULT_VOICE, type Voice } from '../../dialogs/voice';
import { tenantTexts } from '../../dialogs/tenantTexts';
import type { Texts } from '../../knowledge/texts/texts';
import { AssistantBot } from '../assistantBot';
import type { Logger } from '../logger';
import type { FeatureDeps } from '../feature';
import { OutcomeStore, RESOLUTION_DAYS } from '../storage/outcomeStore';
import type { RetentionPart } from '../storage/retention';
import { SqlStorage } from '../storage/sqlStorage';
import { OTHER_SERVICE_GUESS, UnansweredStore } from '../storage/unansweredStore';
import { TenantResolver } from '../tenant';
import { ASSISTANT_SCHEMA } from './migrations';

export { ASSISTANT_SCHEMA };

export interface AssistantOptions {
  defaultTenant: string;
  unansweredRetentionDays: number;
  turnLockWaitMs: number;
}

export interface AssistantDeps extends FeatureDeps<AssistantOptions, AssistantKnowledge> {
  /** The dialogs' way to a person (the handoff queue). */
  handoff: HandoffPort;
}

export type ForgetListener = (conversationId: string) => Promise<void>;

export interface Assistant {
  readonly bot: AssistantBot;
  /** Runs one turn (the bot's run: one at a time per conversation). */
  run(context: TurnContext): Promise<void>;
  /** Starts the dialog's callback offer in this (proactive) turn. */
  offerCallback(context: TurnContext, text: string): Promise<void>;
  /** The conversation's Kommune, resolved and kept as in a turn. */
  tenantOf(context: TurnContext): Promise<string>;
  /** The Kommune's voice: from the turn's tenant, or (proactive messages) from the conversation's stored one. */
  voiceOf(context: TurnContext): Promise<string | Voice>;
  /** The Kommune's words, found like its voice (the default Kommune's when the conversation has none): the apology. */
  textsOf(context: TurnContext): Promise<Texts>;
  /** The words of a Kommune by id, the default Kommune's for an unknown one (notices outside a turn). */
  textsFor(tenant: string | undefined, language?: string): Texts;
  /**
   * "Bitte löschen Sie meine Daten": after the bot deleted the conversation's state, each listener deletes what
   * its feature keeps, in the order they subscribed. Features subscribe once they exist (the bot comes first).
   */
  onForget(listener: ForgetListener): void;
  /** Old conversation state, expired unanswered questions and outcomes. */
  readonly retention: RetentionPart;
}

/** A message the assistant could not answer goes to the editors' report, under its closest guess. */
function recordUnanswered(unanswered: UnansweredStore, log: Logger): (turn: UnderstoodTurn) => void {
  return (turn) => {
    if (turn.decision !== 'not-understood' && turn.decision !== 'other-service') return;
    const u = turn.understood;
    const guess = u.alternatives.find((a) => a.intent !== 'none')?.intent ?? 'none';
    // A known service not answered yet is recorded by its id: the editors' report groups by it.
    const recorded = u.otherService ? `${OTHER_SERVICE_GUESS}${u.otherService}` : u.service ? `${guess}/${u.service}` : guess;
    unanswered
      .add(turn.tenant, turn.text, recorded)
      .catch((err: Error) => log.warn({ err: err.message }, 'unanswered question not recorded'));
  };
}

export function createAssistant(deps: AssistantDeps): Assistant {
  const { config, log, backend, metrics, knowledge } = deps;
  const db = backend.database(ASSISTANT_SCHEMA.database);
  const storage = new SqlStorage(db);
  const unanswered = new UnansweredStore(db, config.unansweredRetentionDays);
  const outcomes = new OutcomeStore(db, config.unansweredRetentionDays);
  metrics.watchResolution(() => outcomes.resolution(RESOLUTION_DAYS));
  const conversationState = new ConversationState(storage);
  const unansweredQuestion = recordUnanswered(unanswered, log);
  const memory = conversationState.createProperty<ConversationMemory>('memory');
  const dialog = new MainDialog({
    assistant: knowledge,
    memory,
    clock: deps.clock,
    handoff: deps.handoff,
    observe: (turn) => {
      metrics.observeTurn(turn);
      unansweredQuestion(turn);
    },
    outcome: (turn) => {
      outcomes
        .record(turn.conversation, turn.tenant, turn.outcome)
        .catch((err: Error) => log.warn({ err: err.message }, 'conversation outcome not recorded'));
    },
  });
  const storedTenant = conversationState.createProperty<string>('tenant');
  const tenants = new TenantResolver(storedTenant, () => new Set(knowledge().knowledge.tenants.keys()), config.defaultTenant, log);
  const forgetting: ForgetListener[] = [];
  const forgetElsewhere = async (conversationId: string): Promise<void> => {
    for (const forget of forgetting) await forget(conversationId);
  };
  // Turns of one conversation one at a time: a queue in this process, and with PostgreSQL an advisory lock across instances.
  const turnLock = backend.turnLock({
    log,
    waitMs: config.turnLockWaitMs,
    onTimeout: (scope) => metrics.turnLockTimeouts.inc({ scope }),
    onError: () => metrics.errors.inc({ kind: 'turn-lock' }),
  });
  const bot = new AssistantBot(conversationState, dialog, tenants, log, forgetElsewhere, () => metrics.stateConflicts.inc(), turnLock);
  // The turn's Kommune, or (proactive messages) the conversation's stored one.
  const tenantIdOf = async (context: TurnContext): Promise<string | undefined> =>
    (context.turnState.get(TENANT_KEY) as string | undefined) ?? (await storedTenant.get(context));
  const textsFor = (id: string | undefined, language?: string): Texts =>
    tenantTexts(knowledge().knowledge.inLanguage((language as LanguageCode | undefined) ?? 'de'), id, config.defaultTenant);
  return {
    bot,
    run: (context) => bot.run(context),
    offerCallback: (context, text) => bot.offerCallback(context, text),
    tenantOf: (context) => bot.tenantOf(context),
    async voiceOf(context) {
      const id = await tenantIdOf(context);
      // A turn of the citizen's has its language; a message outside them (a handoff notice, an agent's words)
      // the conversation's.
      const language =
        (context.turnState.get(LANGUAGE_KEY) as LanguageCode | undefined) ??
        (await memory.get(context).catch(() => undefined))?.language ??
        'de';
      const settings = knowledge().knowledge.languages.get(language)?.settings;
      // German in the Kommune's own voice; another language in the voice its settings name.
      if (language === 'de' || !settings) return (id && knowledge().knowledge.tenants.get(id)?.stimme) || DEFAULT_VOICE;
      return { name: settings.stimme, locale: settings.ssml };
    },
    async textsOf(context) {
      // The apology of a failed turn: a storage that cannot be read leaves the default Kommune's words.
      return textsFor(await tenantIdOf(context).catch(() => undefined));
    },
    textsFor,
    onForget: (listener) => void forgetting.push(listener),
    retention: {
      transcripts: (before) => storage.purgeBefore(before),
      others: async (now) => (await unanswered.expire(new Date(now))) + (await outcomes.expire(now)),
    },
  };
}
