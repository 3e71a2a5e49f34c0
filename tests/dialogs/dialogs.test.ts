import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { buildAssistantKnowledge, type AssistantKnowledge } from '../../dialogs/assistantKnowledge';
import { ask, buttons, dialogClient, FakeHandoff, loadOrFail, shippedAssistant } from '../helpers/assistant';
import { FIXTURES } from '../helpers/paths';

describe('main dialog (botbuilder-testing)', function () {
  this.timeout(30000);
  let assistant: AssistantKnowledge;
  before(() => {
    assistant = shippedAssistant();
  });

  it('lists the documents for a Personalausweis once, short, with the source; all of them as a checklist card on request', async () => {
    const client = dialogClient(assistant, 'wolfsburg');
    const reply = await ask(client, 'Was brauche ich für einen neuen Personalausweis?');
    assert.match(reply.text ?? '', /Personalausweis/);
    assert.match(reply.text ?? '', /[Ll]ichtbild|Foto/);
    assert.match(reply.text ?? '', /Quelle: \[[^\]]+\]\(https?:\/\/[^)]+\), Stand \d{2}\.\d{2}\.\d{4}/);
    assert.equal(reply.attachments?.length ?? 0, 0, 'the list comes once: as text');
    assert.ok(buttons(reply).includes('Alle Unterlagen'));
    const all = await ask(client, 'Alle Unterlagen');
    const card = all.attachments?.[0];
    assert.equal(card?.contentType, 'application/vnd.microsoft.card.adaptive');
    const body = (card?.content as { body: { type: string }[] }).body;
    assert.ok(body.filter((b) => b.type === 'Input.Toggle').length >= 3, 'checklist items');
    assert.doesNotMatch(all.text ?? '', /\n- /, 'the list comes once: as the card');
  });

  it('keeps the service for a follow-up: Führungszeugnis, then "Und was kostet das?"', async () => {
    const client = dialogClient(assistant, 'wolfsburg');
    const first = await ask(client, 'Was brauche ich für ein Führungszeugnis?');
    assert.match(first.text ?? '', /Führungszeugnis/);
    const fees = await ask(client, 'Und was kostet das?');
    assert.match(fees.text ?? '', /Führungszeugnis/);
    assert.match(fees.text ?? '', /13,00\s€/);
  });

  it('keeps the question for a new service: "und für den Reisepass?"', async () => {
    const client = dialogClient(assistant, 'wolfsburg');
    await ask(client, 'Was kostet ein Personalausweis?');
    const reply = await ask(client, 'und für den Reisepass?');
    assert.match(reply.text ?? '', /Reisepass/);
    assert.match(reply.text ?? '', /70,00\s€/);
  });

  it('asks back with suggested actions when the service is missing, then answers', async () => {
    const client = dialogClient(assistant, 'wolfsburg');
    const question = await ask(client, 'Was kostet das?');
    assert.match(question.text ?? '', /Um welche Leistung geht es\?/);
    assert.equal(question.inputHint, 'expectingInput');
    assert.ok(buttons(question).includes(assistant.knowledge.services.get('reisepass')?.name ?? '?'), buttons(question).join());
    const answer = await ask(client, assistant.knowledge.services.get('reisepass')?.name ?? '');
    assert.match(answer.text ?? '', /70,00\s€/);
  });

  it('asks which one when a word fits several services', async () => {
    const client = dialogClient(assistant, 'wolfsburg');
    const question = await ask(client, 'Was kostet es, mein Auto zu melden?');
    assert.match(question.text ?? '', /Um welche Leistung geht es\?/);
    const choices = buttons(question);
    assert.ok(choices.includes(assistant.knowledge.services.get('kfz-zulassung')?.name ?? '?'), choices.join());
    assert.ok(choices.includes(assistant.knowledge.services.get('kfz-abmeldung')?.name ?? '?'), choices.join());
  });

  it('sends Gifhorn citizens to their Gemeinde or Samtgemeinde for a Personalausweis', async () => {
    const client = dialogClient(assistant, 'gifhorn');
    const reply = await ask(client, 'Wo kann ich einen Personalausweis beantragen?');
    assert.match(reply.text ?? '', /Samtgemeinde/);
    assert.match(reply.text ?? '', /Landkreis Gifhorn/);
  });

  it('answers Wolfsburg citizens with the city office for the same question', async () => {
    const client = dialogClient(assistant, 'wolfsburg');
    const reply = await ask(client, 'Wo kann ich einen Personalausweis beantragen?');
    assert.match(reply.text ?? '', /Wolfsburg/);
    assert.doesNotMatch(reply.text ?? '', /Samtgemeinde/);
  });

  it('says honestly that it cannot help with out-of-scope questions, and offers a person the second time', async () => {
    // Tuesday 10:00 in Berlin, an agent online.
    const client = dialogClient(assistant, 'wolfsburg', () => new Date('2026-11-24T09:00:00Z'), new FakeHandoff(1));
    const first = await ask(client, 'Wie wird das Wetter morgen in Wolfsburg?');
    assert.match(first.text ?? '', /leider nicht helfen/);
    assert.match(first.text ?? '', /Personalausweis/);
    const second = await ask(client, 'Wer gewinnt die Bundesliga?');
    assert.match(second.text ?? '', /Mitarbeiter/);
    assert.match(second.text ?? '', /Sie sind als Nächstes an der Reihe/);
  });

  it('greets, helps and says goodbye', async () => {
    const client = dialogClient(assistant, 'gifhorn');
    assert.match((await ask(client, 'Hallo')).text ?? '', /Landkreis Gifhorn/);
    const help = await ask(client, 'Was kannst du?');
    assert.match(help.text ?? '', /Führungszeugnis/);
    assert.match((await ask(client, 'Danke, tschüss')).text ?? '', /Auf Wiedersehen/);
  });

  it('without an agent console, offers a callback when the citizen asks for a person, in hours and outside them', async () => {
    // Tuesday 10:00 in Berlin: the service center is open, but nobody can take the chat.
    const inHours = dialogClient(assistant, 'wolfsburg', () => new Date('2026-11-24T09:00:00Z'));
    const busy = await ask(inHours, 'Ich möchte mit einem Mitarbeiter sprechen');
    assert.match(busy.text ?? '', /keine Mitarbeiterin und kein Mitarbeiter im Chat frei/);
    assert.match(busy.text ?? '', /Möchten Sie, dass wir Sie zurückrufen\?/);
    // Saturday 10:00: closed; the citizen hears when the service center is reachable again.
    const closed = dialogClient(assistant, 'wolfsburg', () => new Date('2026-11-28T09:00:00Z'));
    const later = await ask(closed, 'Ich möchte mit einem Mitarbeiter sprechen');
    assert.match(later.text ?? '', /Service-Center/);
    assert.match(later.text ?? '', /Montag/);
    assert.match(later.text ?? '', /Möchten Sie, dass wir Sie zurückrufen\?/);
  });

  describe('opening hours in Europe/Berlin time (fixture Kommune, fixed clock)', () => {
    let fixture: AssistantKnowledge;
    before(() => {
      // The fixture's services and offices, with the shipped training phrases.
      const kb = loadOrFail(join(FIXTURES, 'knowledge-min'));
      fixture = buildAssistantKnowledge({ ...kb, phrases: assistant.knowledge.phrases });
    });
    /** The reply to one question asked at a fixed instant, by default to the fixture Kommune. */
    const askAt = (iso: string, question: string, knowledge = fixture, tenant = 'musterstadt') =>
      ask(
        dialogClient(knowledge, tenant, () => new Date(iso)),
        question,
      );

    it('open now: until when, and when again today', async () => {
      // Monday 23 Nov 2026, 10:00 in Berlin (CET = UTC+1).
      const reply = await askAt('2026-11-23T09:00:00Z', 'Wann hat das Bürgerbüro geöffnet?');
      assert.match(reply.text ?? '', /^Das Bürgerbüro hat heute bis 12:00 Uhr geöffnet, danach wieder von 14:00 bis 16:00 Uhr\./);
      assert.match(reply.text ?? '', /Mo: 08:00–12:00, 14:00–16:00 Uhr/);
    });

    it('lunch break: opens again later today', async () => {
      const reply = await askAt('2026-11-23T12:30:00Z', 'Öffnungszeiten Bürgerbüro');
      assert.match(reply.text ?? '', /^Das Bürgerbüro öffnet heute um 14:00 Uhr/);
    });

    it('closed today: names the next opening day', async () => {
      const reply = await askAt('2026-11-24T09:00:00Z', 'Hat das Bürgerbüro heute offen?');
      assert.match(reply.text ?? '', /^Das Bürgerbüro hat heute nicht mehr geöffnet\. Geöffnet ist wieder am Montag ab 08:00 Uhr\./);
    });

    it('on a public holiday (Ostermontag): closed, and open again after it', async () => {
      const reply = await askAt('2026-04-06T08:00:00Z', 'Wann hat das Bürgerbüro geöffnet?');
      assert.match(
        reply.text ?? '',
        /^Das Bürgerbüro hat heute geschlossen \(Ostermontag\)\. Geöffnet ist wieder nach dem Feiertag am 13\.4\. ab 8 Uhr\./,
      );
    });

    it('uses Berlin summer time (UTC+2) in summer', async () => {
      // Monday 29 June 2026, 07:30 UTC = 09:30 CEST.
      const reply = await askAt('2026-06-29T07:30:00Z', 'Wann hat das Bürgerbüro auf?');
      assert.match(reply.text ?? '', /^Das Bürgerbüro hat heute bis 12:00 Uhr geöffnet/);
    });

    it("for an asked day and part of the day: a clear yes with that afternoon's hours", async () => {
      // Sunday 22 Nov 2026, 11:00 in Berlin; the office is open on Mondays 08–12 and 14–16.
      const reply = await askAt('2026-11-22T10:00:00Z', 'Hat das Bürgerbüro am Montagnachmittag auf?');
      assert.match(reply.text ?? '', /^Ja, morgen \(Montag\) nachmittags hat das Bürgerbüro von 14:00 bis 16:00 Uhr geöffnet\./);
    });

    it('"Hat das Standesamt am Freitagnachmittag auf?": a clear yes with Friday afternoon\'s hours', async () => {
      // Monday 23 Nov 2026, 10:00 in Berlin; the Standesamt is open on Fridays 08–12 and 13–15.
      const reply = await askAt('2026-11-23T09:00:00Z', 'Hat das Standesamt am Freitagnachmittag auf?');
      assert.match(reply.text ?? '', /^Ja, am Freitag, 27\.11\., nachmittags hat das Standesamt von 13:00 bis 15:00 Uhr geöffnet\./);
      assert.match(reply.text ?? '', /Fr: 08:00–12:00, 13:00–15:00 Uhr/);
    });

    it('"hat das standesamt am dienstagnachmittag auf": a clear no with that day\'s hours', async () => {
      const reply = await askAt('2026-11-23T09:00:00Z', 'hat das standesamt am dienstagnachmittag auf');
      assert.match(
        reply.text ?? '',
        /^Nein, morgen \(Dienstag\) nachmittags hat das Standesamt nicht geöffnet\. An diesem Tag ist von 08:00 bis 12:00 Uhr geöffnet\./,
      );
    });

    it("for an asked time when it is closed: a clear no with that day's hours", async () => {
      const reply = await askAt('2026-11-23T09:00:00Z', 'ist das bürgerbüro heute um 13 uhr offen');
      assert.match(
        reply.text ?? '',
        /^Nein, heute um 13:00 Uhr hat das Bürgerbüro nicht geöffnet\. An diesem Tag ist von 08:00 bis 12:00 Uhr und 14:00 bis 16:00 Uhr geöffnet\./,
      );
    });

    it('for an asked weekday without hours: closed that day, with the date', async () => {
      const reply = await askAt('2026-11-23T09:00:00Z', 'Hat das Bürgerbüro am Freitag geöffnet?');
      assert.match(reply.text ?? '', /^Am Freitag, 27\.11\., hat das Bürgerbüro geschlossen\./);
    });

    it('for the service center at an asked time', async () => {
      const reply = await askAt('2026-11-23T09:00:00Z', 'Ist das Service-Center am Dienstag um 17:30 erreichbar?', assistant, 'wolfsburg');
      assert.match(
        reply.text ?? '',
        /^Ja, morgen \(Dienstag\) um 17:30 Uhr hat das Service-Center der Stadt Wolfsburg geöffnet \(07:00 bis 18:00 Uhr\)\./,
      );
    });

    it("for a service: the responsible office's hours", async () => {
      const reply = await askAt('2026-11-23T14:00:00Z', 'Wann kann ich den Testausweis beantragen, wann ist offen?');
      assert.match(reply.text ?? '', /Das Bürgerbüro hat heute bis 16:00 Uhr geöffnet\./);
    });
  });
});
