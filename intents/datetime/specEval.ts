/**
 * Runs the Recognizers-Text German specification (../shared/specs/recognizers-text) against our
 * German models. Cases whose NotSupported names dotnet are skipped (the reference implementation does
 * not pass them either); everything else counts, including cases marked unsupported for JavaScript.
 *
 * DateTimeModel is scored two ways:
 * - strict, as the upstream JavaScript data-driven test runner asserts a DateTimeModel case
 *   (Recognizers-Text JavaScript/test/runner-datetime.js, getModelTestRunner; the .NET TestBase
 *   asserts the same fields): the same number of results and, result by result in order, the same
 *   text, type name, start and end offsets (End is inclusive in both), the same number of resolution
 *   values, and value by value deep-equal (every key either side has: timex, type, value, start, end,
 *   Mod, sourceEntity) after both lists are sorted by their `value` field, stably (range values have
 *   no `value` and keep their order), as that runner does.
 * - type+TIMEX: the same number of results and, result by result, the same type name and the same
 *   set of TIMEX strings (what a caller of the model acts on; text span and other values ignored).
 * NumberModel (upstream TestBase.TestNumber): the same results with text, type name, start and end
 * (where the spec gives them) and resolution value.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelResult } from '@microsoft/recognizers-text';
import { recognizeDateTime } from './index';
import { recognizeNumber } from './number';

interface SpecResult {
  Text: string;
  TypeName: string;
  Start?: number;
  End?: number;
  Resolution?: { values?: Record<string, string>[]; value?: string };
}
interface SpecCase {
  Input: string;
  Context?: { ReferenceDateTime?: string };
  NotSupported?: string;
  Results: SpecResult[];
}

export interface CaseOutcome {
  input: string;
  ref?: string;
  strict: boolean;
  typeTimex: boolean;
  expected: SpecResult[];
  actual: ModelResult[];
}

export interface SpecScore {
  total: number;
  skipped: number;
  strict: number;
  typeTimex: number;
  outcomes: CaseOutcome[];
}

/**
 * The specification: ../shared/specs/recognizers-text beside the repository when it is there (the team's
 * shared copy), else the copy in tests/fixtures/recognizers-text (same files, MIT licence, see NOTICE there),
 * so that a clone on its own runs it too.
 */
function defaultSpecRoot(): string {
  // dist/intents/datetime → repository root
  const root = join(__dirname, '..', '..', '..');
  const shared = join(root, '..', 'shared', 'specs', 'recognizers-text');
  return existsSync(join(shared, 'DateTime', 'German', 'DateTimeModel.json'))
    ? shared
    : join(root, 'tests', 'fixtures', 'recognizers-text');
}

function loadSpec(path: string): SpecCase[] {
  const raw = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  return JSON.parse(raw) as SpecCase[];
}

function skipped(c: SpecCase): boolean {
  return /dotnet/i.test(c.NotSupported ?? '');
}

/** Parses a spec reference time ("2016-11-07T00:00:00", fractions allowed) as local time. */
export function parseLocalIso(s: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
  if (!m) return new Date(NaN);
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
}

/** A resolution value as a canonical string: every key that is present, sorted, values as strings. */
function normValue(v: Record<string, unknown>): string {
  const o: Record<string, string> = {};
  for (const k of Object.keys(v).sort()) if (v[k] !== undefined && v[k] !== null) o[k] = String(v[k]);
  return JSON.stringify(o);
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Values sorted by `value` as the upstream runner sorts them (Array.prototype.sort is stable). */
function byValue(values: Record<string, unknown>[]): Record<string, unknown>[] {
  const key = (v: Record<string, unknown>): string => (v.value === undefined || v.value === null ? '' : String(v.value));
  return [...values].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function sameSet(a: string[], b: string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function actualValues(r: ModelResult): Record<string, unknown>[] {
  const res = r.resolution as { values?: Record<string, unknown>[] } | undefined;
  return res?.values ?? [];
}

/**
 * Runs every case of one specification file that is not skipped: recognises its input (a recognizer that
 * throws counts as finding nothing) and judges the results both ways.
 */
function runSpec(
  file: string,
  recognize: (c: SpecCase) => ModelResult[],
  judge: (expected: SpecResult[], actual: ModelResult[]) => { strict: boolean; typeTimex: boolean },
): SpecScore {
  const score: SpecScore = { total: 0, skipped: 0, strict: 0, typeTimex: 0, outcomes: [] };
  for (const c of loadSpec(file)) {
    if (skipped(c)) {
      score.skipped++;
      continue;
    }
    score.total++;
    let actual: ModelResult[] = [];
    try {
      actual = recognize(c);
    } catch {
      actual = [];
    }
    const expected = c.Results;
    const { strict, typeTimex } = judge(expected, actual);
    if (strict) score.strict++;
    if (typeTimex) score.typeTimex++;
    score.outcomes.push({ input: c.Input, ref: c.Context?.ReferenceDateTime, strict, typeTimex, expected, actual });
  }
  return score;
}

export function scoreDateTime(root = defaultSpecRoot()): SpecScore {
  const recognize = (c: SpecCase): ModelResult[] => {
    const ref = c.Context?.ReferenceDateTime;
    return recognizeDateTime(c.Input, ref ? parseLocalIso(ref) : new Date());
  };
  return runSpec(join(root, 'DateTime', 'German', 'DateTimeModel.json'), recognize, (expected, actual) => {
    let strict = expected.length === actual.length;
    let typeTimex = strict;
    for (let i = 0; i < expected.length && i < actual.length; i++) {
      const e = expected[i];
      const a = actual[i];
      const ev = e.Resolution?.values ?? [];
      const av = actualValues(a);
      const typeOk = e.TypeName === a.typeName;
      const timexOk = sameSet([...new Set(ev.map((v) => String(v.timex)))], [...new Set(av.map((v) => String(v.timex)))]);
      if (!typeOk || !timexOk) typeTimex = false;
      const spanOk = e.Text === a.text && (e.Start === undefined || e.Start === a.start) && (e.End === undefined || e.End === a.end);
      if (!typeOk || !spanOk || !sameList(byValue(ev).map(normValue), byValue(av).map(normValue))) strict = false;
    }
    return { strict, typeTimex };
  });
}

/** Numbers have no TIMEX: a case passes both ways or neither. */
export function scoreNumber(root = defaultSpecRoot()): SpecScore {
  return runSpec(
    join(root, 'Number', 'German', 'NumberModel.json'),
    (c) => recognizeNumber(c.Input),
    (expected, actual) => {
      let ok = expected.length === actual.length;
      for (let i = 0; ok && i < expected.length; i++) {
        const e = expected[i];
        const a = actual[i];
        const av = (a.resolution as { value?: string } | undefined)?.value;
        const spanOk = (e.Start === undefined || e.Start === a.start) && (e.End === undefined || e.End === a.end);
        ok = e.Text === a.text && e.TypeName === a.typeName && spanOk && e.Resolution?.value === av;
      }
      return { strict: ok, typeTimex: ok };
    },
  );
}

export function percent(n: number, total: number): number {
  return total === 0 ? 0 : Math.round((1000 * n) / total) / 10;
}
