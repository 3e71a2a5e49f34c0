/**
 * The understanding of English, Turkish, Ukrainian, Arabic and Russian (intents/foreignUnderstanding.ts) on phrases
 * written for these tests: names in their inflected and borrowed forms, a service not answered yet, the
 * assistant's own buttons, and requests for a person only with a word for it.
 */
import { strict as assert } from 'node:assert';
import { shippedAssistant } from '../helpers/assistant';
import type { LanguageCode } from '../../knowledge/schema';

describe('understanding in other languages (intents/foreignUnderstanding.ts)', function () {
  this.timeout(60000);
  const understand = (language: LanguageCode, text: string, service?: string) =>
    shippedAssistant().understandingIn(language).understand(text, { service, tenant: 'wolfsburg' });
  const pick = (u: { intent: string; service: string | null }): [string, string | null] => [u.intent, u.service];

  it('finds a service by its name in the language, inflected, and by the German word citizens borrow', () => {
    const cases: [LanguageCode, string, string][] = [
      ['en', 'How much is a new passport for my daughter?', 'reisepass'],
      ['en', 'what do i need for my Anmeldung', 'wohnsitz-anmeldung'],
      ['tr', 'pasaportumu kaybettim ne yapmalıyım', 'reisepass'],
      ['tr', 'Ehliyetimi değiştirmek istiyorum, hangi belgeler lazım?', 'fuehrerschein'],
      ['uk', 'Які документи потрібні для посвідки на проживання?', 'aufenthaltstitel'],
      ['ru', 'Сколько стоит Führerschein?', 'fuehrerschein'],
      ['ar', 'كم سعر جواز السفر؟', 'reisepass'],
    ];
    for (const [language, text, service] of cases) assert.equal(understand(language, text).service, service, `${language}: ${text}`);
  });

  it('a word that only begins like a name is not that name ("personally", "kindly")', () => {
    assert.notEqual(understand('en', 'Can I hand it in personally?').service, 'personalausweis');
    assert.equal(understand('en', 'Would you kindly tell me the opening hours?').otherService, null);
  });

  it('a service the assistant does not answer, named in the language, is out of scope and recognised as itself', () => {
    const r = understand('en', 'How do I apply for child benefit?');
    assert.equal(r.intent, 'none');
    assert.equal(r.otherService, 'kindergeld');
  });

  it('a word several services use is read in the family the rest of the message points to (as in German)', () => {
    // "deregister" alone is the address's; with the car named before, the car's.
    assert.equal(understand('en', 'How do I deregister?').service, 'wohnsitz-abmeldung');
    assert.equal(understand('en', 'My car is registered to my late husband. Can I deregister it?').service, 'kfz-abmeldung');
  });

  it('a borrowed German name is read as German: "Pass" is no "passed", "Perso" no "person"; German endings are', () => {
    assert.equal(understand('en', 'My late grandmother passed away.').service, null);
    assert.equal(understand('en', 'real person please').service, null);
    assert.equal(understand('en', 'Personalausweises').service, 'personalausweis');
    assert.equal(understand('en', 'Which services do you have?').intent, 'help');
  });

  it('a slip of the keyboard in a long word is mended to the name it misses by one letter', () => {
    assert.equal(understand('en', 'can I pay the pasport fee by card').service, 'reisepass');
    assert.equal(understand('en', 'registration of adress').service, 'wohnsitz-anmeldung');
  });

  it("the question's own service, also one not answered yet: the story around it is not asked about", () => {
    const r = understand('en', 'My mother passed away in the hospital. Where do I get the death certificate?');
    assert.equal(r.intent, 'none');
    assert.equal(r.otherService, 'sterbeurkunde');
  });

  it('"I need a residence permit" asks how to get one; "What do I need for a residence permit?" asks for documents', () => {
    assert.deepEqual(pick(understand('en', 'I need a residence permit')), ['howto', 'aufenthaltstitel']);
    assert.deepEqual(pick(understand('en', 'What do I need for a residence permit?')), ['documents', 'aufenthaltstitel']);
  });

  it("understands the assistant's own buttons in every language", () => {
    const knowledge = shippedAssistant().knowledge;
    for (const language of ['en', 'tr', 'uk', 'ar', 'ru'] as const) {
      const t = knowledge.inLanguage(language).tenants.get('wolfsburg')!.texts;
      const all = understand(language, t.render('schaltflaechen.alleUnterlagen'), 'reisepass');
      assert.equal(all.intent, 'documents', language);
      assert.equal(all.fullDetail, true, language);
      assert.equal(understand(language, t.render('schaltflaechen.alleKosten'), 'reisepass').intent, 'fees', language);
      assert.equal(understand(language, t.render('schaltflaechen.wieLange'), 'reisepass').facet, 'dauer', language);
      assert.equal(understand(language, t.render('schaltflaechen.mitPersonSprechen')).intent, 'agent', language);
      assert.equal(understand(language, t.render('schaltflaechen.rueckrufVereinbaren')).intent, 'callback', language);
    }
  });

  it('asks for a person or a call only with a word for it', () => {
    assert.equal(understand('en', 'I want to talk to a real person').intent, 'agent');
    assert.equal(understand('en', 'please call me back tomorrow').intent, 'callback');
    assert.notEqual(understand('en', 'Could you please tell me how far in advance we must register our marriage?').intent, 'callback');
  });
});
