/**
 * The main dialog: understands each message, decides (routing.ts) and answers from the knowledge of the
 * conversation's Kommune. When the service is missing or ambiguous it asks back with suggested actions.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogContextError,
  DialogSet,
  DialogTurnStatus,
  TextPrompt,
  WaterfallDialog,
  type DialogContext,
  type DialogState,
  type DialogStateManagerConfiguration,
  type WaterfallStepContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { LanguageCode, Office, TenantFile } from '../knowledge/schema';
import type { KnowledgeBase } from '../knowledge/loader';
import type { LocalizedService } from '../knowledge/translations';
import { tenantOrDefault } from './tenantTexts';
import { localOffice, serviceForTenant, verwaltungOf } from '../knowledge/resolve';
import type { AssistantKnowledge } from './assistantKnowledge';
import { askedTime, type AskedTime } from '../intents/askedTime';
import { serviceChosen, type Understanding } from '../intents/understanding';
import {
  decide,
  isHoursQuestion,
  misunderstandingsAfter,
  routeOf,
  type ConversationMemory,
  type Decision,
  type RememberedPlace,
  type ServiceIntent,
} from './routing';
import { composeServiceAnswer, placeAnswer } from './answers/serviceReply';
import { otherServiceAnswer } from './answers/otherServiceAnswers';
import type { Reply } from './answers/reply';
import { officeContactAnswer, officeHoursAnswer, serviceCenterHoursAnswer } from './answers/serviceAnswers';
import {
  POPULAR_SERVICES,
  askServiceAnswer,
  goodbyeAnswer,
  greetingAnswer,
  helpAnswer,
  outOfScopeAnswer,
  rephraseAnswer,
  serviceButtons,
} from './answers/conversationAnswers';
import { closedOfferText, noAgentOfferText, queuedAnswer, type HandoffReason } from './answers/handoffAnswers';
import { isOpen, serviceCenterCalendar } from '../knowledge/calendar/businessCalendar';
import { CALLBACK_DIALOG, CallbackDialog, type CallbackOptions } from './callbackDialog';
import { CALLBACK_OFFER_DIALOG, CallbackOfferDialog, isReroute, type CallbackOfferOptions } from './callbackOfferDialog';
import type { HandoffPort } from './handoffPort';
import { LANGUAGE_KEY } from './turnLanguage';
import { buttonValueOf, toActivity } from './replyActivity';
import {
  languageChosenAnswer,
  noiseAnswer,
  notTranslatedAnswer,
  offeredLanguages,
  otherLanguageAnswer,
  translationNote,
} from './answers/languageAnswers';
import { traitsOf } from '../intents/language';
import { isYes, saysNotHelped } from '../intents/shortReplies';
import { DELETE_DATA_DIALOG, DeleteDataDialog } from './deleteDataDialog';
import { TEXT_CATALOG, type TextId } from '../knowledge/texts/catalog';
import type { Texts } from '../knowledge/texts/texts';

/** Where the bot puts the conversation's tenant id for the dialogs of this turn. */
export const TENANT_KEY = Symbol('tenant');
export { LANGUAGE_KEY } from './turnLanguage';

/** The language of a client's locale ("en-GB" → en), when the Kommune offers it. */
function localeLanguage(locale: string | undefined, offered: readonly LanguageCode[]): LanguageCode | undefined {
  const code = locale?.slice(0, 2).toLowerCase();
  return offered.find((l) => l === code);
}

export interface MainDialogDeps {
  /** The current knowledge (a function: it can be reloaded while conversations go on). */
  assistant: () => AssistantKnowledge;
  memory: StatePropertyAccessor<ConversationMemory>;
  clock: () => Date;
  /** Queue and callback tickets (bot/handoff); without it, a person is never available and callbacks cannot be stored. */
  handoff?: HandoffPort;
  /** Told about every understood message (metrics, the report of unanswered questions). */
  observe?: (turn: UnderstoodTurn) => void;
  /** Told how each message ended, for first-contact resolution per conversation. */
  outcome?: (turn: TurnOutcomeEvent) => void;
}

/** What one message came to: an answer, no answer, a person (queue or callback), or "nicht geholfen". */
export type TurnOutcome = 'answered' | 'unanswered' | 'escalated' | 'not-helped';
export interface TurnOutcomeEvent {
  conversation: string;
  tenant: string;
  outcome: TurnOutcome;
}

export interface UnderstoodTurn {
  tenant: string;
  text: string;
  understood: Understanding;
  decision: Decision['kind'];
}

/** botbuilder-dialogs' error for a dialog id on the stack that no dialog set knows. */
const isUnknownDialog = (err: unknown): boolean =>
  err instanceof DialogContextError && /dialog with an id of '.*' wasn't found/.test(err.message);

const MAIN_FLOW = 'mainFlow';
const SERVICE_PROMPT = 'servicePrompt';

/**
 * Where botbuilder-dialogs keeps the memory scopes and path resolvers of a turn (DialogStateManager). It
 * builds them for the first dialog context of every turn (a service collection, a dependency graph and a
 * zod check of the settings: about 0.06 ms); they hold no state of their own, so one set serves every turn,
 * as DialogManager's `stateConfiguration` does.
 */
const STATE_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

/** What a message means, with what the conversation remembers: read once per message. */
interface Reading {
  /** The Kommune, in the words of the turn's language. */
  tenant: TenantFile;
  /** The knowledge in the turn's language. */
  knowledge: KnowledgeBase;
  language: LanguageCode;
  text: string;
  memory: ConversationMemory;
  /** „Das hat mir nicht geholfen“ (routing.ts sends it straight to a person). */
  notHelped: boolean;
  office: Office | undefined;
  understood: Understanding;
  decision: Decision;
}
/** Where run() leaves its reading of the message for routeStep (the same turn, the same message). */
const READING_KEY = Symbol('reading');

/** The buttons of the dialogs' questions (knowledge/texte/<sprache>/schaltflaechen.yaml). */
type ButtonKey = `schaltflaechen.${keyof typeof TEXT_CATALOG.schaltflaechen.texte}`;
const BUTTON_KEYS = Object.keys(TEXT_CATALOG.schaltflaechen.texte).map((k) => `schaltflaechen.${k}` as ButtonKey);

/** What a service question is about, for the agent and the ticket ("Kosten – Reisepass beantragen"). */
const INTENT_TOPIC = {
  documents: 'anliegen.themaUnterlagen',
  fees: 'anliegen.themaKosten',
  howto: 'anliegen.themaAblauf',
  contact: 'anliegen.themaZustaendig',
  hours: 'anliegen.themaOeffnungszeiten',
} as const satisfies Record<ServiceIntent, TextId>;

/** How a message handed to a person counts for first-contact resolution. */
const PERSON_OUTCOME: Record<'not-helped' | 'agent' | 'misunderstood', TurnOutcome> = {
  'not-helped': 'not-helped',
  agent: 'escalated',
  misunderstood: 'unanswered',
};

/** What the assistant will gladly do, before "Um welche Leistung geht es?". */
const ASK_SERVICE_QUESTION = {
  documents: 'anliegen.frageUnterlagen',
  fees: 'anliegen.frageKosten',
  howto: 'anliegen.frageAblauf',
  contact: 'anliegen.frageZustaendig',
  hours: 'anliegen.frageOeffnungszeiten',
} as const satisfies Record<ServiceIntent, TextId>;

export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: MainDialogDeps) {
    super('mainDialog');
    this.addDialog(new TextPrompt(SERVICE_PROMPT));
    this.addDialog(new DeleteDataDialog((context) => this.tenant(context).texts));
    const callbackDeps = { assistant: deps.assistant, clock: deps.clock, handoff: deps.handoff };
    this.addDialog(new CallbackDialog(callbackDeps));
    this.addDialog(new CallbackOfferDialog(callbackDeps));
    this.addDialog(new WaterfallDialog(MAIN_FLOW, [this.routeStep.bind(this), this.afterQuestionStep.bind(this)]));
    this.initialDialogId = MAIN_FLOW;
  }

  private stateConfiguration: DialogStateManagerConfiguration | undefined;

  /** A dialog context for this turn, with the memory configuration of earlier turns. */
  private async createContext(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<DialogContext> {
    if (this.stateConfiguration && !context.turnState.has(STATE_CONFIGURATION_KEY)) {
      context.turnState.set(STATE_CONFIGURATION_KEY, this.stateConfiguration);
    }
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    this.stateConfiguration ??= context.turnState.get(STATE_CONFIGURATION_KEY) as DialogStateManagerConfiguration | undefined;
    return dc;
  }

  /**
   * Runs the dialog for one turn, continuing a pending question or starting anew. Most messages are a
   * question with nothing pending, answered in one step: those are answered here directly, without building
   * the dialog stack for a single waterfall step that would end at once (a fifth of a turn's time). Whatever
   * asks back, escalates or continues a pending question goes through the dialogs.
   */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const pending = (await dialogState.get(context))?.dialogStack?.length ?? 0;
    // A dialog that continues (a callback's questions) answers in the conversation's language; a button it offered,
    // pressed in that language, is read as its German title (the words its questions understand).
    if (!context.turnState.has(LANGUAGE_KEY))
      context.turnState.set(LANGUAGE_KEY, (await this.deps.memory.get(context, { misunderstandings: 0 })).language ?? 'de');
    if (pending > 0 && typeof context.activity.text === 'string') context.activity.text = this.germanButton(context, context.activity.text);
    if (pending === 0) {
      const reading = await this.read(context);
      if (routeOf(reading).kind === 'answer') {
        await this.sendAnswer(context, reading);
        return;
      }
      context.turnState.set(READING_KEY, reading);
    }
    let dc = await this.createContext(context, dialogState);
    let result: DialogTurnResult;
    try {
      result = await dc.continueDialog();
    } catch (err) {
      // A conversation saved by an earlier release can stand in a dialog this one no longer has (renamed or moved,
      // e.g. the callback offer's own dialog): it would fail on every turn. It starts afresh with this message.
      if (!isUnknownDialog(err)) throw err;
      await dialogState.set(context, { dialogStack: [] });
      dc = await this.createContext(context, dialogState);
      result = { status: DialogTurnStatus.empty };
    }
    if (result.status === DialogTurnStatus.empty || (result.status === DialogTurnStatus.complete && isReroute(result.result))) {
      await dc.beginDialog(this.id);
    }
  }

  /**
   * Offers a callback outside the citizen's own turn (no agent accepted in time, a contact-center platform
   * failed): whatever the conversation was doing is cancelled, and the citizen's next answer goes to the offer.
   */
  async offerCallback(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>, text: string): Promise<void> {
    const dc = await this.createContext(context, dialogState);
    await dc.cancelAllDialogs();
    const memory = await this.deps.memory.get(context, { misunderstandings: 0 });
    const options: CallbackOfferOptions = {
      offer: text,
      tenant: this.tenant(context).id,
      topic: this.topicOf(memory, this.germanTenant(context).texts),
      service: memory.lastService,
    };
    await dc.beginDialog(this.id, options);
  }

  protected override async onBeginDialog(inner: DialogContext, options?: object): Promise<DialogTurnResult> {
    if (typeof (options as CallbackOfferOptions | undefined)?.offer === 'string') return inner.beginDialog(CALLBACK_OFFER_DIALOG, options);
    return super.onBeginDialog(inner, options);
  }

  /** The greeting, in the language of the client's locale when the Kommune offers it (the chat page's language). */
  async greet(context: TurnContext): Promise<void> {
    const offered = offeredLanguages(this.deps.assistant().knowledge, this.germanTenant(context));
    const language = localeLanguage(context.activity.locale, offered) ?? 'de';
    context.turnState.set(LANGUAGE_KEY, language);
    if (language !== 'de')
      await this.deps.memory.set(context, { ...(await this.deps.memory.get(context, { misunderstandings: 0 })), language });
    await context.sendActivity(toActivity(greetingAnswer(this.tenant(context))));
  }

  /** The reply texts of the turn's Kommune (the default Kommune's when the turn has none), in the turn's language. */
  textsOf(context: TurnContext): Texts {
    return this.tenant(context).texts;
  }

  /** The turn's Kommune in the words of the turn's language (German until the message is read). */
  private tenant(context: TurnContext): TenantFile {
    const language = (context.turnState.get(LANGUAGE_KEY) as LanguageCode | undefined) ?? 'de';
    return tenantOrDefault(this.deps.assistant().knowledge.inLanguage(language), context.turnState.get(TENANT_KEY) as string | undefined);
  }

  /** A button title of the turn's language as the German title of the same button; any other text as it is. */
  private germanButton(context: TurnContext, text: string): string {
    const own = this.tenant(context).texts;
    if (own.language === 'de') return text;
    const pressed = text.trim();
    // Button titles have no placeholders.
    const title = (texts: Texts, key: ButtonKey): string => texts.render(key as 'schaltflaechen.abbrechen');
    const key = BUTTON_KEYS.find((k) => title(own, k) === pressed);
    return key ? title(this.germanTenant(context).texts, key) : text;
  }

  /** The turn's Kommune in German: what agents and tickets read. */
  private germanTenant(context: TurnContext): TenantFile {
    return tenantOrDefault(this.deps.assistant().knowledge, context.turnState.get(TENANT_KEY) as string | undefined);
  }

  /**
   * The language of this message: the one asked for ("in English please"), else the one it is written in, else
   * the conversation's (a short "ok" or a borrowed word says nothing), else the client's locale, else German.
   */
  private languageOf(context: TurnContext, text: string, memory: ConversationMemory, byButton: boolean) {
    const assistant = this.deps.assistant();
    const offered = offeredLanguages(assistant.knowledge, this.germanTenant(context));
    const before = memory.language ?? localeLanguage(context.activity.locale, offered) ?? 'de';
    if (byButton) return { language: before, unsupported: false, switchTo: undefined };
    const requested = assistant.languages.requested(text);
    if (requested && offered.includes(requested.language)) {
      // A request alone switches ("English please"); a question asked with it is answered in that language.
      return { language: requested.language, unsupported: false, switchTo: requested.otherWords < 3 ? requested.language : undefined };
    }
    const guess = assistant.languages.identify(text, before);
    const unsupported = guess.unsupported || (guess.language !== undefined && !offered.includes(guess.language));
    return { language: unsupported || !guess.language ? before : guess.language, unsupported, switchTo: undefined };
  }

  /** Understands the message and decides what to do with it (told to `observe` once per message). */
  private async read(context: TurnContext): Promise<Reading> {
    const assistant = this.deps.assistant();
    const memory = await this.deps.memory.get(context, { misunderstandings: 0 });
    // A service chosen by its button is read from the button's value; its name's words are not the question.
    const chosen = buttonValueOf(context.activity)?.service;
    const byButton = chosen !== undefined && assistant.knowledge.services.has(chosen);
    const text = byButton ? '' : (context.activity.text ?? '');
    const { language, unsupported, switchTo } = this.languageOf(context, text, memory, byButton);
    context.turnState.set(LANGUAGE_KEY, language);
    const knowledge = assistant.knowledge.inLanguage(language);
    const tenant = this.tenant(context);
    const understood = byButton
      ? serviceChosen(chosen)
      : assistant.understandingIn(language).understand(text, { service: memory.lastService, tenant: tenant.id });
    const office = assistant.officeMatchers.get(tenant.id)?.match(text);
    // The buttons for a person and a callback, pressed in any language: the request, whatever the words.
    const pressed = text.trim();
    const request =
      pressed === tenant.texts.render('schaltflaechen.mitPersonSprechen')
        ? ('agent' as const)
        : pressed === tenant.texts.render('schaltflaechen.rueckrufVereinbaren')
          ? ('callback' as const)
          : undefined;
    const traits = traitsOf(text, unsupported ? 'other' : 'own', switchTo);
    const decision = decide(understood, memory, {
      namesOffice: office !== undefined,
      saysYes: isYes(text) && text.trim().split(/\s+/).length <= 4,
      message: request && language !== 'de' ? { ...traits, request } : traits,
    });
    const notHelped = saysNotHelped(text);
    if (!notHelped) this.deps.observe?.({ tenant: tenant.id, text: context.activity.text ?? '', understood, decision: decision.kind });
    return { tenant, knowledge, language, text, memory: { ...memory, language }, notHelped, office, understood, decision };
  }

  /** A question answered in this turn: the answer, and what the conversation remembers of it. */
  private async sendAnswer(context: TurnContext, reading: Reading): Promise<void> {
    const { decision, tenant, office, text, understood, knowledge, language } = reading;
    if (decision.kind === 'ask-service') throw new Error('ask-service is no answer');
    // Only hours questions need the date/time recognizer ("Hat das Standesamt am Freitagnachmittag auf?").
    const asked = isHoursQuestion(decision) ? askedTime(text, this.deps.clock()) : undefined;
    // A place named now is remembered for the rest of the conversation ("Ich wohne in Wasbüttel").
    const place: RememberedPlace | undefined = understood.place
      ? { tenant: understood.place.tenant, verwaltung: understood.place.verwaltung.id, name: understood.place.name }
      : reading.memory.place;
    const memory: ConversationMemory = { ...reading.memory, place, offeredAllDocuments: false };
    const { reply, memory: next } = this.answer(decision, memory, tenant, office, asked, text, knowledge);
    const answered = decision.kind === 'answer' || decision.kind === 'office' || decision.kind === 'place';
    if (answered || decision.kind === 'not-understood' || decision.kind === 'other-language')
      this.report(context, tenant, answered ? 'answered' : 'unanswered');
    await this.deps.memory.set(context, next);
    const activity = toActivity(reply);
    if (language !== 'de') {
      // The agents' console shows the German wording beside the translation (the same answer, in German).
      const german = this.answer(decision, memory, this.germanTenant(context), office, asked, text, this.deps.assistant().knowledge);
      activity.channelData = { ...(activity.channelData as object | undefined), original: german.reply.text };
    }
    await context.sendActivity(activity);
  }

  private report(context: TurnContext, tenant: TenantFile, outcome: TurnOutcome): void {
    const conversation = context.activity.conversation?.id;
    if (conversation) this.deps.outcome?.({ conversation, tenant: tenant.id, outcome });
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const given = context.turnState.get(READING_KEY) as Reading | undefined;
    context.turnState.delete(READING_KEY);
    const reading = given ?? (await this.read(context));
    const { tenant, memory } = reading;
    const route = routeOf(reading);
    switch (route.kind) {
      case 'answer':
        await this.sendAnswer(context, reading);
        return step.endDialog();
      case 'person':
        this.report(context, tenant, PERSON_OUTCOME[route.reason]);
        return this.escalate(step, route.reason, memory);
      case 'ask-service':
        return this.askService(step, reading);
      case 'callback': {
        this.report(context, tenant, 'escalated');
        await this.deps.memory.set(context, { ...memory, misunderstandings: 0 });
        const options: CallbackOptions = {
          tenant: tenant.id,
          topic: this.topicOf(memory, this.germanTenant(context).texts),
          service: memory.lastService,
          request: reading.text,
        };
        return step.beginDialog(CALLBACK_DIALOG, options);
      }
      case 'delete-data':
        await this.deps.memory.set(context, { ...memory, misunderstandings: 0 });
        return step.beginDialog(DELETE_DATA_DIALOG);
    }
  }

  /** "Um welche Leistung geht es?": the answer is routed like any message, with the pending intent and fact remembered. */
  private async askService(step: WaterfallStepContext, reading: Reading): Promise<DialogTurnResult> {
    const { decision, memory } = reading;
    if (decision.kind !== 'ask-service') throw new Error(`ask-service route for a ${decision.kind} decision`);
    await this.deps.memory.set(step.context, {
      ...memory,
      lastIntent: decision.intent,
      lastService: undefined,
      lastFacet: reading.understood.facet ?? undefined,
    });
    const choices = decision.candidates.length > 0 ? decision.candidates : POPULAR_SERVICES;
    const texts = reading.tenant.texts;
    const reply = askServiceAnswer(
      texts,
      texts.render(ASK_SERVICE_QUESTION[decision.intent]),
      serviceButtons(this.deps.assistant().knowledge, choices),
    );
    return step.prompt(SERVICE_PROMPT, { prompt: toActivity(reply) });
  }

  /**
   * After a question: the answer to "which service?" (a string) is handled as a new message (the intent is
   * remembered), as is any message that was no answer to a callback offer; a finished callback ends here.
   */
  private async afterQuestionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (typeof step.result === 'string' || isReroute(step.result)) return step.replaceDialog(MAIN_FLOW);
    return step.endDialog();
  }

  /** "Kosten – Reisepass beantragen": what the conversation was about, for the agent and the ticket. */
  private topicOf(memory: ConversationMemory, texts: Texts): string | undefined {
    const { knowledge } = this.deps.assistant();
    const other = memory.lastOtherService ? knowledge.otherServices.get(memory.lastOtherService)?.name : undefined;
    if (other && !memory.lastService) return texts.render('anliegen.nochNichtBeantwortet', { leistung: other });
    const service = memory.lastService ? knowledge.services.get(memory.lastService)?.name : undefined;
    const intent = memory.lastIntent ? texts.render(INTENT_TOPIC[memory.lastIntent]) : undefined;
    if (service && intent) return texts.render('anliegen.themaLeistung', { thema: intent, leistung: service });
    return service ?? intent;
  }

  /**
   * Hands the conversation to a person: in business hours with an agent online the citizen is queued;
   * otherwise they hear when someone is reachable and get a callback offer.
   */
  private async escalate(step: WaterfallStepContext, reason: HandoffReason, memory: ConversationMemory): Promise<DialogTurnResult> {
    const { context } = step;
    const tenant = this.tenant(context);
    const now = this.deps.clock();
    await this.deps.memory.set(context, { ...memory, misunderstandings: 0 });
    const topic = this.topicOf(memory, this.germanTenant(context).texts);
    const offer = (text: string): Promise<DialogTurnResult> => {
      const options: CallbackOfferOptions = { offer: text, tenant: tenant.id, topic, service: memory.lastService };
      return step.beginDialog(CALLBACK_OFFER_DIALOG, options);
    };
    if (!isOpen(serviceCenterCalendar(tenant), now)) return offer(closedOfferText(reason, tenant, now));
    const outcome = this.deps.handoff
      ? await this.deps.handoff.request(context, {
          tenant: tenant.id,
          intent: memory.lastIntent,
          service: memory.lastService,
          topic: topic ?? this.germanTenant(context).texts.render('anliegen.allgemein'),
          reason,
          language: (context.turnState.get(LANGUAGE_KEY) as LanguageCode | undefined) ?? 'de',
        })
      : { kind: 'unavailable' as const };
    if (outcome.kind === 'queued') {
      await context.sendActivity(toActivity(queuedAnswer(tenant.texts, reason, outcome.position, outcome.waitMinutes)));
      return step.endDialog();
    }
    return offer(noAgentOfferText(tenant.texts, reason));
  }

  private answer(
    decision: Exclude<Decision, { kind: 'ask-service' }>,
    memory: ConversationMemory,
    tenant: TenantFile,
    office: Office | undefined,
    asked: AskedTime | undefined,
    text: string,
    knowledge: KnowledgeBase,
  ): { reply: Reply; memory: ConversationMemory } {
    const now = this.deps.clock();
    const answered = (reply: Reply, m: Partial<ConversationMemory> = {}): { reply: Reply; memory: ConversationMemory } => ({
      reply,
      memory: { ...memory, ...m, misunderstandings: 0 },
    });

    switch (decision.kind) {
      case 'answer': {
        // Responsibility follows where the citizen lives: a Gifhorn village named in Wolfsburg's chat is
        // answered for the Landkreis Gifhorn.
        const home = memory.place && knowledge.tenants.get(memory.place.tenant);
        const forPlace = home && knowledge.services.get(decision.service)?.zustaendigkeit[home.id] ? home : tenant;
        const s = serviceForTenant(
          knowledge,
          decision.service,
          forPlace.id,
          memory.place?.tenant === forPlace.id ? memory.place.verwaltung : undefined,
        );
        if (!s) return answered(outOfScopeAnswer(knowledge, tenant.texts));
        const translation = (s.service as LocalizedService).translation;
        // A language that has the most asked services only: said honestly, with where else it is explained.
        if (knowledge.language !== 'de' && !translation) {
          const name = s.service.sprachen?.[knowledge.language]?.name ?? s.service.name;
          return answered(notTranslatedAnswer(knowledge, tenant, name), { lastService: decision.service, lastIntent: decision.intent });
        }
        const composed = composeServiceAnswer(decision, s, { text, now, asked, placeName: memory.place?.name });
        const { offeredAllDocuments } = composed;
        // Translated facts are marked as such, with the German source they come from.
        const source = s.quellen[0]?.url;
        const reply =
          translation && source
            ? { ...composed.reply, text: `${composed.reply.text}\n\n${translationNote(tenant.texts, source)}` }
            : composed.reply;
        return answered(reply, {
          lastIntent: decision.intent,
          lastService: decision.service,
          offeredAllDocuments,
          lastFacet: decision.facet ?? undefined,
          lastOtherService: undefined,
        });
      }
      case 'place':
        return answered(placeAnswer(knowledge, tenant.texts, memory.place));
      case 'office': {
        // "Wann hat das Bürgerbüro geöffnet?" in a Landkreis: the Bürgerbüro of the citizen's Gemeinde.
        const own =
          office?.gruppe && memory.place?.tenant === tenant.id
            ? localOffice(knowledge, verwaltungOf(knowledge, tenant.id, memory.place.verwaltung), office.id)
            : undefined;
        const named = own ?? office;
        if (decision.intent === 'contact' && named) return answered(officeContactAnswer(named, tenant), { lastIntent: 'contact' });
        return answered(named ? officeHoursAnswer(named, tenant, now, asked) : serviceCenterHoursAnswer(tenant, now, asked), {
          lastIntent: 'hours',
        });
      }
      case 'small-talk':
        switch (decision.intent) {
          case 'greeting':
            return answered(greetingAnswer(tenant));
          case 'help':
            return answered(helpAnswer(tenant, knowledge));
          case 'goodbye':
            return answered(goodbyeAnswer(tenant.texts));
          // Handled by escalate() and the callback dialog before answer() is called.
          case 'agent':
          case 'callback':
            return answered(helpAnswer(tenant, knowledge));
        }
        break;
      case 'other-service': {
        const other = knowledge.otherServices.get(decision.otherService);
        if (!other) return answered(outOfScopeAnswer(knowledge, tenant.texts));
        return answered(otherServiceAnswer(other, tenant, now), {
          lastOtherService: other.id,
          lastService: undefined,
          lastIntent: undefined,
        });
      }
      case 'not-understood': {
        const reply = decision.noise
          ? noiseAnswer(tenant.texts)
          : decision.unsure
            ? rephraseAnswer(tenant.texts)
            : outOfScopeAnswer(knowledge, tenant.texts);
        return { reply, memory: { ...memory, misunderstandings: misunderstandingsAfter(memory, decision) } };
      }
      case 'other-language':
        // Neither answered nor misunderstood: the count of misunderstood questions stays as it was.
        return {
          reply: otherLanguageAnswer(knowledge, tenant),
          memory: { ...memory, misunderstandings: misunderstandingsAfter(memory, decision) },
        };
      case 'language':
        // Neither answered nor misunderstood, like any message about the language.
        return { reply: languageChosenAnswer(tenant.texts), memory: { ...memory, language: decision.language } };
    }
    return answered(outOfScopeAnswer(knowledge, tenant.texts));
  }
}
