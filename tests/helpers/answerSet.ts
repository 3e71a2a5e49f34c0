/**
 * The answer evaluation: conversations of a development set, each with the facts its last reply must
 * contain. A fact counts as answered when every pattern of the item appears in the chat text and, judged
 * separately, in the spoken form, both folded (lowercase, ä → ae, ß → ss) so that spelling does not decide.
 */
import { readFileSync } from 'node:fs';
import type { AssistantKnowledge } from '../../dialogs/assistantKnowledge';
import { converse } from './conversation';

export interface AnswerItem {
  id: string;
  tenant: string;
  style: 'typed' | 'voice';
  turns: string[];
  service: string;
  facet: string;
  expect: string[];
  note?: string;
}

export interface AnswerOutcome {
  item: AnswerItem;
  text: string;
  spoken: string;
  inText: boolean;
  inSpeech: boolean;
  /** Characters a citizen reads: the text without markdown syntax and link targets. */
  visibleChars: number;
  spokenWords: number;
}

export function readAnswerSet(file: string): AnswerItem[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as AnswerItem);
}

export function foldForFacts(text: string): string {
  return text.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
}

export function visibleText(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\*\*|__/g, '');
}

export async function evaluateAnswers(
  assistant: AssistantKnowledge,
  items: readonly AnswerItem[],
  clock: () => Date,
): Promise<AnswerOutcome[]> {
  const out: AnswerOutcome[] = [];
  for (const item of items) {
    const replies = await converse(assistant, item.tenant, item.turns, clock);
    const last = replies[replies.length - 1];
    const patterns = item.expect.map((p) => new RegExp(p, 'i'));
    const text = foldForFacts(last.text);
    const spoken = foldForFacts(last.spoken);
    out.push({
      item,
      text: last.text,
      spoken: last.spoken,
      inText: patterns.every((p) => p.test(text)),
      inSpeech: patterns.every((p) => p.test(spoken)),
      visibleChars: visibleText(last.text).length,
      spokenWords: last.spoken.split(/\s+/).filter(Boolean).length,
    });
  }
  return out;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
