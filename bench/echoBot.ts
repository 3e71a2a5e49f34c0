/**
 * The baseline of `npm run bench`: a bare botbuilder echo bot on restify, with the same library versions
 * and the same request handling as the assistant (CloudAdapter, expectReplies). What the assistant does on
 * top of it (state in SQLite, understanding, dialogs) is what the benchmark's ratio measures.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response } from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

async function main(): Promise<void> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
    await next();
  });
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req: Request, res: Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  server.listen(Number(process.env.PORT ?? 0));
  await once(server.server, 'listening');
  process.stdout.write(`echo bot listening on http://localhost:${(server.server.address() as AddressInfo).port}\n`);
}

void main();
