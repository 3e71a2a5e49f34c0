/**
 * The caller's place (issue 15): every Gemeinde and Ortsteil of the gazetteers resolves to the Stadt,
 * Gemeinde or Samtgemeinde that serves it, never pushes a question out of scope, and a conversation that
 * names its place gets that Verwaltung's office and keeps it.
 */
import { strict as assert } from 'node:assert';
import { shippedAssistant } from '../helpers/assistant';
import { converse } from '../helpers/conversation';
import { foldGerman } from '../../intents/normalize';

const CLOCK = () => new Date('2026-12-03T10:00:00Z');

describe("the caller's place (gazetteer)", function () {
  this.timeout(60000);

  it('resolves every Gemeinde and Ortsteil of Landkreis Gifhorn and Wolfsburg to its Verwaltung', () => {
    const { knowledge, understanding } = shippedAssistant();
    let names = 0;
    const wrong: string[] = [];
    for (const g of knowledge.places.values()) {
      // A name used twice in one Kommune (Hagen in Sprakensehl and in Wittingen) may mean either Verwaltung.
      const servedBy = new Map<string, Set<string>>();
      for (const v of g.verwaltungen) {
        for (const gem of v.gemeinden) {
          for (const name of [gem.name, ...(gem.ortsteile ?? [])]) {
            const key = foldGerman(name);
            servedBy.set(key, (servedBy.get(key) ?? new Set()).add(v.id));
          }
        }
      }
      for (const [key, verwaltungen] of servedBy) {
        names++;
        const u = understanding.understand(`Ich wohne in ${key}`, { tenant: g.kommune });
        if (!u.place || !verwaltungen.has(u.place.verwaltung.id) || u.place.tenant !== g.kommune) {
          wrong.push(`${key} → ${u.place?.verwaltung.id ?? 'nothing'} (expected ${[...verwaltungen].join(' or ')})`);
        }
      }
    }
    console.log(`      ${names} place names, ${wrong.length} not resolved to their Verwaltung`);
    assert.ok(names >= 200, `${names} place names`);
    assert.deepEqual(wrong, []);
  });

  it('never lets a place name push a question out of scope', () => {
    const { knowledge, understanding } = shippedAssistant();
    const lost: string[] = [];
    for (const g of knowledge.places.values()) {
      for (const v of g.verwaltungen) {
        for (const gem of v.gemeinden) {
          for (const name of [gem.name, ...(gem.ortsteile ?? [])]) {
            const u = understanding.understand(`Ich wohne in ${name}, wo beantrage ich einen Personalausweis?`, { tenant: g.kommune });
            if (u.intent === 'none' || u.service !== 'personalausweis') lost.push(`${name}: ${u.intent}/${u.service}`);
          }
        }
      }
    }
    assert.deepEqual(lost, []);
  });

  it('answers with the office of the place named, and keeps the place for later questions', async () => {
    const replies = await converse(
      shippedAssistant(),
      'gifhorn',
      ['Ich wohne in Wasbüttel', 'Wo beantrage ich einen Personalausweis?', 'Und wo melde ich meinen Hund an?'],
      CLOCK,
    );
    assert.match(replies[0].text, /Samtgemeinde Isenbüttel/);
    assert.match(replies[1].text, /Samtgemeinde Isenbüttel/);
    assert.match(replies[1].spoken, /Isenbüttel/);
    assert.match(replies[2].text, /Samtgemeinde Isenbüttel/);
    for (const r of replies) assert.doesNotMatch(r.text, /Samtgemeinde Papenteich|Stadt Wittingen/, 'one office, not the list of all ten');
  });

  it('asks once for the place when a Gemeinde-level service needs it, and answers with the place given', async () => {
    const replies = await converse(shippedAssistant(), 'gifhorn', ['Wo beantrage ich einen Reisepass?', 'Hankensbüttel'], CLOCK);
    assert.match(replies[0].text, /In welcher Stadt, Gemeinde oder Samtgemeinde wohnen Sie\?/);
    assert.equal(replies[0].activity.inputHint, 'expectingInput');
    assert.match(replies[1].text, /Samtgemeinde Hankensbüttel/);
    assert.match(replies[1].text, /Reisepass/);
  });

  it('reads a place in the Kommune of the chat first (Kästorf is in Gifhorn and in Wolfsburg)', () => {
    const { understanding } = shippedAssistant();
    assert.equal(understanding.understand('Ich wohne in Kästorf', { tenant: 'gifhorn' }).place?.tenant, 'gifhorn');
    assert.equal(understanding.understand('Ich wohne in Kästorf', { tenant: 'wolfsburg' }).place?.tenant, 'wolfsburg');
    assert.equal(understanding.understand('Was kostet ein Reisepass im Landkreis Gifhorn?', { tenant: 'gifhorn' }).place, null);
  });
});
