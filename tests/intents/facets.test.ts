/** What exactly a question asks (its facet) and the conditions it states: the pure rules of intents/facets.ts. */
import { strict as assert } from 'node:assert';
import { asksDocuments, asksFees, conditionsOf, facetsOf, wantsFullDetail, withoutAges } from '../../intents/facets';
import { foldGerman } from '../../intents/normalize';

const facet = (text: string) => facetsOf(foldGerman(text))[0] ?? null;
const conditions = (text: string) => conditionsOf(foldGerman(text));

describe('question facets and conditions', () => {
  it('reads the facet asked, typed or as a voice transcript', () => {
    const cases: [string, string | null][] = [
      ['Wann ist mein neuer Reisepass fertig?', 'dauer'],
      ['wie lange dauert das', 'dauer'],
      ['Wie lange ist der Pass gültig?', 'gueltigkeit'],
      ['Bis wann muss ich mich ummelden?', 'frist'],
      ['Muss ich für eine Meldebescheinigung persönlich vorbeikommen?', 'online'],
      ['Kann ich die Briefwahl telefonisch beantragen?', 'online'],
      ['Brauche ich einen Termin oder kann ich einfach vorbeikommen?', 'termin'],
      ['Mein Reisepass ist weg, was muss ich tun?', 'verlust'],
      ['geht das auch schneller', 'express'],
      ['Kann meine Frau den Ausweis für mich abholen?', 'vollmacht'],
      ['Wer muss den Bauantrag unterschreiben, kann ich das selber machen?', 'vollmacht'],
      ['Ab welchem Alter braucht man einen Personalausweis?', 'alter'],
      ['Kann ich dort mit Karte zahlen?', 'bezahlung'],
      ['Wo beantrage ich einen Personalausweis?', 'ort'],
      ['Was kostet ein Reisepass?', null],
    ];
    for (const [text, expected] of cases) assert.equal(facet(text), expected, text);
  });

  it('puts a loss before everything and an asked fact before a mentioned child', () => {
    assert.equal(facet('Der Pass meiner Tochter ist gestohlen worden, wie lange dauert ein neuer?'), 'verlust');
    assert.equal(facet('Wie lange dauert ein Reisepass für mein Kind?'), 'dauer');
  });

  it('reads ages in digits and words, babies, children and age limits', () => {
    assert.equal(conditions('für meine 22-jährige Schwester').age, 22);
    assert.equal(conditions('Meine Tochter ist 15').age, 15);
    assert.equal(conditions('ich bin vierzig').age, 40);
    assert.equal(conditions('für mein Baby').age, 0);
    assert.equal(conditions('und wenn man unter vierundzwanzig ist').age, 23);
    assert.deepEqual(conditions('für mein Kind').cases, ['kind']);
    assert.equal(conditions('ich habe 2 Kinder').age, undefined);
    assert.equal(conditions('Was kostet das, 70 Euro?').age, undefined);
  });

  it('reads the cases that decide a fee or a document', () => {
    assert.ok(conditions('Ich habe einen Gebrauchtwagen gekauft').cases.includes('gebrauchtfahrzeug'));
    assert.ok(conditions('ein Neuwagen vom Händler').cases.includes('neufahrzeug'));
    assert.ok(conditions('zum ersten Mal einen Ausweis').cases.includes('erstantrag'));
    assert.ok(conditions('nach der Hochzeit').cases.includes('namensaenderung'));
    assert.ok(conditions('ganz dringend, im Expressverfahren').cases.includes('express'));
  });

  it('leaves ages out of what is classified, and tells fee and document questions and full-detail requests', () => {
    assert.equal(withoutAges(foldGerman('was kostet der ich bin vierzig')), 'was kostet der ich');
    assert.ok(asksFees(foldGerman('Was kostet das?')));
    assert.ok(!asksFees(foldGerman('Wie bezahle ich die Kfz-Steuer?')));
    assert.ok(asksDocuments(foldGerman('Welche Unterlagen muss ich mitbringen?')));
    assert.ok(wantsFullDetail(foldGerman('Alle Unterlagen')));
    assert.ok(!wantsFullDetail(foldGerman('was muss ich alles mitbringen')));
  });
});
