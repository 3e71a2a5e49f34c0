import { strict as assert } from 'node:assert';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { AssistantKnowledge } from '../../dialogs/assistantKnowledge';
import { addVoice } from '../../bot/voiceMiddleware';
import { ask, buttons, dialogClient, FakeHandoff, shippedAssistant } from '../helpers/assistant';

const at = (iso: string) => () => new Date(iso);
/** Tuesday 24.11.2026, 10:00 in Berlin: the service center is staffed. */
const IN_HOURS = at('2026-11-24T09:00:00Z');
/** Saturday 28.11.2026, 11:00 in Berlin: closed until Monday 7:00. */
const SATURDAY = at('2026-11-28T10:00:00Z');
const PERSON_OFFERED = /Ich kann Ihre Frage leider nicht beantworten\. Gern verbinde ich Sie|Möchten Sie, dass wir Sie zurückrufen\?/;

describe('calmer fallbacks: a person after two misunderstood real questions (dialogs)', function () {
  this.timeout(30000);
  let assistant: AssistantKnowledge;
  before(() => {
    assistant = shippedAssistant();
  });

  /** Sends the messages in one conversation; returns the replies and the handoff port. */
  async function talk(messages: readonly string[], clock = IN_HOURS) {
    const handoff = new FakeHandoff(1);
    const client = dialogClient(assistant, 'wolfsburg', clock, handoff);
    const replies = [];
    for (const m of messages) replies.push(await ask(client, m));
    return { replies, handoff, client };
  }

  it('two misunderstood real questions in a row: a person is offered', async () => {
    const { replies, handoff } = await talk(['Wie wird das Wetter morgen?', 'Wer gewinnt die Bundesliga?']);
    assert.doesNotMatch(replies[0].text ?? '', PERSON_OFFERED);
    assert.match(replies[1].text ?? '', PERSON_OFFERED);
    assert.equal(handoff.requests[0]?.reason, 'misunderstood');
  });

  it('emoji, punctuation, single characters and keyboard mashing never lead to a person, however many', async () => {
    const noise = ['😀', '?', 'x', '...', 'asdfgh', '👍👍', 'qwertz', 'hmm', '!!!', 'jjjjjj'];
    const { replies, handoff } = await talk(noise);
    for (const [i, r] of replies.entries()) {
      assert.doesNotMatch(r.text ?? '', PERSON_OFFERED, noise[i]);
      assert.match(r.text ?? '', /Wie kann ich Ihnen helfen\?/, noise[i]);
      assert.ok(buttons(r).includes('Was kostet ein Reisepass?'), noise[i]);
    }
    assert.equal(handoff.requests.length, 0);
  });

  it('the issue\'s case: an emoji, then "Sprechen Sie Englisch?" offers no callback but English', async () => {
    const { replies, handoff } = await talk(['🙂', 'Sprechen Sie Englisch?'], SATURDAY);
    assert.doesNotMatch(replies[1].text ?? '', /Möchten Sie, dass wir Sie zurückrufen\?/);
    assert.match(replies[1].text ?? '', /^Certainly, I will answer in English from now on\./);
    assert.equal(handoff.requests.length, 0);
  });

  it('noise and other languages between two misunderstood questions neither count nor reset: the second real one offers a person', async () => {
    const { replies, handoff } = await talk([
      'Wie wird das Wetter morgen?',
      '😀',
      'Do you speak English?',
      '???',
      'Wer gewinnt die Bundesliga?',
    ]);
    for (const r of replies.slice(0, 4)) assert.doesNotMatch(r.text ?? '', PERSON_OFFERED);
    assert.match(replies[4].text ?? '', PERSON_OFFERED);
    assert.equal(handoff.requests.length, 1);
  });

  it('an answered question in between starts the count again', async () => {
    const { replies, handoff } = await talk(['Wie wird das Wetter morgen?', 'Was kostet ein Reisepass?', 'Wer gewinnt die Bundesliga?']);
    assert.doesNotMatch(replies[2].text ?? '', PERSON_OFFERED);
    assert.equal(handoff.requests.length, 0);
  });

  it('a script the assistant does not read counts as no misunderstanding and is answered with the languages it speaks', async () => {
    const { replies, handoff } = await talk(['你好，我需要护照', 'Γεια σας', 'שלום']);
    for (const r of replies) {
      assert.match(r.text ?? '', /^Diese Sprache spreche ich leider nicht\. Ich antworte auf Deutsch, English, Türkçe/);
      assert.deepEqual(buttons(r), ['Deutsch', 'English', 'Türkçe', 'Українська', 'العربية', 'Русский']);
    }
    assert.equal(handoff.requests.length, 0);
  });
});

describe('other languages: answered in the language the citizen writes (dialogs)', function () {
  this.timeout(30000);
  let assistant: AssistantKnowledge;
  before(() => {
    assistant = shippedAssistant();
  });

  it('help in English names the Kommune in English ("in the District of Gifhorn"), no German phrase inside', async () => {
    const client = dialogClient(assistant, 'gifhorn', IN_HOURS);
    await ask(client, 'Do you speak English?');
    const help = await ask(client, 'What can you do?');
    assert.match(help.text ?? '', /^I answer questions about these services in the District of Gifhorn:/);
  });

  it('"Sprechen Sie Englisch?", "Do you speak English?": the conversation goes on in English, nobody queued', async () => {
    for (const message of ['Sprechen Sie Englisch?', 'Do you speak English?', 'English please']) {
      const handoff = new FakeHandoff(1);
      const reply = await ask(dialogClient(assistant, 'wolfsburg', IN_HOURS, handoff), message);
      assert.match(reply.text ?? '', /^Certainly, I will answer in English from now on\./, message);
      assert.ok(buttons(reply).includes('Cost of a passport?'), message);
      assert.equal(handoff.requests.length, 0, message);
    }
  });

  it('an English question is answered in English, marked as translated with its German source, the German original beside it', async () => {
    const reply = await ask(dialogClient(assistant, 'wolfsburg', IN_HOURS), 'How much does a passport cost?');
    const text = reply.text ?? '';
    assert.match(text, /^\*\*Passport\*\* – costs:/);
    assert.match(text, /€70\.00/);
    assert.match(text, /Translated from the German text; the German version is authoritative: \[source\]\(https:\/\//);
    // The date the source was checked, as English writes it; the German original keeps the German date.
    assert.match(text, /, as of \d{1,2} [A-Z][a-z]+ 20\d\d\n/);
    const original = String((reply.channelData as { original?: string } | undefined)?.original);
    assert.match(original, /^\*\*Reisepass\*\* – Kosten:/);
    assert.match(original, /Stand \d\d\.\d\d\.20\d\d$/);
  });

  it('speaks English in an English voice (xml:lang en-GB), amounts for an English ear', async () => {
    const reply = await ask(dialogClient(assistant, 'gifhorn', IN_HOURS), 'How much does a passport cost?');
    const activity = { ...reply, type: 'message' };
    addVoice(activity, { name: 'en-GB-SoniaNeural', locale: 'en-GB' });
    const ssml = String(activity.speak);
    assert.equal(XMLValidator.validate(ssml), true, ssml);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(ssml) as {
      speak: { 'xml:lang': string; voice: { name: string; '#text': string } };
    };
    assert.equal(parsed.speak['xml:lang'], 'en-GB');
    assert.equal(parsed.speak.voice.name, 'en-GB-SoniaNeural');
    assert.match(parsed.speak.voice['#text'], /70 euros/);
    assert.doesNotMatch(parsed.speak.voice['#text'], /[*€]|https?:/);
    assert.equal(activity.locale, 'en-GB');
  });

  it('"Talk to a person" queues in English in hours; "Call me back" asks for the number in English', async () => {
    const handoff = new FakeHandoff(1);
    const client = dialogClient(assistant, 'wolfsburg', IN_HOURS, handoff);
    await ask(client, 'Do you speak English?');
    const queued = await ask(client, 'Talk to a person');
    assert.match(queued.text ?? '', /You are next in line/);
    assert.equal(handoff.requests[0].reason, 'agent');
    assert.equal(handoff.requests[0].language, 'en');
    assert.match(handoff.requests[0].topic, /^[A-ZÄÖÜ]/);
    const other = dialogClient(assistant, 'wolfsburg', SATURDAY, new FakeHandoff(1));
    await ask(other, 'Do you speak English?');
    const phone = await ask(other, 'Call me back');
    assert.match(phone.text ?? '', /phone number/i);
  });

  it('Turkish, Ukrainian, Arabic and Russian: the core services in that language', async () => {
    const cases: [string, RegExp][] = [
      ['Pasaport ne kadar?', /Pasaport.*\n[\s\S]*70,00/],
      ['Скільки коштує закордонний паспорт?', /70/],
      ['كم تكلفة جواز السفر؟', /جواز السفر[\s\S]*70/],
      ['Сколько стоит загранпаспорт?', /70/],
    ];
    for (const [message, expected] of cases) {
      const reply = await ask(dialogClient(assistant, 'wolfsburg', IN_HOURS), message);
      assert.match(reply.text ?? '', expected, `${message}: ${reply.text}`);
      assert.doesNotMatch(reply.text ?? '', /Reisepass \(32 Seiten\)/, message);
    }
  });

  it('a service not translated into a core language: said honestly, German, English or a person offered', async () => {
    const reply = await ask(dialogClient(assistant, 'wolfsburg', IN_HOURS), 'Hundesteuer ne kadar?');
    assert.match(reply.text ?? '', /henüz Türkçe açıklayamıyorum/);
    assert.deepEqual(buttons(reply).slice(0, 2), ['Deutsch', 'English']);
  });

  it('"auf Deutsch bitte" goes back to German; German questions are answered in German', async () => {
    const client = dialogClient(assistant, 'wolfsburg', IN_HOURS);
    await ask(client, 'Do you speak English?');
    const back = await ask(client, 'auf Deutsch bitte');
    assert.match(back.text ?? '', /^Gern, ich antworte ab jetzt auf Deutsch\./);
    const reply = await ask(dialogClient(assistant, 'wolfsburg', IN_HOURS), 'Kann ich den Personalausweis online beantragen?');
    assert.doesNotMatch(reply.text ?? '', /Sorry|Translated/);
    assert.match(reply.text ?? '', /Personalausweis/);
  });
});
