/**
 * `npm run -s report:unanswered [-- --days N] [--json]`: what citizens asked that the assistant could not
 * answer, grouped (same words, whatever the case, umlaut spelling or punctuation), most frequent first,
 * for the knowledge editors: each group is a candidate for a synonym, a training phrase or a new service.
 * Reads the embedded storage under DATA_DIR.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { openStorage } from '../storage/backend';
import { UnansweredStore, type UnansweredQuestion } from '../storage/unansweredStore';
import { OutcomeStore, type Resolution } from '../storage/outcomeStore';
import { tokenize } from '../../intents/normalize';

interface Group { count: number; example: string; tenants: Set<string>; guesses: Map<string, number>; last: string }

function parseArgs(argv: string[]): { days: number; json: boolean } {
  let days = 30;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') json = true;
    else if (argv[i] === '--days') {
      days = Number(argv[++i]);
      if (!Number.isInteger(days) || days <= 0) throw new Error('--days needs a positive whole number');
    } else throw new Error(`unknown argument "${argv[i]}" (use --days N and --json)`);
  }
  return { days, json };
}

function groupQuestions(questions: readonly UnansweredQuestion[]): Group[] {
  const groups = new Map<string, Group>();
  for (const q of questions) {
    const key = tokenize(q.text).join(' ');
    if (!key) continue;
    const g = groups.get(key) ?? { count: 0, example: q.text, tenants: new Set(), guesses: new Map(), last: q.at };
    g.count++;
    g.tenants.add(q.tenant);
    g.guesses.set(q.guess, (g.guesses.get(q.guess) ?? 0) + 1);
    if (q.at > g.last) g.last = q.at;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.last.localeCompare(a.last));
}

async function main(): Promise<void> {
  let args: { days: number; json: boolean };
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  const config = loadConfig();
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'state.sqlite'))) {
    process.stderr.write(`No data yet in ${config.dataDir} (set DATA_DIR to the server's data folder, or DATABASE_URL).\n`);
    process.exit(1);
  }
  const storage = await openStorage(config, createLogger('error'));
  let groups: Group[];
  let resolution: Resolution[];
  try {
    const store = new UnansweredStore(storage.state, config.unansweredRetentionDays);
    groups = groupQuestions(await store.since(new Date(Date.now() - args.days * 24 * 60 * 60 * 1000)));
    resolution = await new OutcomeStore(storage.state, config.unansweredRetentionDays).resolution(args.days);
  } finally {
    await storage.close();
  }
  const rows = groups.map((g) => ({
    count: g.count, question: g.example, tenants: [...g.tenants].sort(), closestGuess: [...g.guesses].sort((a, b) => b[1] - a[1])[0][0], lastAsked: g.last,
  }));
  if (args.json) {
    for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
    return;
  }
  process.stdout.write(`Erstkontaktlösung der letzten ${args.days} Tage (beendete Gespräche, ohne Mitarbeiter und ohne „nicht geholfen“):\n`);
  if (resolution.length === 0) process.stdout.write('  noch keine beendeten Gespräche\n');
  for (const r of resolution) {
    const pct = r.ended > 0 ? Math.round((100 * r.resolved) / r.ended) : 0;
    process.stdout.write(`  ${r.tenant}: ${pct} % von ${r.ended} (an Mitarbeiter: ${r.escalated}, nicht geholfen: ${r.notHelped}, ohne Antwort: ${r.unanswered})\n`);
  }
  process.stdout.write('\n');
  process.stdout.write(`Unbeantwortete Fragen der letzten ${args.days} Tage: ${rows.reduce((n, r) => n + r.count, 0)} (${rows.length} verschiedene)\n\n`);
  for (const r of rows) {
    process.stdout.write(`${String(r.count).padStart(5)}  ${r.question}\n       ${r.tenants.join(', ')} · nächste Vermutung: ${r.closestGuess} · zuletzt ${r.lastAsked.slice(0, 10)}\n`);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`report:unanswered failed: ${err.message}\n`);
  process.exit(1);
});
