import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TurnContext } from 'botbuilder';
import { loadConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logger';
import { Metrics } from '../../../bot/metrics';
import { openStorage, type StorageBackend } from '../../../bot/storage/backend';
import { UpgradeRouter } from '../../../bot/upgrade';
import { recordRoutes } from '../../helpers/routes';
import { shippedTexts } from '../../helpers/texts';
import { createAdapters } from '../../../bot/adapter';
import { createDirectLine, DIRECTLINE_SCHEMA, type ServedDirectLine } from '../../../bot/directline';

describe('the Direct Line feature, built in-process without the HTTP server', () => {
  let dir: string;
  let backend: StorageBackend;
  let served: ServedDirectLine;
  const routes = recordRoutes();
  const forgetListeners: ((conversationId: string) => Promise<void>)[] = [];
  /** A bot that echoes what the citizen writes. */
  const bot = {
    async run(context: TurnContext): Promise<void> {
      if (context.activity.type === 'message') await context.sendActivity(`Sie schrieben: ${context.activity.text}`);
    },
    onForget: (listener: (conversationId: string) => Promise<void>) => void forgetListeners.push(listener),
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'assistant-directline-feature-'));
    const log = createLogger('error');
    const config = loadConfig({ DATA_DIR: dir });
    backend = await openStorage(config, log, [DIRECTLINE_SCHEMA]);
    const directLine = await createDirectLine({ config, log, backend });
    const adapters = createAdapters({
      botFramework: config.botFramework,
      log,
      metrics: new Metrics(),
      middleware: [],
      voiceOf: async () => 'de-DE-KatjaNeural',
      textsOf: async () => shippedTexts(),
      local: directLine.channel,
    });
    served = directLine.serve({
      adapter: adapters.main,
      bot,
      server: routes.server,
      upgrades: new UpgradeRouter(log),
      isTenant: (id) => id === 'wolfsburg',
    });
  });

  after(async () => {
    served.close();
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers its own Direct Line 3.0 routes', () => {
    assert.ok(routes.routes.includes('POST /v3/directline/conversations'), routes.routes.join('\n'));
  });

  it("runs a citizen's message as a bot turn through the adapter and stores the bot's reply in the conversation", async () => {
    const conversation = await served.service.create('wolfsburg');
    await served.service.start(conversation);
    await served.service.fromClient(conversation, { type: 'message', text: 'Hallo', from: { id: 'ignored' } });

    const { activities, watermark } = await served.service.activities(conversation.id, 0);
    const messages = activities.filter((a) => a.type === 'message');
    assert.deepEqual(
      messages.map((a) => [(a.from as { role: string }).role, a.text]),
      [
        ['user', 'Hallo'],
        ['bot', 'Sie schrieben: Hallo'],
      ],
    );
    assert.equal(watermark, String(activities.length));

    // "Bitte löschen Sie meine Daten": the feature subscribed to the bot's deletion and removes the activities.
    for (const forget of forgetListeners) await forget(conversation.id);
    assert.deepEqual((await served.service.activities(conversation.id, 0)).activities, []);
  });
});
