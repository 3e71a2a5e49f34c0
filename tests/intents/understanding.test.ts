import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldGerman, tokenize } from '../../intents/normalize';
import { CompoundSplitter } from '../../intents/compounds';
import { evaluate, type LabelledUtterance } from '../../intents/evaluation';
import { INTENT_IDS } from '../../knowledge/schema';
import { shippedAssistant } from '../helpers/assistant';
import { FIXTURES } from '../helpers/paths';

/** Floors for the held-out set: the figures measured when it was added, rounded down. Only raise them. */
const HOLDOUT_MIN_JOINT = 0.92;
const HOLDOUT_MIN_OOS = 0.9;
/** Floors for the third development set (the targets, reached: measured 92.3 % and 93.9 %). */
const DEV3_MIN_JOINT = 0.92;
const DEV3_MIN_OOS = 0.93;

describe('German normalisation', () => {
  it('folds case, umlauts, ß and punctuation alike for written and ASR-style input', () => {
    assert.equal(foldGerman('Öffnungszeiten der Straßenverkehrsbehörde?!'), 'oeffnungszeiten der strassenverkehrsbehoerde');
    assert.equal(foldGerman('OEFFNUNGSZEITEN der Strassenverkehrsbehoerde'), 'oeffnungszeiten der strassenverkehrsbehoerde');
    assert.deepEqual(tokenize('Kfz-Zulassung: 🚗  was kostet’s?'), ['kfz', 'zulassung', 'was', 'kostet', 's']);
    assert.equal(foldGerman('Café Crème'), 'cafe creme');
    assert.deepEqual(tokenize(''), []);
  });

  it('splits compounds against the vocabulary', () => {
    const s = new CompoundSplitter(['personalausweis', 'verlaengerung', 'reisepass', 'gebuehr', 'kinder', 'hundesteuer']);
    assert.deepEqual(s.split('personalausweisverlaengerung'), ['personalausweis', 'verlaengerung']);
    assert.deepEqual(s.split('reisepassgebuehren'), ['reisepass', 'gebuehren']);
    assert.deepEqual(s.split('kinderreisepass'), ['kinder', 'reisepass']);
    assert.deepEqual(s.split('hundesteuer'), ['hundesteuer']);
    assert.deepEqual(s.split('haus'), ['haus']);
  });

  it('joins a separable verb with the particle that ends its clause, also without punctuation', () => {
    assert.deepEqual(tokenize('wo melde ich mich an wenn ich nach Meine gezogen bin'), [
      'wo',
      'ich',
      'mich',
      'anmelde',
      'wenn',
      'ich',
      'nach',
      'meine',
      'gezogen',
      'bin',
    ]);
    assert.deepEqual(tokenize('Wie melde ich die Geburt an, war im Klinikum').slice(0, 4), ['wie', 'ich', 'die', 'geburt']);
    assert.equal(tokenize('Wie melde ich die Geburt an, war im Klinikum')[4], 'anmelde');
    assert.deepEqual(tokenize('Wie melde ich mich da an?'), ['wie', 'ich', 'mich', 'da', 'anmelde']);
    assert.deepEqual(tokenize("fürn Perso 'nen Termin, is nich so wichtig"), [
      'fuer',
      'den',
      'perso',
      'einen',
      'termin',
      'ist',
      'nicht',
      'so',
      'wichtig',
    ]);
    assert.deepEqual(tokenize('meine nummer ist null fünf eins eins zwei drei vier'), ['meine', 'nummer', 'ist', '0511234']);
  });
});

describe('language understanding', function () {
  this.timeout(30000);
  const understand = (text: string) => shippedAssistant().understanding.understand(text);

  // One table for the tests that each read one thing of the understanding: the test's name, what it reads, and
  // the cases (text → the expected service or intent).
  const expectations: [name: string, reads: 'service' | 'intent', cases: [text: string, expected: string][]][] = [
    [
      'finds services through synonyms, colloquial names, compounds, typos and umlaut spellings',
      'service',
      [
        ['Was kostet ein neuer Perso?', 'personalausweis'],
        ['Personalausweisverlängerung', 'personalausweis'],
        ['was kostet ein reisepas', 'reisepass'],
        ['Fuehrungszeugnis beantragen', 'fuehrungszeugnis'],
        ['Ich möchte mein Auto anmelden', 'kfz-zulassung'],
        ['ich will mein auto abmelden', 'kfz-abmeldung'],
        ['Wie melde ich meinen Hund an?', 'hundesteuer'],
        ['Sperrmüllabholung', 'sperrmuell'],
      ],
    ],
    [
      'reads a short name several services use in the family the sentence points to',
      'service',
      [
        // "Abmeldung" alone is the Wohnsitz's; with the car's words it is the car's.
        ['Wie funktioniert die Abmeldung?', 'wohnsitz-abmeldung'],
        ['Muss ich die Nummernschilder zur Abmeldung mitbringen?', 'kfz-abmeldung'],
        ['Kann ich mein Kennzeichen in Wolfsburg abmelden?', 'kfz-abmeldung'],
        // A word of one odd name ("Sperrmüll selber anliefern") points nowhere.
        ['Kann mein Mann mich mit anmelden oder muss ich selber kommen?', 'wohnsitz-anmeldung'],
      ],
    ],
    [
      'recognises the intents of DESIGN.md',
      'intent',
      [
        ['Welche Unterlagen brauche ich für den Reisepass?', 'documents'],
        ['Was kostet ein Führungszeugnis?', 'fees'],
        ['Kann ich die Meldebescheinigung online beantragen?', 'howto'],
        ['Wer ist für die Baugenehmigung zuständig?', 'contact'],
        ['Wann hat die Zulassungsstelle geöffnet?', 'hours'],
        ['Ich möchte mit einem Menschen reden', 'agent'],
        ['Können Sie mich morgen zurückrufen?', 'callback'],
        ['Guten Morgen', 'greeting'],
        ['Danke, das war alles', 'goodbye'],
        ['Was kannst du alles?', 'help'],
        ['Wie wird das Wetter am Wochenende?', 'none'],
      ],
    ],
  ];
  for (const [name, reads, cases] of expectations)
    it(name, () => {
      for (const [text, expected] of cases) assert.equal(understand(text)[reads], expected, text);
    });

  it('reads a compound by its last part, the service needed over the one it is for, and not the one set aside', () => {
    assert.equal(understand('mein kartenführerschein ist von 2003, bis wann muss ich den umtauschen').service, 'fuehrerschein');
    assert.equal(understand('Ich brauche eine Meldebescheinigung für die Wohngeldstelle').service, 'meldebescheinigung');
    assert.notEqual(understand('Was brauche ich für das Gewerbe außer dem Ausweis?').service, 'personalausweis');
  });

  it('recognises services not answered yet as themselves, never as a similar-sounding answered one', () => {
    const cases: [string, string][] = [
      ['Wo bekomme ich einen Parkausweis für Schwerbehinderte?', 'parkausweis-schwerbehinderte'],
      ['Wo kann ich mein Boot anmelden?', 'boot-kennzeichen'],
      ['Wo melde ich eine Geburt im Ausland an?', 'geburt-ausland-nachbeurkunden'],
      ['Wie kann ich meine Mülltonne abmelden?', 'muelltonne'],
      ['Ich möchte meinen Hund als Assistenzhund anerkennen lassen', 'assistenzhund'],
      ['wie trete ich aus der kirche aus', 'kirchenaustritt'],
      ['Wann muss ich die Kfz-Steuer zahlen?', 'kfz-steuer'],
    ];
    for (const [text, other] of cases) {
      const u = understand(text);
      assert.equal(u.otherService, other, text);
      assert.equal(u.service, null, text);
      assert.equal(u.intent, 'none', text);
    }
    // Asked for a person about one: the person, with the topic known.
    const call = understand('Bitte rufen Sie mich wegen meinem Schwerbehindertenausweis zurück');
    assert.equal(call.intent, 'callback');
    assert.equal(call.otherService, 'schwerbehindertenausweis');
    // An answered service named beside one not answered is what is asked about.
    assert.equal(understand('Geburtsurkunde für die Familienkasse, kostet die was?').service, 'geburtsurkunde');
    assert.equal(understand('Was kostet ein Bewohnerparkausweis?').otherService, null);
  });

  it("reads speech recognition splits, chat short forms, spoken numbers and a long message's last question", () => {
    assert.equal(understand('was kostet ein führungs zeugnis').service, 'fuehrungszeugnis');
    assert.equal(understand('was kostet ein bewohner park ausweis im jahr').service, 'bewohnerparkausweis');
    assert.equal(understand("Ich will mit 'nem echten Menschen reden, nich mit 'nem Computer.").intent, 'agent');
    assert.equal(
      understand('bitte rufen sie mich zurück meine nummer ist null fünf drei sieben eins zwei drei vier fünf sechs').intent,
      'callback',
    );
    const letter = understand(
      'Sehr geehrte Damen und Herren, mein Sohn hat eine Ausbildung begonnen und ist in eine Wohngemeinschaft in ' +
        'Westhagen gezogen. Da er im Schichtdienst arbeitet, schafft er es kaum zu den Öffnungszeiten ins Bürgerbüro. Kann ich als Mutter ' +
        'seinen neuen Wohnsitz mit einer Vollmacht für ihn anmelden? Mit freundlichen Grüßen',
    );
    assert.deepEqual([letter.intent, letter.service, letter.facet], ['howto', 'wohnsitz-anmeldung', 'vollmacht']);
  });

  it('takes what is asked in so many words over what the other words sound like', () => {
    const cases: [string, string, string][] = [
      ['Unser Hund ist gestorben. Wie melde ich den bei der Hundesteuer ab?', 'howto', 'hundesteuer'], // no who or where
      ['Wen rufe ich an wegen Sperrmüll in Vorsfelde?', 'contact', 'sperrmuell'], // the citizen calls
      ['briefwahl beantragen bis wann spätestens', 'howto', 'briefwahl'], // a deadline, no opening hours
      ['standesamtliche trauung am samstag kostet extra oder?', 'fees', 'eheschliessung'],
      ['Rente reicht nicht für die Miete. Krieg ich Wohngeld und wie beantrag ich das?', 'howto', 'wohngeld'],
      ['Ich mach Ehrenamt – muss ich fürs Führungszeugnis trotzdem blechen?', 'fees', 'fuehrungszeugnis'],
      ['hat das rathaus an heiligabend auf ich muss meinen pass abholen', 'hours', 'reisepass'],
    ];
    for (const [text, intent, service] of cases)
      assert.deepEqual([understand(text).intent, understand(text).service], [intent, service], text);
    assert.equal(understand('Guten Tag, ich hätte da ein Anliegen an die Stadtverwaltung.').intent, 'greeting');
    assert.equal(understand('Was läuft heute Abend im Kino?').intent, 'none');
    // Function words only: the classifier judges a question of three or more ("Was können Sie?"), not "und jetzt?".
    assert.equal(understand('Was können Sie?').intent, 'help');
    assert.equal(understand('und jetzt?').intent, 'none');
  });

  it('returns a confidence between 0 and 1 and never throws on odd input', () => {
    for (const text of ['', '🙂', '\u0000', 'a'.repeat(100000), 'Ü'.repeat(50), '12345', '\ud800']) {
      const u = understand(text);
      assert.ok(u.confidence >= 0 && u.confidence <= 1, text.slice(0, 10));
      assert.ok((INTENT_IDS as readonly string[]).includes(u.intent));
    }
  });

  const evaluateSet = (file: string) => {
    const set = readFileSync(join(FIXTURES, file), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as LabelledUtterance);
    const r = evaluate(shippedAssistant().understanding, set);
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    // The figures the issue asks for, printed by `npm test`.
    console.log(`      ${file}: ${r.total} utterances (${r.inScope} in scope, ${r.outOfScope} out of scope)`);
    console.log(`      joint intent+service accuracy: ${pct(r.jointAccuracy)}, intent accuracy: ${pct(r.intentAccuracy)}`);
    console.log(`      out-of-scope rejection: ${pct(r.outOfScopeRejection)}, false rejection of in-scope: ${pct(r.falseRejection)}`);
    console.log(`      calibration error of the confidence (ECE): ${r.calibrationError.toFixed(3)}`);
    if (process.env.SHOW_ERRORS)
      for (const e of r.errors) console.log(`      ✗ ${e.text} → ${e.got} (expected ${e.expected}, ${e.confidence})`);
    return { r, pct, size: set.length };
  };

  it('meets the targets on the independent development set (joint ≥ 92 %, out-of-scope rejection ≥ 85 %)', () => {
    const { r, pct, size } = evaluateSet('dev-set.jsonl');
    assert.ok(size >= 250, `dev set has ${size} utterances`);
    assert.ok(r.jointAccuracy >= 0.92, `joint accuracy ${pct(r.jointAccuracy)}`);
    assert.ok(r.outOfScopeRejection >= 0.85, `out-of-scope rejection ${pct(r.outOfScopeRejection)}`);
    assert.ok(r.calibrationError <= 0.1, `calibration error ${r.calibrationError.toFixed(3)}`);
  });

  // A second development set, written later by another author in other styles (ASR transcripts, chat
  // shorthand, paraphrases without the obvious keyword); used for error analysis like the first one.
  it('holds its figures on the second development set', () => {
    const { r, pct, size } = evaluateSet('dev-set-2.jsonl');
    assert.ok(size >= 200, `second development set has ${size} utterances`);
    assert.ok(r.jointAccuracy >= 0.83, `joint accuracy ${pct(r.jointAccuracy)}`);
    assert.ok(r.outOfScopeRejection >= 0.69, `out-of-scope rejection ${pct(r.outOfScopeRejection)}`);
  });

  // The third set (issue 13: voice transcripts, chat shorthand, long formal letters, non-native German, colloquial
  // words, 98 out of scope of which 66 near-miss municipal topics) by two new authors. Measured before any change
  // for it: joint 73.0 %, out-of-scope rejection 55.1 %, in-scope wrongly rejected 5.5 %. The set guided the work
  // after that, so its figures are optimistic; the held-out set is the check.
  it('meets the targets on the third development set (joint ≥ 92 %, out of scope ≥ 90 %, wrongly rejected ≤ 3 %)', () => {
    const { r, pct, size } = evaluateSet('dev-set-3.jsonl');
    console.log('      before the work on it: joint 73.0 %, out-of-scope rejection 55.1 %, false rejection 5.5 %');
    assert.ok(size >= 300, `third set has ${size} utterances`);
    assert.ok(r.outOfScope >= 80, `third set has ${r.outOfScope} out-of-scope utterances`);
    assert.ok(r.jointAccuracy >= DEV3_MIN_JOINT, `joint accuracy ${pct(r.jointAccuracy)}`);
    assert.ok(r.outOfScopeRejection >= DEV3_MIN_OOS, `out-of-scope rejection ${pct(r.outOfScopeRejection)}`);
    assert.ok(r.falseRejection <= 0.03, `false rejection ${pct(r.falseRejection)}`);
  });

  // The development set was used for error analysis while tuning; this second set, written independently
  // by someone else, was never looked at beyond its figures, so it estimates accuracy on unseen questions.
  it('generalises to the held-out set that was never used for tuning', () => {
    const { r, pct, size } = evaluateSet('holdout-set.jsonl');
    assert.ok(size >= 200, `held-out set has ${size} utterances`);
    assert.ok(r.jointAccuracy >= HOLDOUT_MIN_JOINT, `joint accuracy ${pct(r.jointAccuracy)}`);
    assert.ok(r.outOfScopeRejection >= HOLDOUT_MIN_OOS, `out-of-scope rejection ${pct(r.outOfScopeRejection)}`);
  });
});
