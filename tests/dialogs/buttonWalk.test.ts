/**
 * "The bot understands itself": every suggested action and card button the assistant offers, in any dialog state
 * it reaches, is pressed where it was offered and must be answered as what the button says.
 *
 * The walk starts from many conversations (the greeting, each service asked five ways, offices, places, hours, a
 * person in and outside business hours, the callback dialog's steps, "hat nicht geholfen", deleting one's data; both
 * Kommunen), collects the buttons of each reply, and presses each one the way Web Chat sends it (imBack → text,
 * postBack → text or value, messageBack → text and value; an Adaptive Card's Action.Submit → its data): the path to
 * the state is replayed in a fresh conversation on the whole bot (AssistantBot with the main dialog, fixed clock),
 * then the button is sent. Breadth-first to a bounded depth; states are deduplicated by their reply text.
 *
 * What a button means is read from its title (meaningOf): a service's name → an answer about that service; "Alle
 * Kosten" → every fee; "Ja, …"/"Nein, …" → the offer accepted or declined; a time → a time accepted. A button
 * whose title has no known meaning fails the walk, so a new button comes with its meaning.
 */
import { strict as assert } from 'node:assert';
import { ConversationState, MemoryStorage, TestAdapter, type Activity, type CardAction } from 'botbuilder';
import type { AssistantKnowledge } from '../../dialogs/assistantKnowledge';
import { MainDialog, type UnderstoodTurn } from '../../dialogs/mainDialog';
import type { ConversationMemory } from '../../dialogs/routing';
import type { FacetId } from '../../knowledge/schema';
import { afterHandoffSuggestions, agentEndedText, noCallbackAnswer, retryTimeText } from '../../dialogs/answers/handoffAnswers';
import { shippedTexts } from '../helpers/texts';
import { toActivity } from '../../dialogs/replyActivity';
import { isCancel } from '../../intents/shortReplies';
import { serviceButtons } from '../../dialogs/answers/conversationAnswers';
import { AssistantBot } from '../../bot/assistantBot';
import { HoldReplies } from '../../bot/holdReplies';
import { createLogger } from '../../bot/logger';
import { TenantResolver } from '../../bot/tenant';
import { foldGerman } from '../../intents/normalize';
import { serviceForTenant } from '../../knowledge/resolve';
import { facetAnswer, unknownFacetAnswer } from '../../dialogs/answers/focusedAnswers';

// The texts the bot answers with (the shipped ones; neither Kommune overrides these).
const TEXTS = shippedTexts();
const AFTER_HANDOFF_SUGGESTIONS = afterHandoffSuggestions(TEXTS);
const ASK_TOPIC = TEXTS.render('rueckruf.themaFrage');
const CALLBACK_CANCELLED = TEXTS.render('rueckruf.abgebrochen');
const NOTHING_STORED = TEXTS.render('rueckruf.nichtsGespeichert');
const NO_CALLBACK = noCallbackAnswer(TEXTS).text;
const RETRY_TIME = retryTimeText(TEXTS);
import { FakeHandoff, shippedAssistant } from '../helpers/assistant';

/** Tuesday 24 Nov 2026, 10:00 in Berlin: the service center is open. */
const IN_HOURS = '2026-11-24T09:00:00Z';
/** Saturday 28 Nov 2026, 10:00 in Berlin: closed. */
const CLOSED = '2026-11-28T09:00:00Z';
const HUMAN = 'Ich möchte mit einem Menschen sprechen';
const PHONE = '0151 1234567';
const TENANTS = ['wolfsburg', 'gifhorn'] as const;
/** Button presses after a starting point. */
const MAX_DEPTH = 3;

/** What the citizen sends: a message (typed or from a button), or joining the chat. */
type Input = { join: true } | { text?: string; value?: unknown; channelData?: Record<string, unknown> };

interface Start {
  name: string;
  tenant: string;
  at: string;
  agentsOnline: number;
  turns: Input[];
  /** The last starting message is not understood on purpose (out of scope, or no answer to the dialog's question). */
  misunderstood?: boolean;
}

interface Turn {
  /** Every message the bot sent in the turn. */
  messages: Partial<Activity>[];
  /** The last message's text (what the citizen reads last). */
  text: string;
  /** How the main dialog understood the message, when it read it. */
  understood?: UnderstoodTurn;
  /** The citizen was queued for an agent in this turn (the handoff relay reads their next message). */
  queued: boolean;
  /** The service the conversation remembers after the turn. */
  lastService?: string;
}

interface Button {
  title: string;
  press: Input;
  via: string;
  /** Not offered in this state, but could be: a service as one of the candidates of "Um welche Leistung geht es?". */
  candidate?: boolean;
}
interface State {
  start: Start;
  path: Input[];
  depth: number;
  reply: Turn;
  /** The service the conversation is about, as far as the walk knows it. */
  service?: string;
  /** Buttons of this state when they come from elsewhere than the reply (the relay's "agent ended" message). */
  buttons?: Button[];
  /** How the state was reached, for failure messages. */
  trail: string[];
}

const say = (text: string): Input => ({ text });

/** Runs inputs in one new conversation on the whole bot; returns each input's turn. */
async function replay(assistant: AssistantKnowledge, start: Start, inputs: readonly Input[]): Promise<Turn[]> {
  const storage = new MemoryStorage();
  const state = new ConversationState(storage);
  const handoff = new FakeHandoff(start.agentsOnline);
  let understood: UnderstoodTurn | undefined;
  const dialog = new MainDialog({
    assistant: () => assistant,
    memory: state.createProperty<ConversationMemory>('memory'),
    clock: () => new Date(start.at),
    handoff,
    observe: (turn) => {
      understood = turn;
    },
  });
  const log = createLogger('silent');
  const tenants = new TenantResolver(state.createProperty<string>('tenant'), () => new Set(TENANTS), 'wolfsburg', log);
  const bot = new AssistantBot(state, dialog, tenants, log);
  const adapter = new TestAdapter(async (context) => bot.run(context));
  adapter.use(new HoldReplies(log));
  const turns: Turn[] = [];
  for (const input of inputs) {
    understood = undefined;
    const before = handoff.requests.length;
    const channelData = { tenant: start.tenant };
    const activity: Partial<Activity> =
      'join' in input
        ? { type: 'conversationUpdate', membersAdded: [{ id: 'citizen', name: 'Bürgerin' }], channelData }
        : { type: 'message', text: input.text, value: input.value, channelData: { ...channelData, ...input.channelData } };
    await adapter.processActivity(activity);
    const messages = adapter.activeQueue.splice(0).filter((a) => a.type === 'message');
    const key = `${adapter.conversation.channelId}/conversations/${adapter.conversation.conversation.id}/`;
    const memory = (await storage.read([key]))[key]?.memory as ConversationMemory | undefined;
    turns.push({
      messages,
      text: String(messages[messages.length - 1]?.text ?? ''),
      understood,
      queued: start.agentsOnline > 0 && handoff.requests.length > before,
      lastService: memory?.lastService,
    });
  }
  return turns;
}

const asTurn = (activity: Partial<Activity>): Turn => ({ messages: [activity], text: String(activity.text ?? ''), queued: false });

/** The buttons of a reply as Web Chat sends them back. */
function buttonsOf(turn: Turn, links: string[]): Button[] {
  const out: Button[] = [];
  const cardAction = (a: CardAction, via: string): void => {
    const title = String(a.title ?? a.text ?? a.value);
    switch (a.type) {
      case 'imBack':
        out.push({ title, press: { text: String(a.value) }, via });
        break;
      case 'postBack':
        out.push({
          title,
          via,
          press:
            typeof a.value === 'string'
              ? { text: a.value, channelData: { postBack: true } }
              : { value: a.value, channelData: { postBack: true } },
        });
        break;
      case 'messageBack':
        out.push({
          title,
          via,
          press: { text: a.text, value: a.value, channelData: { messageBack: { displayText: a.displayText } } },
        });
        break;
      case 'openUrl':
        links.push(String(a.value));
        break;
      default:
        out.push({ title, press: { text: `unsupported card action ${String(a.type)}` }, via });
    }
  };
  for (const m of turn.messages) {
    for (const a of m.suggestedActions?.actions ?? []) cardAction(a, 'suggested action');
    for (const att of m.attachments ?? []) {
      const content = att.content as { actions?: Record<string, unknown>[]; buttons?: CardAction[] } | undefined;
      for (const b of content?.buttons ?? []) cardAction(b, `${att.contentType} button`);
      for (const a of adaptiveActions(content)) {
        const title = String(a.title ?? '');
        if (a.type === 'Action.OpenUrl') links.push(String(a.url));
        else if (a.type === 'Action.Submit' || a.type === 'Action.Execute') {
          out.push({
            title,
            via: a.type,
            press: typeof a.data === 'string' ? { text: a.data } : { value: a.data ?? {}, channelData: { postBack: true } },
          });
        } else if (a.type !== 'Action.ShowCard' && a.type !== 'Action.ToggleVisibility') {
          out.push({ title, via: String(a.type), press: { text: `unsupported card action ${String(a.type)}` } });
        }
      }
    }
  }
  return out;
}

/** Every Adaptive Card action, also those of ActionSets in the body and of cards shown by Action.ShowCard. */
function adaptiveActions(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(adaptiveActions);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = typeof o.type === 'string' && o.type.startsWith('Action.') ? [o] : [];
  return [
    ...own,
    ...Object.entries(o)
      .filter(([k]) => k !== 'type')
      .flatMap(([, v]) => adaptiveActions(v)),
  ];
}

// ---- what a button means ---------------------------------------------------------------------------

type Section = 'documents' | 'allDocuments' | 'fees' | 'allFees' | 'howto' | 'contact' | 'hours' | 'dauer';
type Meaning =
  | { kind: 'service'; service: string; section?: Section }
  | { kind: 'section'; section: Section; case?: RegExp }
  | { kind: 'office'; office: RegExp }
  | { kind: 'accept' }
  | { kind: 'decline' }
  | { kind: 'cancel' }
  | { kind: 'time' }
  | { kind: 'other-time' }
  | { kind: 'delete' };

const SECTION: Record<Section, RegExp> = {
  documents: /bringen Sie|Unterlagen/,
  allDocuments: /^Alle Unterlagen für/,
  fees: /Kosten|kostenlos|€/,
  allFees: /^Alle Kosten – /,
  howto: /So geht es:/,
  contact: /zuständig/i,
  hours: /geöffnet|Öffnungszeit|geschlossen|erreichbar/,
  // Only when the walk does not know the service (else answersFacet compares with the service's own answer).
  dauer: /dauer|Bearbeitung/i,
};

const askedService = (text: string): boolean => /Um welche Leistung geht es\?$/.test(text);

/** The intent of a "which service?" question, from its wording (mainDialog's ASK_SERVICE_QUESTION). */
function askedSection(text: string): Section | undefined {
  if (!askedService(text)) return undefined;
  if (/Unterlagen/.test(text)) return 'documents';
  if (/Kosten/.test(text)) return 'fees';
  if (/Ablauf/.test(text)) return 'howto';
  if (/zuständig/.test(text)) return 'contact';
  if (/Öffnungszeiten/.test(text)) return 'hours';
  return undefined;
}

function meaningOf(title: string, state: State, assistant: AssistantKnowledge): Meaning | undefined {
  for (const [id, s] of assistant.knowledge.services) {
    if (title === s.name || title === s.kurzname) return { kind: 'service', service: id, section: askedSection(state.reply.text) };
  }
  const fixed: Record<string, Meaning> = {
    'Was brauche ich für einen Personalausweis?': { kind: 'service', service: 'personalausweis', section: 'documents' },
    'Was kostet ein Reisepass?': { kind: 'service', service: 'reisepass', section: 'fees' },
    'Wann hat die Zulassungsstelle geöffnet?': { kind: 'office', office: /Zulassungsstelle|Kfz-Zulassung/ },
    'Wo beantrage ich einen Personalausweis?': { kind: 'service', service: 'personalausweis', section: 'contact' },
    'Wo melde ich mich an?': { kind: 'service', service: 'wohnsitz-anmeldung', section: 'contact' },
    'Alle Unterlagen': { kind: 'section', section: 'allDocuments' },
    'Welche Unterlagen brauche ich?': { kind: 'section', section: 'documents' },
    Kosten: { kind: 'section', section: 'fees' },
    'Was kostet das?': { kind: 'section', section: 'fees' },
    'Alle Kosten': { kind: 'section', section: 'allFees' },
    Ablauf: { kind: 'section', section: 'howto' },
    'Wer ist zuständig?': { kind: 'section', section: 'contact' },
    'Wann ist geöffnet?': { kind: 'section', section: 'hours' },
    'Wie lange dauert das?': { kind: 'section', section: 'dauer' },
    'Neues Fahrzeug': { kind: 'section', section: 'documents', case: /Neufahrzeug/ },
    'Gebrauchtes Fahrzeug': { kind: 'section', section: 'documents', case: /Gebrauchtfahrzeug/ },
    'Ja, bitte zurückrufen': { kind: 'accept' },
    'Ja, passt': { kind: 'accept' },
    'Ja, einverstanden': { kind: 'accept' },
    'Ja, löschen': { kind: 'delete' },
    'Nein, danke': { kind: 'decline' },
    Nein: { kind: 'decline' },
    'Nein, andere Zeit': { kind: 'other-time' },
    abbrechen: { kind: 'cancel' },
    'So bald wie möglich': { kind: 'time' },
    'Morgen Vormittag': { kind: 'time' },
    'Morgen Nachmittag': { kind: 'time' },
  };
  return fixed[title];
}

/** The reply says one of these when it did not understand the message or the answer to its question. */
const FALLBACK =
  /nicht (sicher )?(als \w+ )?verstanden|Dazu kann ich Ihnen leider nicht helfen|Ich kann Ihre Frage leider nicht beantworten|Bitte antworten Sie mit/;

function aboutService(text: string, service: string, assistant: AssistantKnowledge): boolean {
  const s = assistant.knowledge.services.get(service);
  const folded = foldGerman(text);
  return s !== undefined && [s.name, s.kurzname ?? s.name].some((n) => folded.includes(foldGerman(n)));
}

/**
 * The answer to one facet of the service ("Wie lange dauert das?"): its short answer on the facet, a situation written
 * for it, or the honest "nicht hinterlegt".
 */
function answersFacet(text: string, service: string, tenant: string, facet: FacetId, assistant: AssistantKnowledge): boolean {
  const s = serviceForTenant(assistant.knowledge, service, tenant);
  if (!s) return false;
  const expected = [
    (facetAnswer(s, facet) ?? unknownFacetAnswer(s, facet)).text,
    ...s.situationen.filter((sit) => sit.facette === facet).map((sit) => sit.text.trim()),
  ];
  return expected.some((e) => text.startsWith(e.slice(0, 40)));
}

/** What is wrong with `reply` as the answer to pressing a button of this meaning in `state`, or undefined. */
function problemOf(meaning: Meaning, state: State, reply: Turn, assistant: AssistantKnowledge): string | undefined {
  const text = reply.text;
  if (!text) return 'no reply';
  if (FALLBACK.test(text)) return 'answered as not understood';
  if (reply.understood?.decision === 'not-understood') return 'understood as none';
  if (text === state.reply.text) return 'the same question again';
  const card = reply.messages.some((m) => (m.attachments ?? []).some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive'));
  const section = (s: Section | undefined): string | undefined =>
    s && (!SECTION[s].test(text) || (s === 'allDocuments' && !card)) ? `not the ${s} answer` : undefined;
  switch (meaning.kind) {
    case 'service': {
      if (askedService(text)) return 'asked for the service again';
      const place = /In welcher Stadt, Gemeinde oder Samtgemeinde wohnen Sie\?/.test(text);
      // The answer to the question asked before the service was ("Wie lange dauert der Antrag?" – „Reisepass beantragen“).
      // Facets are answered as part of the procedure: asked with a fee or the documents, the facet only describes the case.
      const facet = meaning.section === 'howto' ? state.reply.understood?.understood.facet : null;
      if (facet && facet !== 'ort') {
        return answersFacet(text, meaning.service, state.start.tenant, facet, assistant)
          ? undefined
          : `not the ${facet} answer for ${meaning.service}`;
      }
      if (!aboutService(text, meaning.service, assistant)) return `not about ${meaning.service}`;
      return place ? undefined : section(meaning.section);
    }
    case 'section': {
      if (meaning.section === 'dauer' && state.service)
        return answersFacet(text, state.service, state.start.tenant, 'dauer', assistant)
          ? undefined
          : `not the duration of ${state.service}`;
      if (state.service && meaning.section !== 'hours' && !aboutService(text, state.service, assistant))
        return `not about ${state.service} any more`;
      if (meaning.case && !meaning.case.test(text)) return `not the case ${meaning.case.source}`;
      // A group of offices without the citizen's place: asked for the place (a question of responsibility first).
      if (meaning.section === 'hours' && /In welcher Stadt, Gemeinde oder Samtgemeinde wohnen Sie\?/.test(text)) return undefined;
      return section(meaning.section);
    }
    case 'office':
      return meaning.office.test(text) && SECTION.hours.test(text) ? undefined : `not the hours of ${meaning.office.source}`;
    case 'accept':
      return /^Unter welcher Telefonnummer|^Worum geht es|^Damit wir Sie zurückrufen können|^Vielen Dank! Ihr Rückrufwunsch ist aufgenommen/.test(
        text,
      )
        ? undefined
        : 'not taken as yes';
    case 'decline':
      return [NO_CALLBACK, NOTHING_STORED].includes(text) || /ich lösche nichts|Auf Wiedersehen|Gern geschehen/.test(text)
        ? undefined
        : 'not taken as no';
    case 'other-time':
      return /^Wann dürfen wir Sie anrufen\?/.test(text) ? undefined : 'not asked for another time';
    case 'cancel':
      return text === CALLBACK_CANCELLED ? undefined : 'not cancelled';
    case 'delete':
      return /^Erledigt: Die Daten dieses Gesprächs sind gelöscht/.test(text) ? undefined : 'not deleted';
    case 'time':
      if (text === RETRY_TIME) return 'time not understood';
      // Taken: the next question, or the nearest slot proposed for a time when nobody is there.
      return text === ASK_TOPIC || /^Damit wir Sie zurückrufen können|Der nächstmögliche Termin wäre .+ Passt Ihnen das\?$/.test(text)
        ? undefined
        : 'not taken as a time';
  }
}

/**
 * The service a pressed button leaves the conversation about: the one it named, the one talked about; else, when the
 * walk does not know it (the question named it in other words), the one the conversation remembers.
 */
function serviceAfter(meaning: Meaning, state: State, reply: Turn): string | undefined {
  return meaning.kind === 'service'
    ? meaning.service
    : meaning.kind === 'section'
      ? (state.service ?? reply.lastService)
      : reply.lastService;
}

// ---- where the walk starts ---------------------------------------------------------------------------

function starts(assistant: AssistantKnowledge): { start: Start; service?: string }[] {
  const out: { start: Start; service?: string }[] = [];
  for (const tenant of TENANTS) {
    const add = (name: string, turns: (string | Input)[], at = IN_HOURS, agentsOnline = 1, service?: string): void => {
      out.push({
        start: { name: `${tenant}: ${name}`, tenant, at, agentsOnline, turns: turns.map((t) => (typeof t === 'string' ? say(t) : t)) },
        service,
      });
    };
    add('greeting', [{ join: true }]);
    add('help', ['Wobei können Sie mir helfen?']);
    for (const [id, s] of assistant.knowledge.services) {
      const short = s.kurzname ?? s.name;
      add(`${id} documents`, [`Welche Unterlagen brauche ich für ${short}?`], IN_HOURS, 1, id);
      add(`${id} fees`, [`Was kostet ${short}?`], IN_HOURS, 1, id);
      add(`${id} howto`, [`Wie läuft das ab: ${short}?`], IN_HOURS, 1, id);
      add(`${id} contact`, [`Wer ist zuständig für ${short}?`], IN_HOURS, 1, id);
      add(`${id} hours`, [`Öffnungszeiten für ${short}`], IN_HOURS, 1, id);
    }
    add('which service (fees)', ['Was kostet das?']);
    add('which service (documents)', ['Welche Unterlagen brauche ich?']);
    // A word several services share: the candidates as buttons, with their full names.
    for (const shared of [
      'Was kostet die Abmeldung?',
      'Ich möchte etwas anmelden',
      'Welche Unterlagen brauche ich für die Urkunde?',
      'Wo beantrage ich den Ausweis?',
      'Wie lange dauert der Antrag?',
      'Ich habe etwas verloren',
      'Was muss ich für die Abmeldung mitbringen?',
      'Was kostet die Verlängerung?',
      'Wer ist für die Steuer zuständig?',
      'Wann hat die Stelle für den Schein geöffnet?',
      'Brauche ich einen Termin?',
      'Geht das auch online?',
      'Wie lange ist das gültig?',
    ]) {
      add(`several services: ${shared}`, [shared]);
    }
    add('out of scope', ['Wie wird das Wetter morgen?']);
    out[out.length - 1].start.misunderstood = true;
    add('service center hours', ['Wann ist das Service-Center erreichbar?']);
    add('office hours', ['Wann hat das Standesamt geöffnet?']);
    add('office contact', ['Wo finde ich das Bürgerbüro?']);
    add('place', [tenant === 'gifhorn' ? 'Ich wohne in Wasbüttel' : 'Ich wohne in Fallersleben']);
    add('a person, in hours', [HUMAN]);
    add('a person, in hours, nobody online', [HUMAN], IN_HOURS, 0);
    add('a person, closed', [HUMAN], CLOSED);
    add('a person after a question, closed', ['Was kostet ein Reisepass?', HUMAN], CLOSED, 1, 'reisepass');
    add('callback asked', ['Bitte rufen Sie mich zurück'], CLOSED);
    add('callback: time', [HUMAN, 'Ja, bitte zurückrufen', PHONE], CLOSED);
    add('callback: time, topic known', ['Was kostet ein Reisepass?', HUMAN, 'Ja, bitte zurückrufen', PHONE], IN_HOURS, 0);
    add('callback: slot proposed', ['Was kostet ein Reisepass?', HUMAN, 'Ja, bitte zurückrufen', PHONE, 'Sonntag um 10 Uhr'], CLOSED);
    add('callback: consent', [HUMAN, 'Ja, bitte zurückrufen', PHONE, 'Montag um 10 Uhr', 'Mein Reisepass ist abgelaufen'], CLOSED);
    // The dialog's questions asked again after an answer that is none, with their buttons.
    const retries: [string, string[]][] = [
      ['phone', [HUMAN, 'Ja, bitte zurückrufen', '12345']],
      ['time', [HUMAN, 'Ja, bitte zurückrufen', PHONE, 'irgendwann']],
      ['slot', [HUMAN, 'Ja, bitte zurückrufen', PHONE, 'Sonntag um 10 Uhr', 'vielleicht']],
      ['consent', [HUMAN, 'Ja, bitte zurückrufen', PHONE, 'Montag um 10 Uhr', 'Mein Reisepass ist abgelaufen', 'vielleicht']],
    ];
    for (const [step, turns] of retries) {
      add(`callback: ${step} asked again`, turns, CLOSED);
      out[out.length - 1].start.misunderstood = true;
    }
    add('not helped, in hours', ['Was kostet ein Reisepass?', 'Das hat mir nicht geholfen'], IN_HOURS, 1, 'reisepass');
    add('not helped, closed', ['Was kostet ein Reisepass?', 'Das hat mir nicht geholfen'], CLOSED, 1, 'reisepass');
    add('delete data', ['Bitte löschen Sie meine Daten']);
  }
  return out;
}

describe('the bot understands its own buttons (a breadth-first walk)', function () {
  this.timeout(120000);

  it('answers every button in every state it reaches as what the button says', async () => {
    const assistant = shippedAssistant();
    const began = Date.now();
    const failures: string[] = [];
    const links = new Set<string>();
    const seen = new Set<string>();
    let queue: State[] = [];
    let states = 0;
    let pressed = 0;
    let candidates = 0;

    const all = starts(assistant);
    const starting = all.length;
    for (const { start, service } of all) {
      const turns = await replay(assistant, start, start.turns);
      const reply = turns[turns.length - 1];
      if (!reply.text || (FALLBACK.test(reply.text) && !start.misunderstood))
        failures.push(`${start.name}: the starting question was not answered: ${reply.text.slice(0, 120)}`);
      queue.push({ start, path: start.turns, depth: 0, reply, service: service ?? reply.lastService, trail: [start.name] });
      // After an agent ended the conversation (bot/handoff sends this, with these buttons), the dialog answers.
      if (reply.queued) {
        const ended = asTurn(toActivity({ text: agentEndedText(TEXTS, null), suggestions: AFTER_HANDOFF_SUGGESTIONS }));
        queue.push({ start, path: start.turns, depth: 0, reply: ended, trail: [start.name, 'the agent ended the conversation'] });
      }
    }

    while (queue.length > 0) {
      const next: State[] = [];
      for (const state of queue) {
        // By the reply text, and what the message asked about ("Um welche Leistung geht es?" after "Wie lange dauert es?"
        // is another state than after "Geht das online?").
        const key = `${state.start.tenant}|${state.start.at}|${state.start.agentsOnline}|${state.reply.understood?.understood.facet}|${state.reply.text}`;
        if (seen.has(key)) continue;
        seen.add(key);
        states++;
        const found: string[] = [];
        const offered = state.buttons ?? buttonsOf(state.reply, found);
        // "Um welche Leistung geht es?" offers the services the matcher found: any service may be one of them, as the
        // dialog renders it.
        const others: Button[] = askedService(state.reply.text)
          ? [...assistant.knowledge.services.keys()]
              .flatMap((id) => buttonsOf(asTurn(toActivity({ text: '', ...serviceButtons(assistant.knowledge, [id]) })), []))
              .filter((b) => !offered.some((o) => o.title === b.title))
              .map((b) => ({ ...b, via: 'any service offered as a candidate', candidate: true }))
          : [];
        for (const button of [...offered, ...others]) {
          const where = `${[...state.trail, `„${button.title}“ (${button.via})`].join(' → ')}`;
          const meaning = meaningOf(button.title, state, assistant);
          if (!meaning) {
            failures.push(`${where}: no known meaning for this button`);
            continue;
          }
          if (button.candidate) candidates++;
          else pressed++;
          // Queued: the handoff relay reads the citizen's next message (bot/handoff/citizenQueue.ts), the dialog does not.
          if (state.reply.queued) {
            if (meaning.kind !== 'cancel' || !('text' in button.press && isCancel(button.press.text ?? '')))
              failures.push(`${where}: the relay does not read it as leaving the queue`);
            continue;
          }
          const path = [...state.path, button.press];
          const turns = await replay(assistant, state.start, path);
          const reply = turns[turns.length - 1];
          const problem = problemOf(meaning, state, reply, assistant);
          if (process.env.BUTTON_WALK_LOG)
            console.log(`${where}\n    ⇒ ${problem ?? 'ok'}: ${reply.text.slice(0, 140).replace(/\n/g, ' ')}`);
          if (problem) failures.push(`${where}: ${problem}: ${reply.text.slice(0, 160).replace(/\n/g, ' ')}`);
          else if (state.depth + 1 < MAX_DEPTH && !button.candidate) {
            next.push({
              start: state.start,
              path,
              depth: state.depth + 1,
              reply,
              service: serviceAfter(meaning, state, reply),
              trail: [...state.trail, `„${button.title}“`],
            });
          }
        }
        for (const l of found) links.add(l);
      }
      queue = next;
    }
    for (const l of links) if (!/^https:\/\/[^\s]+$/.test(l)) failures.push(`a link button opens no https address: ${l}`);

    console.log(
      `      button walk: ${starting} starting conversations, ${states} states, ${pressed} buttons pressed (and ${candidates} other services as candidates), ${links.size} link buttons checked, ${failures.length} failures, ${((Date.now() - began) / 1000).toFixed(1)} s`,
    );
    for (const f of failures) console.log(`        ${f}`);
    assert.equal(failures.length, 0, `${failures.length} buttons not understood as they are meant (listed above)`);
  });
});

describe('a service chosen by its button answers the question asked before', () => {
  it('"Wie lange dauert es?" – „Reisepass beantragen“: the duration of the passport, not its whole procedure', async () => {
    const assistant = shippedAssistant();
    const start: Start = { name: 'duration', tenant: 'wolfsburg', at: IN_HOURS, agentsOnline: 1, turns: [] };
    const passport = assistant.knowledge.services.get('reisepass')?.name ?? '';
    const [asked, answered] = await replay(assistant, start, [say('Wie lange dauert es?'), say(passport)]);
    assert.match(asked.text, /Um welche Leistung geht es\?$/);
    assert.ok(answersFacet(answered.text, 'reisepass', 'wolfsburg', 'dauer', assistant), answered.text);
    // A fee question keeps its intent: the service's fees.
    const [, fees] = await replay(assistant, start, [say('Was kostet die Verlängerung?'), say(passport)]);
    assert.match(fees.text, /^\*\*Reisepass\*\* – Kosten/);
  });
});
