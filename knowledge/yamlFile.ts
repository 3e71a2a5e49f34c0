/**
 * Reading one YAML file of the knowledge with the line of every node, and the `file:line: problem` form in
 * which every problem is reported, so that editors who are not programmers find it.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document, type Node } from 'yaml';
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
  doc: Document;
  lines: LineCounter;
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
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      problems.push({ file: displayName, line: lines.linePos(e.pos[0]).line, message: `YAML syntax: ${e.message.split('\n')[0]}` });
    }
    return undefined;
  }
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
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
  return { file: displayName, data: result.data, doc, lines };
}
