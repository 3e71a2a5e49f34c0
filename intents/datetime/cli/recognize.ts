/**
 * `npm run -s recognize -- --ref 2026-11-24T10:00:00`: one input per stdin line, either plain text
 * (relative to --ref, default now) or a JSON object {"text","ref"}; one JSON array of German date/time
 * results per line on stdout (the package's ModelResult shape). A line that cannot be understood
 * gives `[]` on stdout and a message on stderr; nothing else is ever written to stdout.
 */
import { createInterface } from 'node:readline';
import { recognizeDateTime } from '../index';
import { parseLocalIso } from '../specEval';

function parseRef(s: string | undefined): Date | null {
  if (!s) return null;
  const d = /^\d{4}-\d{2}-\d{2}/.test(s) && !/[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? parseLocalIso(s) : new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

function argRef(argv: string[]): Date {
  const i = argv.indexOf('--ref');
  const v = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--ref='))?.slice(6);
  const d = parseRef(v);
  if (v && !d) console.error(`recognize: invalid --ref ${JSON.stringify(v)}, using the current time`);
  return d ?? new Date();
}

const defaultRef = argRef(process.argv.slice(2));
const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });

rl.on('line', (line) => {
  let text = line;
  let ref = defaultRef;
  try {
    if (line.trimStart().startsWith('{')) {
      const obj = JSON.parse(line) as { text?: unknown; ref?: unknown };
      if (typeof obj !== 'object' || obj === null || typeof obj.text !== 'string')
        throw new Error('expected {"text": string, "ref"?: string}');
      text = obj.text;
      if (obj.ref !== undefined) {
        const d = parseRef(String(obj.ref));
        if (!d) throw new Error(`invalid ref ${JSON.stringify(obj.ref)}`);
        ref = d;
      }
    }
    process.stdout.write(JSON.stringify(recognizeDateTime(text, ref)) + '\n');
  } catch (err) {
    console.error(`recognize: ${err instanceof Error ? err.message : String(err)}`);
    process.stdout.write('[]\n');
  }
});
