/**
 * `npm run -s report:unanswered [-- --days N] [--json]`: what citizens asked that the assistant could not
 * answer, grouped (same words, whatever the case, umlaut spelling or punctuation), most frequent first,
 * for the knowledge editors: each group is a candidate for a synonym, a training phrase or a new service.
 * Questions about known services not answered yet (knowledge/weitere-leistungen.yaml) come first, grouped by
 * that service, most asked first: the next service to write. Reads the embedded storage under DATA_DIR.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { openStorage } from '../storage/backend';
import { SCHEMAS } from '../schemas';
import { ASSISTANT_SCHEMA } from '../assistant/migrations';
import { OTHER_SERVICE_GUESS, UnansweredStore, type UnansweredQuestion } from '../storage/unansweredStore';
import { loadKnowledgeOrThrow } from '../../knowledge/loader';
import type { OtherService } from '../../knowledge/schema';
import { OutcomeStore, type Resolution } from '../storage/outcomeStore';
import { tokenize } from '../../intents/normalize';

interface Group {
  count: number;
  example: string;
  tenants: Set<string>;
  guesses: Map<string, number>;
  last: string;
}

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

interface OtherServiceGroup {
  id: string;
  name: string;
  leika?: string;
  count: number;
  tenants: string[];
  examples: string[];
}

/** Questions about known services not answered yet, by service, most asked first (three examples each). */
function groupByOtherService(questions: readonly UnansweredQuestion[], catalogue: ReadonlyMap<string, OtherService>): OtherServiceGroup[] {
  const groups = new Map<string, OtherServiceGroup>();
  for (const q of questions) {
    if (!q.guess.startsWith(OTHER_SERVICE_GUESS)) continue;
    const id = q.guess.slice(OTHER_SERVICE_GUESS.length);
    const known = catalogue.get(id);
    const g = groups.get(id) ?? { id, name: known?.name ?? id, leika: known?.leikaSchluessel, count: 0, tenants: [], examples: [] };
    g.count++;
    if (!g.tenants.includes(q.tenant)) g.tenants.push(q.tenant);
    if (g.examples.length < 3 && !g.examples.includes(q.text)) g.examples.push(q.text);
    groups.set(id, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'de'));
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
  const storage = await openStorage(config, createLogger('error'), SCHEMAS);
  const state = storage.database(ASSISTANT_SCHEMA.database);
  let groups: Group[];
  let others: OtherServiceGroup[];
  let resolution: Resolution[];
  try {
    const store = new UnansweredStore(state, config.unansweredRetentionDays);
    const questions = await store.since(new Date(Date.now() - args.days * 24 * 60 * 60 * 1000));
    others = groupByOtherService(questions, loadKnowledgeOrThrow(config.knowledgeDir).otherServices);
    groups = groupQuestions(questions.filter((q) => !q.guess.startsWith(OTHER_SERVICE_GUESS)));
    resolution = await new OutcomeStore(state, config.unansweredRetentionDays).resolution(args.days);
  } finally {
    await storage.close();
  }
  const rows = groups.map((g) => ({
    count: g.count,
    question: g.example,
    tenants: [...g.tenants].sort(),
    closestGuess: [...g.guesses].sort((a, b) => b[1] - a[1])[0][0],
    lastAsked: g.last,
  }));
  if (args.json) {
    for (const o of others)
      process.stdout.write(
        `${JSON.stringify({ otherService: o.id, name: o.name, leika: o.leika ?? null, count: o.count, tenants: o.tenants, examples: o.examples })}\n`,
      );
    for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
    return;
  }
  process.stdout.write(
    `Erstkontaktlösung der letzten ${args.days} Tage (beendete Gespräche, ohne Mitarbeiter und ohne „nicht geholfen“):\n`,
  );
  if (resolution.length === 0) process.stdout.write('  noch keine beendeten Gespräche\n');
  for (const r of resolution) {
    const pct = r.ended > 0 ? Math.round((100 * r.resolved) / r.ended) : 0;
    process.stdout.write(
      `  ${r.tenant}: ${pct} % von ${r.ended} (an Mitarbeiter: ${r.escalated}, nicht geholfen: ${r.notHelped}, ohne Antwort: ${r.unanswered})\n`,
    );
  }
  process.stdout.write('\n');
  process.stdout.write(
    `Gefragte Leistungen, die der Assistent noch nicht beantwortet (weitere-leistungen.yaml), letzte ${args.days} Tage:\n`,
  );
  if (others.length === 0) process.stdout.write('  keine\n');
  for (const o of others) {
    process.stdout.write(`${String(o.count).padStart(5)}  ${o.name}${o.leika ? ` (LeiKa ${o.leika})` : ''} · ${o.tenants.join(', ')}\n`);
    for (const e of o.examples) process.stdout.write(`       „${e}“\n`);
  }
  process.stdout.write('\n');
  process.stdout.write(
    `Weitere unbeantwortete Fragen der letzten ${args.days} Tage: ${rows.reduce((n, r) => n + r.count, 0)} (${rows.length} verschiedene)\n\n`,
  );
  for (const r of rows) {
    process.stdout.write(
      `${String(r.count).padStart(5)}  ${r.question}\n       ${r.tenants.join(', ')} · nächste Vermutung: ${r.closestGuess} · zuletzt ${r.lastAsked.slice(0, 10)}\n`,
    );
  }
}

main().catch((err: Error) => {
  process.stderr.write(`report:unanswered failed: ${err.message}\n`);
  process.exit(1);
});
