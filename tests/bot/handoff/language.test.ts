/**
 * A citizen who does not speak German, as the handoff meets them. The dialogs' contract (bot/handoff/citizenLanguage.ts):
 * every bot reply in such a conversation carries `channelData.language` and, when known, `channelData.original` (the
 * German wording), and the handoff request names the `language`. Here:
 * - the transcript keeps both beside the reply, the handoff row keeps the language (migration handoff-005 over rows
 *   written before it: on SQLite, and on PostgreSQL too when TEST_POSTGRES_URL is set);
 * - the agent console's queue and chats (WebSocket and HTTP API) show the language ("English", "en") and each bot
 *   line with its German original;
 * - what the handoff itself tells the waiting citizen is asked for in that language (textsFor(tenant, language));
 * - what the agent types reaches the citizen as typed.
 */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestAdapter, TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { loadKnowledgeOrThrow } from '../../../knowledge/loader';
import type { LanguageCode } from '../../../knowledge/schema';
import type { Texts } from '../../../knowledge/texts/texts';
import { connectedText } from '../../../dialogs/answers/handoffAnswers';
import { loadConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logger';
import { Metrics } from '../../../bot/metrics';
import { openStorage, type StorageBackend } from '../../../bot/storage/backend';
import { PostgresDatabase, SqliteDatabase, type SqlDatabase } from '../../../bot/storage/database';
import { migrate } from '../../../bot/storage/migrations';
import { createHandoff, HANDOFF_SCHEMA, type Handoff, type HandoffBot, type ServedHandoff } from '../../../bot/handoff';
import { HANDOFF_MIGRATIONS } from '../../../bot/handoff/migrations';
import { HandoffStore } from '../../../bot/handoff/handoffStore';
import { languageCode, languageName, replyLanguage } from '../../../bot/handoff/citizenLanguage';
import type { AgentConnection } from '../../../bot/handoff/consoleFanout';
import type { HandoffView } from '../../../bot/handoff/consoleViews';
import { UpgradeRouter } from '../../../bot/upgrade';
import { recordRoutes } from '../../helpers/routes';
import { KNOWLEDGE_DIR } from '../../helpers/paths';
import { until } from '../../helpers/wait';
import { replyText, say, type Citizen } from '../../helpers/server';
import { TestConnector } from '../../helpers/connector';
import { AgentSocket, login, useServerWithAgent } from '../../helpers/agent';
import { createDatabase, dropDatabase } from '../../services/database';

/** The English reply and its German original, as the dialogs send them. */
const ENGLISH = 'A passport costs **€70.00** in the Stadt Wolfsburg.';
const GERMAN = 'Ein Reisepass kostet in der Stadt Wolfsburg **70,00 €**.';
const HUMAN = 'Ich möchte mit einem Mitarbeiter sprechen';

/** Proactive turns run on botbuilder's TestAdapter: what reaches the citizen is recorded, no channel is called. */
class RecordingAdapter {
  readonly toCitizen: Partial<Activity>[] = [];
  private readonly turns = new TestAdapter();

  async continueConversationAsync(
    _botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'ContinueConversation' }, reference, true);
    const context = new TurnContext(this.turns, activity);
    context.onSendActivities(async (_context, activities, next) => {
      this.toCitizen.push(...activities);
      return next();
    });
    await logic(context);
  }
}

type Frame = { type: string; items?: HandoffView[]; message?: { sender: string; text: string } };

function fakeConsole(agentId: number, frames: Frame[]): AgentConnection {
  return {
    agentId,
    name: 'anna',
    displayName: 'Frau Schmidt',
    socket: { send: (data) => void frames.push(JSON.parse(data) as Frame), close: () => undefined },
  };
}

describe("the citizen's language in the handoff", () => {
  describe('reading the contract', () => {
    it('takes ISO 639-1 codes, and an original only beside a reply that is not German', () => {
      assert.equal(languageCode('en'), 'en');
      assert.equal(languageCode(' EN-gb '), 'en');
      assert.equal(languageCode('tr_TR'), 'tr');
      for (const bad of [undefined, null, 42, '', 'english', 'e', '<b>']) assert.equal(languageCode(bad), null, String(bad));
      assert.deepEqual(replyLanguage({ text: ENGLISH, channelData: { language: 'en', original: GERMAN } }), {
        language: 'en',
        original: GERMAN,
      });
      assert.deepEqual(replyLanguage({ text: ENGLISH, channelData: { language: 'en' } }), { language: 'en', original: null });
      assert.deepEqual(replyLanguage({ text: GERMAN, channelData: { language: 'de', original: GERMAN } }), {
        language: 'de',
        original: null,
      });
      assert.deepEqual(replyLanguage({ text: GERMAN }), { language: null, original: null });
      assert.deepEqual(replyLanguage({ text: GERMAN, channelData: { relay: true } }), { language: null, original: null });
      assert.deepEqual(replyLanguage({ text: 'Same', channelData: { language: 'en', original: 'Same' } }), {
        language: 'en',
        original: null,
      });
    });

    it('names each language in itself', () => {
      assert.deepEqual(['en', 'tr', 'uk', 'ar', 'ru'].map(languageName), ['English', 'Türkçe', 'Українська', 'العربية', 'Русский']);
      assert.equal(languageName('zz'), 'zz');
    });
  });

  /** The databases the migration is tried on: a SQLite file always, PostgreSQL when the services suite's server is named. */
  const databases: { label: string; open(): Promise<{ db: SqlDatabase; dispose(): Promise<void> }> }[] = [
    {
      label: 'SQLite',
      async open() {
        const dir = mkdtempSync(join(tmpdir(), 'handoff-language-'));
        const db = new SqliteDatabase(join(dir, 'handoff.sqlite'));
        return { db, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    },
    ...(process.env.TEST_POSTGRES_URL
      ? [
          {
            label: 'PostgreSQL',
            async open() {
              const url = await createDatabase();
              return { db: new PostgresDatabase(url, { max: 2 }), dispose: () => dropDatabase(url) };
            },
          },
        ]
      : []),
  ];

  for (const backend of databases) {
    describe(`migration handoff-005 on ${backend.label}`, function () {
      this.timeout(20000);
      it('adds the language to transcripts and handoffs; rows from before read as German', async () => {
        const { db, dispose } = await backend.open();
        try {
          await migrate(
            db,
            HANDOFF_MIGRATIONS.filter((m) => m.id !== 'handoff-005'),
          );
          await db.run("INSERT INTO messages (conversation_id, sender, text, at) VALUES ('old', 'bot', 'Guten Tag!', 1)");
          await db.run(
            `INSERT INTO handoffs (id, conversation_id, tenant, topic, reason, status, queue_order, queued_at)
            VALUES ('h-old', 'old', 'wolfsburg', 'Reisepass', 'agent', 'queued', 1, 1)`,
          );
          assert.deepEqual(await migrate(db, HANDOFF_MIGRATIONS), ['handoff-005']);
          assert.deepEqual(await migrate(db, HANDOFF_MIGRATIONS), []);

          const store = new HandoffStore(db);
          const [old] = await store.transcript('old');
          assert.equal(old.text, 'Guten Tag!');
          assert.equal(old.language, null);
          assert.equal(old.original, null);
          assert.equal((await store.handoff('h-old'))?.language, null);
          assert.equal(await store.conversationLanguage('old'), undefined);

          await store.addMessage({ conversationId: 'new', sender: 'bot', text: ENGLISH, at: 2, language: 'en', original: GERMAN });
          const h = await store.enqueue({
            conversationId: 'new',
            tenant: 'wolfsburg',
            topic: 'Reisepass',
            reason: 'agent',
            now: 2,
            language: 'en',
          });
          assert.equal(h.language, 'en');
          assert.equal(await store.conversationLanguage('new'), 'en');
          const [line] = await store.transcript('new');
          assert.deepEqual([line.text, line.language, line.original], [ENGLISH, 'en', GERMAN]);
          assert.deepEqual(
            (await store.transcripts(['new'])).get('new')?.map((m) => m.original),
            [GERMAN],
          );
        } finally {
          await db.close();
          await dispose();
        }
      });
    });
  }

  describe('the handoff feature in-process: a citizen in English, an agent in the console', () => {
    const knowledge = loadKnowledgeOrThrow(KNOWLEDGE_DIR);
    let dir: string;
    let backend: StorageBackend;
    let handoff: Handoff;
    let served: ServedHandoff;
    const adapter = new RecordingAdapter();
    const textsIn = (language: string | undefined): Texts =>
      (language ? knowledge.inLanguage(language as LanguageCode) : knowledge).tenants.get('wolfsburg')!.texts;
    /** Every (tenant, language) the handoff asked texts for. */
    const textsAsked: [string | undefined, string | undefined][] = [];
    const bot: HandoffBot = {
      offerCallback: async () => undefined,
      tenantOf: async () => 'wolfsburg',
      // The Kommune's texts in that language, as the assistant gives them (bot/assistant: textsFor).
      textsFor: (tenant, language) => {
        textsAsked.push([tenant, language]);
        return textsIn(language);
      },
      onForget: () => undefined,
    };

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'assistant-handoff-language-'));
      const log = createLogger('error');
      backend = await openStorage({ dataDir: dir }, log, [HANDOFF_SCHEMA]);
      handoff = createHandoff({
        config: loadConfig({}).handoff,
        log,
        backend,
        metrics: new Metrics(),
        knowledge: () => knowledge,
        clock: () => new Date(),
      });
      served = handoff.serve({
        adapter: adapter as unknown as CloudAdapter,
        appId: 'test-bot',
        bot,
        server: recordRoutes().server,
        upgrades: new UpgradeRouter(log),
      });
    });

    after(async () => {
      await served.stop();
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('records the English replies with their German originals, queues in English and shows both to the agent', async () => {
      const conversationId = 'c-english-1';
      const sent: Partial<Activity>[] = [];
      // The citizen's turns through the handoff's middleware, with a bot that keeps the dialogs' contract: the dialog
      // gives the German original, a middleware after the handoff's marks the language (as bot/voiceMiddleware.ts does).
      const citizen = new TestAdapter(
        async (context) => {
          context.onSendActivities(async (_c, activities, next) => {
            sent.push(...activities);
            return next();
          });
          if (context.activity.text === 'How much is a passport?') {
            await context.sendActivity({ type: 'message', text: ENGLISH, channelData: { original: GERMAN } });
            await context.sendActivity({ type: 'message', text: 'Anything else?' });
          } else if (context.activity.text === 'I would like to talk to a person') {
            const outcome = await handoff.port.request(context, {
              tenant: 'wolfsburg',
              intent: 'fees',
              service: 'reisepass',
              topic: 'Kosten – Reisepass beantragen',
              reason: 'agent',
              language: 'en',
            });
            assert.equal(outcome.kind, 'queued');
          }
        },
        {
          channelId: 'test',
          serviceUrl: 'https://channel.test',
          conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
          from: { id: 'citizen', name: 'Citizen' },
          recipient: { id: 'test-bot', name: 'Assistent' },
        },
      );
      citizen.use(handoff.relay(bot));
      citizen.use({
        onTurn: async (context, next) => {
          context.onSendActivities(async (_c, activities, send) => {
            for (const a of activities)
              if (a.type === 'message') a.channelData = { language: 'en', ...(a.channelData as object | undefined) };
            return send();
          });
          await next();
        },
      });

      const agent = await handoff.store.addAgent('anna', 'salt', 'hash', Date.now(), 'Frau Schmidt');
      const frames: Frame[] = [];
      const conn = fakeConsole(agent.id, frames);
      await served.protocol.connect(conn);

      await citizen.receiveActivity('How much is a passport?');
      await citizen.receiveActivity('I would like to talk to a person');

      // A contact-center platform gets the language too, and the transcript as the citizen read it, originals beside.
      const initiate = sent.find((a) => a.type === 'event' && a.name === 'handoff.initiate');
      assert.equal((initiate?.value as { language?: string }).language, 'en');
      const shared = (initiate?.attachments?.[0]?.content as { activities: Partial<Activity>[] }).activities;
      assert.deepEqual(shared.find((a) => a.text === ENGLISH)?.channelData, { language: 'en', original: GERMAN });

      // The console's queue (the WebSocket's frame): the language, and each bot line with its original.
      await served.protocol.connect(fakeConsole(agent.id, frames));
      const waiter = frames
        .filter((f) => f.type === 'queue')
        .at(-1)
        ?.items?.find((i) => i.topic === 'Kosten – Reisepass beantragen');
      assert.ok(waiter, JSON.stringify(frames));
      assert.equal(waiter.language, 'en');
      assert.equal(waiter.languageName, 'English');
      const lines = waiter.transcript.map((l) => [l.sender, l.text, l.language, l.original]);
      assert.deepEqual(lines, [
        ['citizen', 'How much is a passport?', null, null],
        ['bot', ENGLISH, 'en', GERMAN],
        ['bot', 'Anything else?', 'en', null],
        ['citizen', 'I would like to talk to a person', null, null],
      ]);

      // Writing while queued: the Kommune's answer in English, and for the agent its German original beside it.
      textsAsked.length = 0;
      citizen.activeQueue.splice(0);
      await citizen.receiveActivity('Hello?');
      assert.deepEqual(textsAsked[0], ['wolfsburg', 'en']);
      const stillQueued = citizen.activeQueue.find((a) => a.type === 'message');
      const recorded = (await handoff.store.transcript(conversationId)).at(-1);
      assert.equal(recorded?.text, stillQueued?.text);
      assert.equal(recorded?.language, 'en');
      assert.ok(recorded?.original && recorded.original !== recorded.text, `a German original: ${JSON.stringify(recorded)}`);

      // Accepted: the notice in English; the agent's chat shows the language; what the agent types arrives as typed.
      textsAsked.length = 0;
      await served.protocol.command(conn, JSON.stringify({ type: 'accept', id: waiter.id }));
      await until(() => adapter.toCitizen.some((a) => String(a.text).includes('Frau Schmidt')), 'the citizen told who took over');
      assert.deepEqual(textsAsked, [['wolfsburg', 'en']]);
      const connected = adapter.toCitizen.find((a) => String(a.text).includes('Frau Schmidt'));
      assert.equal(connected?.text, connectedText(textsIn('en'), 'Frau Schmidt'));
      assert.notEqual(connected?.text, connectedText(textsIn(undefined), 'Frau Schmidt'), 'not the German notice');
      await until(() => frames.some((f) => f.type === 'sessions' && f.items?.length === 1), "the agent's chats");
      const session = frames.filter((f) => f.type === 'sessions' && f.items?.length === 1).at(-1)?.items?.[0];
      assert.equal(session?.language, 'en');
      assert.equal(session?.transcript.find((l) => l.text === ENGLISH)?.original, GERMAN);

      const typed = 'Hello! Yes, I can help you in English. Which passport do you need?';
      await served.protocol.command(conn, JSON.stringify({ type: 'send', id: waiter.id, text: typed }));
      await until(() => adapter.toCitizen.some((a) => String(a.text).includes(typed)), 'the agent message as typed');
      const relayed = adapter.toCitizen.find((a) => String(a.text).includes(typed));
      assert.equal(relayed?.textFormat, 'plain');
      // Recorded once, as the agent's line, not as a bot reply with a language.
      const transcript = await handoff.store.transcript(conversationId);
      assert.deepEqual(
        transcript.filter((m) => m.text.includes(typed)).map((m) => [m.sender, m.language]),
        [['agent', null]],
      );

      // The citizen ends: in English again.
      textsAsked.length = 0;
      await citizen.receiveActivity('abbrechen');
      assert.deepEqual(textsAsked[0], ['wolfsburg', 'en']);
      await served.protocol.disconnect(conn);
    });

    it('a German citizen shows no language, and their texts are asked for without one', async () => {
      const conversationId = 'c-german-1';
      await handoff.store.saveReference(
        conversationId,
        { channelId: 'test', serviceUrl: 'https://channel.test', conversation: { id: conversationId }, bot: { id: 'test-bot' } },
        'wolfsburg',
        Date.now(),
      );
      await handoff.store.addMessage({ conversationId, sender: 'bot', text: GERMAN, at: Date.now() });
      const queued = await handoff.hub.queue.request(conversationId, { tenant: 'wolfsburg', topic: 'Reisepass', reason: 'agent' });
      assert.equal(queued.handoff.language, null);
      const view = (await handoff.hub.views.queueView()).find((v) => v.id === queued.handoff.id);
      assert.equal(view?.language, null);
      assert.equal(view?.languageName, null);
      assert.deepEqual(
        view?.transcript.map((l) => [l.text, l.language, l.original]),
        [[GERMAN, null, null]],
      );
      textsAsked.length = 0;
      const action = await handoff.hub.queue.citizenMessage(conversationId, 'Hallo?');
      assert.equal(action.kind, 'queued');
      assert.equal(action.kind === 'queued' ? action.language : 'x', undefined);
    });
  });

  describe('the console API of the real server', function () {
    this.timeout(60000);
    const PASSWORD = 'sprachen-test-passwort';
    const connector = new TestConnector();
    before(() => connector.start());
    after(() => connector.stop());
    // Tuesday 10:00 in Berlin: in business hours.
    const server = useServerWithAgent('assistant-handoff-language-', PASSWORD, {
      ASSISTANT_CLOCK_START: '2026-11-24T09:00:00Z',
      HANDOFF_TICK_MS: '200',
      HANDOFF_ACCEPT_TIMEOUT_SECONDS: '600',
    });

    it("shows an English waiter's language and the German original of each translated bot answer; the agent writes as typed", async () => {
      const { cookie } = await login(server.url, 'anna', PASSWORD);
      const socket = await AgentSocket.open(server.url, cookie);
      await socket.waitFor((m) => m.type === 'queue');

      // A German citizen through the real dialogs.
      const german: Citizen = { conversationId: `c-de-${randomUUID()}`, tenant: 'wolfsburg', serviceUrl: connector.url };
      await say(server.url, german, 'Was kostet ein Reisepass?');
      await say(server.url, german, HUMAN);

      // A citizen in English through the real dialogs: answered in English, then queued.
      const citizen: Citizen = { conversationId: `c-en-${randomUUID()}`, tenant: 'wolfsburg', serviceUrl: connector.url };
      const english = citizen.conversationId;
      assert.match(replyText(await say(server.url, citizen, 'How much does a passport cost?')), /70\.00/);
      await say(server.url, citizen, 'I would like to talk to a person');

      const res = await fetch(`${server.url}/agent/api/queue`, { headers: { cookie: cookie ?? '' } });
      assert.equal(res.status, 200);
      const { queue } = (await res.json()) as { queue: HandoffView[] };
      assert.equal(queue.length, 2);
      const [de, en] = queue;
      assert.equal(de.language, null);
      assert.equal(de.languageName, null);
      assert.ok(de.transcript.some((l) => l.sender === 'bot' && /70,00/.test(l.text) && l.language === null && l.original === null));
      assert.equal(en.language, 'en');
      assert.equal(en.languageName, 'English');
      assert.equal(en.tenantName, 'Stadt Wolfsburg');
      // The answer as the citizen read it, with the German wording of the same answer beside it.
      const answer = en.transcript.find((l) => l.sender === 'bot' && /70\.00/.test(l.text));
      assert.ok(answer, JSON.stringify(en.transcript));
      assert.equal(answer.language, 'en');
      assert.match(answer.original ?? '', /Reisepass.*70,00/s);
      assert.doesNotMatch(answer.text, /Reisepass \(32 Seiten\)/);
      assert.deepEqual(
        en.transcript.filter((l) => l.sender === 'citizen').map((l) => l.text),
        ['How much does a passport cost?', 'I would like to talk to a person'],
      );

      // Accepted and written to: the agent's words reach the citizen's channel exactly as typed.
      socket.send({ type: 'accept', id: en.id });
      const sessions = await socket.waitFor((m) => m.type === 'sessions' && (m.items ?? []).some((i) => i.id === en.id));
      assert.equal((sessions.items?.find((i) => i.id === en.id) as unknown as HandoffView).language, 'en');
      const typed = 'Hello! A passport for adults costs €70.00. Do you have an appointment?';
      socket.send({ type: 'send', id: en.id, text: typed });
      await until(() => (connector.received.get(english) ?? []).some((a) => a.text?.endsWith(typed)), 'the agent message at the channel');
      const delivered = (connector.received.get(english) ?? []).find((a) => a.text?.endsWith(typed));
      assert.equal(delivered?.textFormat, 'plain');
      // Outside the citizen's own turns too (the notice of the accepted handoff, the agent's words), a voice
      // client speaks in the conversation's language, not in the Kommune's German voice.
      const proactive = (connector.received.get(english) ?? []).filter((a) => a.type === 'message');
      assert.ok(proactive.length >= 2, JSON.stringify(proactive.map((a) => a.text)));
      for (const a of proactive) assert.match(String(a.speak), /xml:lang="en-GB"[\s\S]*en-GB-SoniaNeural/, a.text);
      socket.send({ type: 'end', id: en.id });
      await socket.close();
    });
  });
});
