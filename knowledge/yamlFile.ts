/**
 * Reading one YAML file of the knowledge with the line of every node, and the `file:line: problem` form in
 * which every problem is reported, so that editors who are not programmers find it.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document, type Node } from 'yaml';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import type { z } from 'zod';

export interface Problem {
  file: string;
  line: number;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

export interface ParsedFile<T> {
  file: string;
  data: T;
  /** The document and its line positions, for `file:line` problems (parsed on first use). */
  readonly doc: Document;
  readonly lines: LineCounter;
}

export type PathKey = string | number;

/** Line (1-based) of the YAML node at `path`, or of its nearest existing ancestor. */
export function lineOf(doc: Document, lines: LineCounter, path: readonly PathKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) {
      return lines.linePos(node.range[0]).line;
    }
  }
  return 1;
}

/** Line of the key `key` inside the map at `path` (for unknown keys). */
export function lineOfKey(doc: Document, lines: LineCounter, path: readonly PathKey[], key: string): number {
  const map = path.length ? doc.getIn(path, true) : doc.contents;
  if (isMap(map)) {
    for (const item of map.items) {
      if (isPair(item) && isScalar(item.key) && item.key.value === key && item.key.range) {
        return lines.linePos(item.key.range[0]).line;
      }
    }
  }
  return lineOf(doc, lines, path);
}

export function describePath(path: readonly PropertyKey[]): string {
  return path
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`))
    .join('')
    .replace(/^\./, '');
}

export function parseFile<T>(file: string, displayName: string, schema: z.ZodType<T>, problems: Problem[]): ParsedFile<T> | undefined {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    problems.push({ file: displayName, line: 1, message: `cannot read file: ${(err as Error).message}` });
    return undefined;
  }
  // The data comes from js-yaml (several times faster: the knowledge is read at every start); the document with
  // its line positions, which only a problem needs, from `yaml`, and only when asked for. Both read YAML 1.2's
  // core schema (dates stay strings, duplicate keys are errors), so they agree on every valid file.
  let fast: unknown;
  try {
    fast = loadYaml(source, { schema: CORE_SCHEMA });
  } catch {
    fast = undefined;
  }
  let positions: { doc: Document; lines: LineCounter } | undefined;
  const located = (): { doc: Document; lines: LineCounter } => {
    if (!positions) {
      const lines = new LineCounter();
      positions = { doc: parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
    }
    return positions;
  };
  if (fast === undefined) {
    const { doc, lines } = located();
    for (const e of doc.errors) {
      problems.push({ file: displayName, line: lines.linePos(e.pos[0]).line, message: `YAML syntax: ${e.message.split('\n')[0]}` });
    }
    if (doc.errors.length > 0) return undefined;
    // An empty file: js-yaml gives undefined, as `yaml` gives null.
    fast = doc.toJS();
  }
  const result = schema.safeParse(fast);
  if (!result.success) {
    const { doc, lines } = located();
    for (const issue of result.error.issues) {
      const path = issue.path.filter((k): k is PathKey => typeof k !== 'symbol');
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          problems.push({
            file: displayName,
            line: lineOfKey(doc, lines, path, key),
            message: `${describePath([...path, key])}: unknown field`,
          });
        }
        continue;
      }
      const where = describePath(path);
      problems.push({ file: displayName, line: lineOf(doc, lines, path), message: `${where || '(file)'}: ${issue.message}` });
    }
    return undefined;
  }
  return {
    file: displayName,
    data: result.data,
    get doc() {
      return located().doc;
    },
    get lines() {
      return located().lines;
    },
  };
}
