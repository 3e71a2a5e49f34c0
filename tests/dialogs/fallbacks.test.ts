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

  it('the issue\'s case: an emoji, then "Sprechen Sie Englisch?" offers no callback', async () => {
    const { replies, handoff } = await talk(['🙂', 'Sprechen Sie Englisch?'], SATURDAY);
    assert.doesNotMatch(replies[1].text ?? '', /Möchten Sie, dass wir Sie zurückrufen\?/);
    assert.match(replies[1].text ?? '', /^Sorry, I can only answer questions in German/);
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

  it('text in a script the assistant does not read counts as no misunderstanding and is answered in English', async () => {
    const { replies, handoff } = await talk(['Привет, мне нужен паспорт', 'Merhaba, pasaport için ne lazım?', 'مرحبا']);
    for (const r of replies) assert.match(r.text ?? '', /^Sorry, I can only answer questions in German/);
    assert.equal(handoff.requests.length, 0);
  });
});

describe('English: an honest English sentence (dialogs)', function () {
  this.timeout(30000);
  let assistant: AssistantKnowledge;
  before(() => {
    assistant = shippedAssistant();
  });

  const ENGLISH = [
    'Sprechen Sie Englisch?',
    'Do you speak English?',
    'Hello, do you speak English?',
    'How do I register my address?',
    'What documents do I need for an ID card?',
  ];

  it('in hours: answers in German only, the hours, a person now or a callback', async () => {
    for (const message of ENGLISH) {
      const handoff = new FakeHandoff(1);
      const reply = await ask(dialogClient(assistant, 'wolfsburg', IN_HOURS, handoff), message);
      const text = reply.text ?? '';
      assert.match(text, /Sorry, I can only answer questions in German for now\./, message);
      assert.match(text, /Monday to Friday, 7 am to 6 pm, German time, except on public holidays/, message);
      assert.match(text, /staffed right now, until 6 pm/, message);
      assert.match(text, /phone 05361 28-1234/, message);
      assert.match(text, /Auf Deutsch:/, message);
      assert.deepEqual(buttons(reply), ['Talk to a person', 'Call me back'], message);
      assert.equal(handoff.requests.length, 0, `${message}: nobody queued before the citizen asks`);
    }
  });

  it('outside hours: when the service center is staffed again, and only the callback', async () => {
    const reply = await ask(dialogClient(assistant, 'wolfsburg', SATURDAY, new FakeHandoff(1)), 'Do you speak English?');
    assert.match(reply.text ?? '', /It is closed right now, and staffed again on Monday from 7 am\./);
    assert.deepEqual(buttons(reply), ['Call me back']);
    const holiday = await ask(
      dialogClient(assistant, 'wolfsburg', at('2026-12-24T09:00:00Z'), new FakeHandoff(1)),
      'Do you speak English?',
    );
    assert.match(
      holiday.text ?? '',
      /It is closed right now \(closed today: Heiligabend\), and staffed again on Monday, 28 December, from 7 am\./,
    );
  });

  it("speaks the English part in an English voice (xml:lang en-GB) and the German part in the Kommune's voice", async () => {
    const reply = await ask(dialogClient(assistant, 'gifhorn', IN_HOURS, new FakeHandoff(1)), 'How do I register my address?');
    const activity = { ...reply, type: 'message' };
    addVoice(activity, 'de-DE-KatjaNeural');
    const ssml = String(activity.speak);
    assert.equal(XMLValidator.validate(ssml), true, ssml);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(ssml) as {
      speak: { voice: { 'xml:lang'?: string; name: string; '#text': string }[] };
    };
    const [english, german] = parsed.speak.voice;
    assert.equal(english['xml:lang'], 'en-GB');
    assert.equal(english.name, 'en-GB-SoniaNeural');
    assert.match(english['#text'], /^Sorry, I can only answer questions in German for now\./);
    assert.doesNotMatch(english['#text'], /[“”*]/);
    assert.equal(german.name, 'de-DE-KatjaNeural');
    assert.match(german['#text'], /Ich antworte auf Deutsch/);
  });

  it('"Talk to a person" queues in hours; "Call me back" starts the callback', async () => {
    const handoff = new FakeHandoff(1);
    const client = dialogClient(assistant, 'wolfsburg', IN_HOURS, handoff);
    await ask(client, 'Do you speak English?');
    const queued = await ask(client, 'Talk to a person');
    assert.match(queued.text ?? '', /Sie sind als Nächstes an der Reihe/);
    assert.equal(handoff.requests[0].reason, 'agent');
    const other = dialogClient(assistant, 'wolfsburg', SATURDAY, new FakeHandoff(1));
    await ask(other, 'Do you speak English?');
    const phone = await ask(other, 'Call me back');
    assert.match(phone.text ?? '', /Unter welcher Telefonnummer/);
  });

  it('German questions are still answered in German', async () => {
    const reply = await ask(dialogClient(assistant, 'wolfsburg', IN_HOURS), 'Kann ich den Personalausweis online beantragen?');
    assert.doesNotMatch(reply.text ?? '', /Sorry/);
    assert.match(reply.text ?? '', /Personalausweis/);
  });
});
