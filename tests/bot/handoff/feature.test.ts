import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestAdapter, TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { loadKnowledgeOrThrow } from '../../../knowledge/loader';
import { loadConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logger';
import { Metrics } from '../../../bot/metrics';
import { openStorage, type StorageBackend } from '../../../bot/storage/backend';
import { createHandoff, HANDOFF_SCHEMA, type Handoff, type ServedHandoff } from '../../../bot/handoff';
import type { AgentConnection } from '../../../bot/handoff/consoleFanout';
import { UpgradeRouter } from '../../../bot/upgrade';
import { recordRoutes } from '../../helpers/routes';
import { KNOWLEDGE_DIR } from '../../helpers/paths';
import { until } from '../../helpers/wait';

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

describe('the handoff feature, built in-process without the HTTP server', () => {
  const knowledge = loadKnowledgeOrThrow(KNOWLEDGE_DIR);
  let dir: string;
  let backend: StorageBackend;
  let handoff: Handoff;
  let served: ServedHandoff;
  const routes = recordRoutes();
  const adapter = new RecordingAdapter();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'assistant-handoff-feature-'));
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
    const bot = {
      offerCallback: async () => undefined,
      tenantOf: async () => 'wolfsburg',
      textsFor: () => knowledge.tenants.get('wolfsburg')!.texts,
    };
    served = handoff.serve({
      adapter: adapter as unknown as CloudAdapter,
      appId: 'test-bot',
      bot,
      server: routes.server,
      upgrades: new UpgradeRouter(log),
    });
  });

  after(async () => {
    await served.stop();
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers the agent console with the server', () => {
    assert.ok(routes.routes.includes('GET /agent'), routes.routes.join('\n'));
  });

  it('queues a citizen; an agent sees the queue, accepts, and the citizen hears who took over', async () => {
    const conversationId = 'c-feature-1';
    const reference: Partial<ConversationReference> = {
      channelId: 'test',
      serviceUrl: 'https://channel.test',
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      bot: { id: 'test-bot', name: 'Assistent' },
      user: { id: 'citizen', name: 'Bürgerin' },
    };
    await handoff.store.saveReference(conversationId, reference, 'wolfsburg', Date.now());
    const agent = await handoff.store.addAgent('anna', 'salt', 'hash', Date.now(), 'Frau Schmidt');

    const queued = await handoff.hub.queue.request(conversationId, { tenant: 'wolfsburg', topic: 'Reisepass beantragen', reason: 'agent' });
    assert.equal(queued.position, 1);

    const frames: { type: string; items?: { id: string }[] }[] = [];
    const conn: AgentConnection = {
      agentId: agent.id,
      name: 'anna',
      displayName: 'Frau Schmidt',
      socket: { send: (data) => void frames.push(JSON.parse(data) as (typeof frames)[number]), close: () => undefined },
    };
    await served.protocol.connect(conn);
    const queue = frames.find((f) => f.type === 'queue');
    assert.deepEqual(
      queue?.items?.map((i) => i.id),
      [queued.handoff.id],
    );

    await served.protocol.command(conn, JSON.stringify({ type: 'accept', id: queued.handoff.id }));
    const accepted = await handoff.store.handoff(queued.handoff.id);
    assert.equal(accepted?.status, 'active');
    assert.equal(accepted?.agentId, agent.id);
    await until(
      () => adapter.toCitizen.some((a) => a.type === 'message' && String(a.text).includes('Frau Schmidt')),
      'the citizen told that Frau Schmidt took over',
    );
    await served.protocol.disconnect(conn);
  });
});
