/**
 * Answers that answer the question asked (issue 15): a development set of specific questions written by
 * helpers who never saw the knowledge's wording, each with the fact that must appear. `npm test` prints the
 * share answered with that fact in the chat text and in the spoken form, and the median reply length.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { shippedAssistant } from '../helpers/assistant';
import { evaluateAnswers, median, readAnswerSet, type AnswerOutcome } from '../helpers/answerSet';
import { FIXTURES } from '../helpers/paths';

/** Thursday, 3 December 2026, 11:00 in Berlin: a working day in business hours. */
const CLOCK = () => new Date('2026-12-03T10:00:00Z');
/**
 * Floor for the share answered with the fact in text and speech: the figure measured when this set was last
 * worked on, rounded down; only raise it. Issue 15 asks for 0.90, printed as the target.
 */
const MIN_ANSWERED = 0.91;
const TARGET_ANSWERED = 0.9;
const MAX_MEDIAN_CHARS = 500;

describe('answers to specific questions (development set)', function () {
  this.timeout(120000);
  let outcomes: AnswerOutcome[];

  before(async () => {
    outcomes = await evaluateAnswers(shippedAssistant(), readAnswerSet(join(FIXTURES, 'answers-dev-set.jsonl')), CLOCK);
    const n = outcomes.length;
    const share = (f: (o: AnswerOutcome) => boolean) => outcomes.filter(f).length / n;
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    console.log(
      `      answers-dev-set.jsonl: ${n} conversations, ${outcomes.filter((o) => o.item.turns.length > 1).length} with follow-ups`,
    );
    console.log(
      `      fact in the text: ${pct(share((o) => o.inText))}, in the spoken form: ${pct(share((o) => o.inSpeech))}, in both: ${pct(share((o) => o.inText && o.inSpeech))} (target ${pct(TARGET_ANSWERED)})`,
    );
    console.log(
      `      median reply: ${median(outcomes.map((o) => o.visibleChars))} characters on screen, ${median(outcomes.map((o) => o.spokenWords))} words spoken`,
    );
    if (process.env.SHOW_ERRORS) {
      for (const o of outcomes.filter((x) => !x.inText || !x.inSpeech)) {
        console.log(
          `      ✗ ${o.item.id} [${o.inText ? '' : 'text'}${o.inText || o.inSpeech ? '' : '+'}${o.inSpeech ? '' : 'speech'}] ${o.item.turns.join(' → ')} | expect ${o.item.expect.join(' & ')}`,
        );
        console.log(`        text: ${o.text.replace(/\n+/g, ' ⏎ ').slice(0, 300)}`);
        console.log(`        speak: ${o.spoken.slice(0, 240)}`);
      }
    }
  });

  it(`answers at least ${MIN_ANSWERED * 100} % (the floor measured; target ${TARGET_ANSWERED * 100} %) with the fact asked for, in the text and in the spoken form`, () => {
    assert.ok(outcomes.length >= 200, `${outcomes.length} conversations`);
    const both = outcomes.filter((o) => o.inText && o.inSpeech).length / outcomes.length;
    assert.ok(both >= MIN_ANSWERED, `${(both * 100).toFixed(1)} % answered in text and speech`);
  });

  it(`keeps the median reply to a specific question within ${MAX_MEDIAN_CHARS} characters`, () => {
    const m = median(outcomes.map((o) => o.visibleChars));
    assert.ok(m <= MAX_MEDIAN_CHARS, `median ${m} characters`);
  });

  it('keeps every spoken reply to a specific question short (median ≤ 40 words)', () => {
    const m = median(outcomes.map((o) => o.spokenWords));
    assert.ok(m <= 40, `median ${m} words`);
  });
});
