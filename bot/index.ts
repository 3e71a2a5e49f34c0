/** `npm start`: starts the assistant with its embedded defaults and shuts down cleanly on SIGTERM/SIGINT. */
import { loadConfig } from './config';
import { createLogger } from './logger';
import { startApp } from './app';
import { KnowledgeError, formatProblem } from '../knowledge/loader';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  let app;
  try {
    app = await startApp(config, log);
  } catch (err) {
    if (err instanceof KnowledgeError) {
      console.error(
        'Der Server startet nicht: die Wissensdateien sind fehlerhaft.\nThe server does not start: the knowledge files are invalid:',
      );
      for (const p of err.problems) console.error(`  ${formatProblem(p)}`);
    } else {
      console.error(`The server does not start: ${(err as Error).message}`);
    }
    process.exit(1);
  }
  const running = app;
  // The only lines on stdout: where to find the assistant.
  process.stdout.write(
    [
      `Kommune assistant listening on ${running.url}`,
      `  Bot Framework endpoint: ${running.url}/api/messages`,
      `  Health:                 ${running.url}/health`,
      `  Citizen chat page:      ${running.url}/  (per Kommune: ${running.url}/chat/<kommune>)`,
      `  Direct Line 3.0:        ${running.url}/v3/directline`,
      `  Agent console:          ${running.url}/agent   (add agents with: npm run agent:add -- --name NAME)`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
