/**
 * `npm run bench`: the assistant's speed and memory, each turn figure as a ratio against a bare botbuilder
 * echo bot measured in the same run (the machine is shared and noisy; absolute numbers are not comparable
 * between runs, ratios are). Prints one JSON report on stdout; progress goes to stderr.
 *
 * - classification: latency (mean, p99) and throughput of the understanding, in-process
 * - start-up: knowledge load + classifier training in-process, and process start to /health
 * - turns: POST /api/messages with expectReplies, 500 conversations over 50 connections (autocannon),
 *   for the assistant and the echo bot in turn, BENCH_ROUNDS rounds of BENCH_SECONDS each; throughput,
 *   latency p99, errors and non-2xx answers of the median round, and every round's ratio
 * - memory: the assistant's RSS after the load
 * - with BENCH_POSTGRES_URL: the assistant on PostgreSQL too, in the same rounds (see postgresDatabase)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadKnowledgeOrThrow } from '../knowledge/loader';
import { buildAssistantKnowledge } from '../dialogs/assistantKnowledge';

const ROOT = join(__dirname, '..', '..');
const CONVERSATIONS = 500;
const CONNECTIONS = 50;
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Rounds of echo bot and assistant in turn (BENCH_ROUNDS, odd: the report gives the median round). */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const WARM_UP_SECONDS = 5;
/** A PostgreSQL server to measure the assistant on as well (several-instances setup); off when unset. */
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL;

const QUESTIONS = [
  'Was brauche ich für einen neuen Personalausweis?',
  'Was kostet ein Reisepass?',
  'Und was kostet das?',
  'Wo kann ich mein Auto abmelden?',
  'Wann hat die Zulassungsstelle geöffnet?',
  'wie melde ich mich um',
  'Hat das Standesamt am Freitagnachmittag auf?',
  'Wie wird das Wetter morgen?',
  'Führungszeugnis beantragen',
  'Hallo',
  'Danke, tschüss',
];

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function measureUnderstanding(): { loadMs: number; trainMs: number; meanMicros: number; p99Micros: number; perSecond: number } {
  const t0 = process.hrtime.bigint();
  const knowledge = loadKnowledgeOrThrow(join(ROOT, 'knowledge'));
  const t1 = process.hrtime.bigint();
  const { understanding } = buildAssistantKnowledge(knowledge);
  const t2 = process.hrtime.bigint();
  const texts = readFileSync(join(ROOT, 'tests', 'fixtures', 'dev-set.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { text: string }).text);
  for (const t of texts) understanding.understand(t); // warm-up
  const samples: number[] = [];
  const started = process.hrtime.bigint();
  for (let round = 0; round < 10; round++) {
    for (const t of texts) {
      const s = process.hrtime.bigint();
      understanding.understand(t);
      samples.push(Number(process.hrtime.bigint() - s) / 1000);
    }
  }
  const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  samples.sort((a, b) => a - b);
  return {
    loadMs: Number(t1 - t0) / 1e6,
    trainMs: Number(t2 - t1) / 1e6,
    meanMicros: samples.reduce((a, b) => a + b, 0) / samples.length,
    p99Micros: percentile(samples, 99),
    perSecond: samples.length / totalSeconds,
  };
}

/** Starts a server script and resolves with its URL (the first http://… on stdout) and the time it took. */
async function startServer(script: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; startMs: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/localhost:\d+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, url, startMs: Date.now() - started };
}

interface TurnFigures {
  turnsPerSecond: number;
  latencyMeanMs: number;
  latencyP99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
  timeouts: number;
}

async function loadTest(url: string, seconds: number): Promise<TurnFigures> {
  let n = 0;
  const result = await autocannon({
    url: `${url}/api/messages`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          const i = n++;
          const conversation = `bench-${i % CONVERSATIONS}`;
          return {
            ...req,
            body: JSON.stringify({
              type: 'message',
              id: `a${i}`,
              text: QUESTIONS[i % QUESTIONS.length],
              deliveryMode: 'expectReplies',
              channelId: 'bench',
              serviceUrl: 'http://localhost',
              conversation: { id: conversation },
              from: { id: `citizen-${conversation}` },
              recipient: { id: 'bot' },
              channelData: { tenant: i % 2 ? 'gifhorn' : 'wolfsburg' },
            }),
          };
        },
      },
    ],
  });
  return {
    turnsPerSecond: result.requests.average,
    latencyMeanMs: result.latency.average,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
  };
}

function rssMegabytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : undefined;
}

/**
 * A fresh database for the run on the server of BENCH_POSTGRES_URL (whose user needs CREATEDB), so that
 * the figures never depend on what an earlier run left, and nobody's data is touched; dropped afterwards.
 */
async function postgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `kommune_bench_${process.pid}_${Date.now()}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The round whose ratio is the median. */
function medianRound<T extends { throughputRatio: number }>(rounds: T[]): T {
  return [...rounds].sort((x, y) => x.throughputRatio - y.throughputRatio)[Math.floor(rounds.length / 2)];
}

async function main(): Promise<void> {
  log('understanding: load, train, classify …');
  const understanding = measureUnderstanding();

  const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
  const children: ChildProcess[] = [];
  let postgres: { url: string; drop(): Promise<void> } | undefined;
  try {
    log('starting the echo bot and the assistant …');
    const echo = await startServer(join(ROOT, 'dist', 'bench', 'echoBot.js'), {});
    children.push(echo.child);
    // Rate limits off: the load comes from one address and reuses 500 conversations far faster than a citizen types.
    const appEnv = { RATE_LIMIT_PER_IP: '0', RATE_LIMIT_PER_CONVERSATION: '0', KNOWLEDGE_HOT_RELOAD: 'false' };
    const app = await startServer(join(ROOT, 'dist', 'bot', 'index.js'), { ...appEnv, DATA_DIR: dataDir });
    children.push(app.child);
    const rssIdle = rssMegabytes(app.child.pid);
    if (POSTGRES_URL) {
      log('starting the assistant on PostgreSQL …');
      postgres = await postgresDatabase(POSTGRES_URL);
    }
    const onPostgres = postgres
      ? await startServer(join(ROOT, 'dist', 'bot', 'index.js'), { ...appEnv, DATA_DIR: dataDir, DATABASE_URL: postgres.url })
      : undefined;
    if (onPostgres) children.push(onPostgres.child);
    log('warm-up …');
    await loadTest(echo.url, WARM_UP_SECONDS);
    await loadTest(app.url, WARM_UP_SECONDS);
    if (onPostgres) await loadTest(onPostgres.url, WARM_UP_SECONDS);
    // The machine is shared: its speed drifts. Echo bot and assistant take turns, round by round, and each
    // round's ratio compares two measurements taken side by side; the report gives the median round.
    const rounds: { echoBot: TurnFigures; assistant: TurnFigures; throughputRatio: number }[] = [];
    const postgresRounds: { assistant: TurnFigures; throughputRatio: number }[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      log(`round ${r} of ${ROUNDS}: echo bot, then assistant${onPostgres ? ', then assistant on PostgreSQL' : ''} …`);
      const echoTurns = await loadTest(echo.url, DURATION_SECONDS);
      const appTurns = await loadTest(app.url, DURATION_SECONDS);
      rounds.push({
        echoBot: echoTurns,
        assistant: appTurns,
        throughputRatio: round(appTurns.turnsPerSecond / echoTurns.turnsPerSecond, 3),
      });
      if (onPostgres) {
        const pgTurns = await loadTest(onPostgres.url, DURATION_SECONDS);
        postgresRounds.push({ assistant: pgTurns, throughputRatio: round(pgTurns.turnsPerSecond / echoTurns.turnsPerSecond, 3) });
      }
    }
    const rssAfterLoad = rssMegabytes(app.child.pid);
    for (const c of children) c.kill('SIGTERM');
    const median = medianRound(rounds);
    const postgresMedian = postgresRounds.length > 0 ? medianRound(postgresRounds) : undefined;

    const report = {
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      classification: {
        meanMicroseconds: round(understanding.meanMicros),
        p99Microseconds: round(understanding.p99Micros),
        perSecond: Math.round(understanding.perSecond),
      },
      startup: {
        knowledgeLoadMs: round(understanding.loadMs),
        trainingMs: round(understanding.trainMs),
        processToListeningMs: app.startMs,
      },
      turns: {
        conversations: CONVERSATIONS,
        connections: CONNECTIONS,
        durationSeconds: DURATION_SECONDS,
        rounds: ROUNDS,
        // The median round (by its ratio), whole: echo bot and assistant as measured side by side.
        echoBot: median.echoBot,
        assistant: median.assistant,
        throughputRatio: median.throughputRatio,
        p99LatencyRatio: round(median.assistant.latencyP99Ms / median.echoBot.latencyP99Ms, 3),
        errors: rounds.reduce((n, x) => n + x.assistant.errors + x.assistant.non2xx + x.assistant.timeouts, 0),
        ratiosByRound: rounds.map((x) => x.throughputRatio),
        // The same rounds, the assistant on PostgreSQL (BENCH_POSTGRES_URL), against each round's echo bot.
        ...(postgresMedian
          ? {
              onPostgres: {
                assistant: postgresMedian.assistant,
                throughputRatio: postgresMedian.throughputRatio,
                errors: postgresRounds.reduce((n, x) => n + x.assistant.errors + x.assistant.non2xx + x.assistant.timeouts, 0),
                ratiosByRound: postgresRounds.map((x) => x.throughputRatio),
              },
            }
          : {}),
      },
      memory: { rssIdleMegabytes: rssIdle, rssAfterLoadMegabytes: rssAfterLoad },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    await postgres?.drop().catch((err: Error) => log(`the benchmark database was not dropped: ${err.message}`));
  }
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

main().catch((err: unknown) => {
  log(`benchmark failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
