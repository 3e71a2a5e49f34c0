/**
 * Answers that lead with what was asked (issue 15), as dialogs through botbuilder-testing: facets, situations,
 * conditions, and the context cases a new user found (the service carries over, a new service wins, a short
 * ambiguous name is read in the conversation's family, a named day is answered).
 */
import { strict as assert } from 'node:assert';
import { shippedAssistant } from '../../helpers/assistant';
import { converse } from '../../helpers/conversation';
import { situationFor } from '../../../dialogs/answers/focusedAnswers';
import type { TenantService } from '../../../knowledge/resolve';
import type { Situation } from '../../../knowledge/schema';

/** Thursday, 3 December 2026, 11:00 in Berlin. */
const CLOCK = () => new Date('2026-12-03T10:00:00Z');
const talk = (tenant: string, ...turns: string[]) => converse(shippedAssistant(), tenant, turns, CLOCK);
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

describe('answers that answer the question asked', function () {
  this.timeout(30000);

  it('says the processing time first, in the text and in the first spoken sentence', async () => {
    const [r] = await talk('wolfsburg', 'Wann ist mein neuer Reisepass fertig?');
    assert.match(r.text.split('\n')[0], /Wochen/);
    assert.match(r.spoken.split('.')[0], /Wochen/);
    assert.ok(r.text.length < 600, `${r.text.length} characters`);
    assert.ok(words(r.spoken) <= 40, r.spoken);
  });

  it('answers a facet asked as a follow-up about the service of the conversation', async () => {
    const [, r] = await talk('wolfsburg', 'Ich brauche einen neuen Personalausweis', 'und wie lange dauert das?');
    assert.match(r.text, /Personalausweis|Ausweis/);
    assert.match(r.text.split('\n')[0], /Woche/);
  });

  it('says what to do first when a passport is lost', async () => {
    const [r] = await talk('wolfsburg', 'Mein Reisepass ist weg, was muss ich tun?');
    assert.match(r.text.split('\n')[0], /Verlust/);
    assert.match(r.spoken.split('.')[0], /Verlust/);
  });

  it('names the fee that applies to the person asked about, not every fee', async () => {
    const [r] = await talk('wolfsburg', 'Was kostet ein Reisepass für meine 22-jährige Schwester?');
    assert.match(r.text, /37,50/);
    assert.doesNotMatch(r.text, /70,00/);
    assert.match(r.spoken, /37 Euro 50/);
  });

  it('gives the price of the service for its short name, not an extra that mentions the word', async () => {
    const [r] = await talk('wolfsburg', 'Was kostet ein Ausweis?');
    assert.match(r.text, /46,00/);
    assert.doesNotMatch(r.text.split('\n\n')[0], /Zusendung/);
    // A name that is a fee of its own still names it.
    const [n] = await talk('wolfsburg', 'was kostet eine niederlassungserlaubnis');
    assert.match(n.text, /Niederlassungserlaubnis/);
  });

  it('answers whether one must come in person', async () => {
    const [r] = await talk('gifhorn', 'Muss ich für eine Meldebescheinigung persönlich vorbeikommen?');
    assert.match(r.text.split('\n')[0], /online|persönlich|Vollmacht/i);
  });

  it('reads "Wie melde ich mein Auto an/ab?" after an hours question as new questions, not as hours again', async () => {
    const [, an, ab] = await talk(
      'wolfsburg',
      'Wann hat das Bürgerbüro geöffnet?',
      'Wie melde ich mein Auto an?',
      'Wie melde ich mein Auto ab?',
    );
    assert.match(an.text, /Kfz-Zulassung|zulassen/);
    assert.doesNotMatch(an.text, /Öffnungszeiten/);
    assert.match(ab.text, /Kfz-Abmeldung|abmelden|Außerbetriebsetzung/);
    assert.doesNotMatch(ab.text, /Öffnungszeiten/);
  });

  it('reads "die Abmeldung" in a conversation about a car as the car\'s', async () => {
    const [, r] = await talk('gifhorn', 'Was kostet die Zulassung eines Autos?', 'Was kostet die Abmeldung?');
    assert.match(r.text, /Kfz-Abmeldung/);
    assert.doesNotMatch(r.text, /Wohnsitz/);
  });

  it('lets a service named in the message win over the one of the conversation', async () => {
    const [, r] = await talk('wolfsburg', 'Was kostet ein Reisepass?', 'Was kostet ein Führungszeugnis?');
    assert.match(r.text, /Führungszeugnis/);
    assert.match(r.text, /13,00/);
  });

  it("answers an hours question about a day for that day, even when the office's hours are not on file", async () => {
    const [r] = await talk('gifhorn', 'Hat die Zulassungsstelle am Samstag auf?');
    assert.match(r.text, /Samstag/);
    assert.match(r.text, /Service-Center/);
    assert.match(r.spoken, /Samstag/);
  });

  it('answers "donnerstags" for Thursdays, and names the weekday of "morgen" when a weekday was asked', async () => {
    const [thursdays] = await talk('wolfsburg', 'Wann hat die Ausländerstelle geöffnet? Ich kann nur donnerstags.');
    assert.match(thursdays.text, /für Donnerstag/);
    assert.match(thursdays.text, /Donnerstags hat das Service-Center der Stadt Wolfsburg von 07:00 bis 18:00 Uhr geöffnet/);
    assert.match(thursdays.spoken, /Donnerstag/);
    // The conversation's clock is a Thursday: Friday is tomorrow.
    const [friday] = await talk('wolfsburg', 'hat die Einwohnermeldestelle am freitagnachmittag offen');
    assert.match(friday.text, /^Nein, morgen \(Freitag\) nachmittags/);
  });

  it("names by voice the stated case's document first, then those everybody brings; an adjective written small", async () => {
    const [r] = await talk('wolfsburg', 'Was brauche ich, um ein gebrauchtes Auto anzumelden?');
    assert.match(
      r.spoken,
      /vor allem Zulassungsbescheinigung Teil I, Personalausweis oder Reisepass mit Meldebescheinigung, eVB-Nummer und Zulassungsbescheinigung Teil II\./,
    );
    const [deregister] = await talk('wolfsburg', 'Was brauche ich für die Abmeldung meines Autos bei Verschrottung?');
    assert.doesNotMatch(deregister.spoken, /, [A-ZÄÖÜ]\p{Ll}+(e|er|es|en) [A-ZÄÖÜ]/u);
  });

  it('answers the bot\'s own first suggestion with what is known, not a bare "nicht hinterlegt"', async () => {
    const [r] = await talk('wolfsburg', 'Wann hat die Zulassungsstelle geöffnet?');
    assert.match(r.text, /Service-Center der Stadt Wolfsburg ist heute bis 18 Uhr erreichbar/);
  });

  it('asks one short question when a case decides the documents, and answers for the case chosen', async () => {
    const [ask, used] = await talk('wolfsburg', 'Welche Unterlagen brauche ich für die Zulassung meines Autos?', 'Gebrauchtes Fahrzeug');
    assert.match(ask.text, /Geht es um ein neues oder ein gebrauchtes Fahrzeug\?/);
    assert.deepEqual(ask.buttons.slice(0, 2), ['Neues Fahrzeug', 'Gebrauchtes Fahrzeug']);
    assert.equal(ask.activity.inputHint, 'expectingInput');
    assert.match(used.text, /Gebrauchtfahrzeug/);
    assert.match(used.text, /Teil I/);
    const [direct] = await talk('wolfsburg', 'Was brauche ich, um einen Neuwagen anzumelden?');
    assert.doesNotMatch(direct.text, /Geht es um ein neues/, 'the case was said');
  });

  it('finds a situation by its keywords, by the facet it is written for, or by its own question', () => {
    const situation = (id: string, frage: string, stichworte: string[], facette?: Situation['facette']): Situation => ({
      id,
      frage,
      stichworte,
      facette,
      text: id,
      gesprochen: id,
      quelle: { titel: 't', url: 'https://example.org', geprueft: '2026-12-03' },
    });
    const s = {
      service: { name: 'Baugenehmigung beantragen', kurzname: 'Baugenehmigung', synonyme: ['Bauantrag', 'Baugenehmigung', 'Bauerlaubnis'] },
      kurzantworten: {},
      situationen: [
        situation('verlaengerung', 'Kann ich meine Baugenehmigung verlängern?', ['verlaengern', 'verlaengerung']),
        situation('architekt', 'Muss ein Architekt den Bauantrag unterschreiben und einreichen?', ['architekt', 'entwurfsverfasser']),
        situation('frist', 'Wie lange ist eine Baugenehmigung gültig?', ['erloschen'], 'gueltigkeit'),
      ],
    } as unknown as TenantService;
    assert.equal(situationFor(s, 'Kann ich die Genehmigung verlängern lassen?', null)?.id, 'verlaengerung');
    assert.equal(situationFor(s, 'Wie lange gilt sie?', 'gueltigkeit')?.id, 'frist');
    assert.equal(situationFor(s, 'Wer darf den Bauantrag unterschreiben und einreichen?', null)?.id, 'architekt', 'by its own question');
    assert.equal(
      situationFor(s, 'Wer muss den Bauantrag eigentlich unterschreiben?', null)?.id,
      undefined,
      'one shared word is not enough',
    );
    assert.equal(
      situationFor(s, 'Wie lange darf ich den Bauantrag unterschreiben und einreichen?', 'gueltigkeit')?.id,
      'frist',
      'a facet asked wins',
    );
    assert.equal(situationFor(s, 'Was kostet ein Bauantrag?', null), undefined);
  });

  it('reads all documents out on "ja" after offering it by voice, and not when the citizen asks something else', async () => {
    const [first, yes] = await talk('wolfsburg', 'Welche Unterlagen brauche ich für den Reisepass?', 'Ja');
    assert.match(first.spoken, /Soll ich Ihnen alle vorlesen\?$/);
    assert.match(yes.text, /Checkliste/);
    assert.ok(words(yes.spoken) > words(first.spoken));
    const [, other] = await talk('wolfsburg', 'Welche Unterlagen brauche ich für den Reisepass?', 'Bitte löschen Sie meine Daten');
    assert.match(other.text, /löschen/);
  });
});
