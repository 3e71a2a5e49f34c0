import { strict as assert } from 'node:assert';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Activity } from 'botbuilder';
import {
  DEFAULT_VOICE,
  asksQuestion,
  forTheEar,
  speakEuro,
  speakPhoneNumbers,
  speakTimes,
  spokenText,
  summariseList,
  toSsml,
} from '../../dialogs/voice';
import { addVoice } from '../../bot/voiceMiddleware';
import type { AssistantKnowledge } from '../../dialogs/assistantKnowledge';
import { ask, dialogClient, shippedAssistant } from '../helpers/assistant';
import { assertEachRendered } from '../helpers/cases';

interface ParsedSsml {
  speak: { 'xml:lang': string; voice: { name: string; '#text': string } };
}

function parseSsml(ssml: string): ParsedSsml {
  assert.equal(XMLValidator.validate(ssml), true, ssml);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(ssml) as ParsedSsml;
}

describe('voice: spoken rendering of replies', function () {
  this.timeout(30000);

  it('speaks times, euro amounts, phone numbers and dates for the ear', () => {
    assertEachRendered(speakTimes, {
      'Heute bis 9:30 Uhr.': 'Heute bis 9 Uhr 30.',
      'Mo: 07:00–18:00 Uhr': 'Mo: 7 bis 18 Uhr',
      '08:30–12:00 Uhr': '8 Uhr 30 bis 12 Uhr',
    });
    assertEachRendered(speakEuro, {
      'Gebühr: 46,00 €': 'Gebühr: 46 Euro',
      '37,50\u00a0€ und 1.234,00 €': '37 Euro 50 und 1234 Euro',
    });
    assertEachRendered(speakPhoneNumbers, {
      'Telefon: 05371 82-0': 'Telefon: 0 5 3 7 1, 8 2, 0',
      '38518 Gifhorn, 25.11.2026': '38518 Gifhorn, 25.11.2026',
    });
    assertEachRendered(forTheEar, {
      'Stand 25.11.2026': 'Stand 25. November 2026',
      'Mo–Fr: 07:00–18:00 Uhr': 'Montag bis Freitag: 7 bis 18 Uhr',
    });
  });

  it('drops URLs and markdown', () => {
    const t = forTheEar(
      '**Reisepass**: online unter [Portal](https://example.org/a) (https://www.wolfsburg.de/x), siehe https://www.gifhorn.de.',
    );
    assert.doesNotMatch(t, /https?:|www\.|\*\*|\[/);
    assert.match(t, /^Reisepass: online unter Portal, siehe der Website\.$/);
  });

  it('summarises long lists with their count and the first items', () => {
    const s = summariseList('Zur Vorsprache bringen Sie mit:', ['- A', '- B (wenn vorhanden)', '- C', '- D', '- E']);
    assert.equal(s, 'Zur Vorsprache bringen Sie fünf Unterlagen mit: A, B, C und zwei weitere.');
    assert.equal(
      summariseList('So geht es:', ['1. Termin', '2. Antrag', '3. Abholen']),
      'So geht es, in drei Schritten: Erstens: Termin; zweitens: Antrag; drittens: Abholen.',
    );
    assert.equal(summariseList('Kosten:', ['- a: 1 €', '- b: 2 €']), 'Kosten: a: 1 € und b: 2 €.');
  });

  it('gives buttons and cards a spoken equivalent', () => {
    const t = spokenText({
      text: 'Gern. Um welche Leistung geht es?',
      suggestions: ['Personalausweis', 'Reisepass', 'Wohnsitz-Anmeldung', 'Kfz-Zulassung'],
    });
    assert.equal(
      t,
      'Gern. Um welche Leistung geht es? Zur Auswahl stehen zum Beispiel: Personalausweis, Reisepass oder Wohnsitz-Anmeldung.',
    );
    const q = spokenText({
      text: 'Das kostet 13,00 €.',
      suggestions: ['Was kostet das?', 'Wie läuft das ab?'],
      cards: [{ speak: 'Checkliste mit 3 Unterlagen.' }],
    });
    assert.equal(
      q,
      'Das kostet 13 Euro. Checkliste mit 3 Unterlagen. Sie können zum Beispiel fragen: „Was kostet das?“ oder „Wie läuft das ab?“',
    );
  });

  it('wraps the spoken text in SSML with the voice and escapes it', () => {
    const ssml = toSsml('Müll & Sperrmüll <Termin> "heute"', 'de-DE-ConradNeural');
    const parsed = parseSsml(ssml);
    assert.equal(parsed.speak['xml:lang'], 'de-DE');
    assert.equal(parsed.speak.voice.name, 'de-DE-ConradNeural');
    assert.match(ssml, /Müll &amp; Sperrmüll &lt;Termin&gt;/);
    assert.equal(DEFAULT_VOICE, 'de-DE-KatjaNeural');
  });

  it('knows when a reply asks something', () => {
    assert.equal(asksQuestion('Wie kann ich helfen?'), true);
    assert.equal(asksQuestion('Um welche Leistung geht es?\n'), true);
    assert.equal(asksQuestion('**Reisepass** kostet 70,00 €.'), false);
  });

  describe('on the real answers', () => {
    let assistant: AssistantKnowledge;
    before(() => {
      assistant = shippedAssistant();
    });

    async function spoken(tenant: string, question: string): Promise<{ activity: Partial<Activity>; text: string }> {
      const activity = await ask(dialogClient(assistant, tenant), question);
      addVoice(activity, 'de-DE-KatjaNeural');
      const parsed = parseSsml(activity.speak ?? '');
      return { activity, text: String(parsed.speak.voice['#text']) };
    }

    for (const [tenant, question] of [
      ['wolfsburg', 'Was brauche ich für einen Personalausweis?'],
      ['wolfsburg', 'Was kostet ein Reisepass?'],
      ['wolfsburg', 'Wie melde ich meinen Wohnsitz an?'],
      ['gifhorn', 'Wer ist für die Kfz-Zulassung zuständig?'],
      ['gifhorn', 'Wann hat die Zulassungsstelle geöffnet?'],
      ['wolfsburg', 'Was kann ich Sie fragen?'],
      ['gifhorn', 'Hallo'],
    ] as const) {
      it(`${tenant}: "${question}" is short, without URLs or markdown, with times and amounts spoken`, async () => {
        const { activity, text } = await spoken(tenant, question);
        assert.ok(text.length > 20 && text.length < 900, `${text.length} characters: ${text}`);
        assert.doesNotMatch(text, /https?:|www\.|\*\*|\n|€|\d{1,2}:\d{2}/, text);
        assert.ok(activity.inputHint === 'expectingInput' || activity.inputHint === 'acceptingInput');
      });
    }

    it('documents: names the count and the first documents, and offers to read all of them', async () => {
      const { text, activity } = await spoken('wolfsburg', 'Was brauche ich für einen Personalausweis?');
      assert.match(text, /^Personalausweis: Sie brauchen (zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|\d+) Unterlagen/, text);
      assert.match(text, /Soll ich Ihnen alle vorlesen\?$/);
      assert.ok(text.split(/\s+/).length <= 40, text);
      assert.equal(activity.inputHint, 'expectingInput');
    });

    it('asking back for the service expects input and offers the services by voice', async () => {
      const { text, activity } = await spoken('wolfsburg', 'Was kostet das?');
      assert.equal(activity.inputHint, 'expectingInput');
      assert.match(text, /Zur Auswahl stehen zum Beispiel: /);
    });

    it('a fee is said in euros', async () => {
      const { text } = await spoken('wolfsburg', 'Was kostet ein Reisepass?');
      assert.match(text, /70 Euro/);
    });
  });
});
