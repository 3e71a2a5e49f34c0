import { strict as assert } from 'node:assert';
import { ask, buttons, FakeHandoff, shippedClientAt } from '../helpers/assistant';

const HUMAN = 'Ich möchte mit einem Mitarbeiter sprechen';

describe('escalation dialogs (fixed clock, Europe/Berlin)', function () {
  this.timeout(30000);

  describe('business hours decide between queue and callback, with the next-opening sentence', () => {
    it('Friday 17:59 with an agent online: queued, told the position and the wait', async () => {
      const handoff = new FakeHandoff(1);
      const reply = await ask(shippedClientAt('wolfsburg', '2026-11-27T16:59:00Z', handoff), HUMAN);
      assert.match(reply.text ?? '', /Sie sind als Nächstes an der Reihe; die Wartezeit beträgt etwa 3 Minuten\./);
      assert.match(reply.text ?? '', /„abbrechen“/);
      assert.equal(handoff.requests[0].reason, 'agent');
      assert.equal(handoff.requests[0].tenant, 'wolfsburg');
    });

    it('Friday 18:00: closed, "am Montag ab 7 Uhr", callback offered, nobody queued', async () => {
      const handoff = new FakeHandoff(1);
      const reply = await ask(shippedClientAt('wolfsburg', '2026-11-27T17:00:00Z', handoff), HUMAN);
      assert.match(
        reply.text ?? '',
        /Service-Center der Stadt Wolfsburg ist gerade nicht besetzt, wieder erreichbar am Montag ab 7 Uhr\. Möchten Sie, dass wir Sie zurückrufen\?/,
      );
      assert.deepEqual(buttons(reply), ['Ja, bitte zurückrufen', 'Nein, danke']);
      assert.equal(handoff.requests.length, 0);
    });

    /** Asking for a person when nobody can take the chat: the reply says when the service center is reachable again. */
    const NOT_NOW: readonly { title: string; tenant: string; at: string; agentsOnline: number; reply: RegExp }[] = [
      {
        title: 'Saturday: "am Montag ab 7 Uhr"',
        tenant: 'gifhorn',
        at: '2026-11-28T10:00:00Z',
        agentsOnline: 1,
        reply: /wieder erreichbar am Montag ab 7 Uhr\./,
      },
      {
        title: 'Reformationstag (Friday 31.10.2025): "nach dem Feiertag am 3.11. ab 7 Uhr"',
        tenant: 'wolfsburg',
        at: '2025-10-31T09:00:00Z',
        agentsOnline: 1,
        reply:
          /aber heute ist Feiertag \(Reformationstag\): das Service-Center der Stadt Wolfsburg ist gerade nicht besetzt, wieder erreichbar nach dem Feiertag am 3\.11\. ab 7 Uhr\./,
      },
      {
        title: '24.12. (a configured closure): "nach den Feiertagen am 28.12. ab 7 Uhr"',
        tenant: 'wolfsburg',
        at: '2026-12-24T09:00:00Z',
        agentsOnline: 1,
        reply:
          /aber heute ist geschlossen \(Heiligabend\): das Service-Center der Stadt Wolfsburg ist gerade nicht besetzt, wieder erreichbar nach den Feiertagen am 28\.12\. ab 7 Uhr\./,
      },
      {
        title: 'in hours but nobody online: callback offered',
        tenant: 'wolfsburg',
        at: '2026-11-24T09:00:00Z',
        agentsOnline: 0,
        reply: /Gerade ist leider keine Mitarbeiterin und kein Mitarbeiter im Chat frei\. Möchten Sie, dass wir Sie zurückrufen\?/,
      },
    ];
    for (const c of NOT_NOW) {
      it(c.title, async () => {
        const reply = await ask(shippedClientAt(c.tenant, c.at, new FakeHandoff(c.agentsOnline)), HUMAN);
        assert.match(reply.text ?? '', c.reply);
      });
    }

    it('daylight saving (Monday after the spring switch): 6:59 CEST "heute ab 7 Uhr", 7:00 CEST queued', async () => {
      const early = await ask(shippedClientAt('wolfsburg', '2026-03-30T04:59:00Z', new FakeHandoff(1)), HUMAN);
      assert.match(early.text ?? '', /wieder erreichbar heute ab 7 Uhr\./);
      const handoff = new FakeHandoff(1);
      await ask(shippedClientAt('wolfsburg', '2026-03-30T05:00:00Z', handoff), HUMAN);
      assert.equal(handoff.requests.length, 1);
      // Autumn: Monday 26.10.2026 7:00 CET is 06:00 UTC.
      const autumn = await ask(shippedClientAt('wolfsburg', '2026-10-26T05:59:00Z', new FakeHandoff(1)), HUMAN);
      assert.match(autumn.text ?? '', /wieder erreichbar heute ab 7 Uhr\./);
    });

    it('the second misunderstanding and "das hat nicht geholfen" hand over too', async () => {
      const handoff = new FakeHandoff(1);
      const client = shippedClientAt('wolfsburg', '2026-11-24T09:00:00Z', handoff);
      await ask(client, 'Wie wird das Wetter morgen?');
      const second = await ask(client, 'Wer gewinnt die Bundesliga?');
      assert.match(second.text ?? '', /Ich kann Ihre Frage leider nicht beantworten\. Gern verbinde ich Sie/);
      assert.equal(handoff.requests[0].reason, 'misunderstood');
      const other = shippedClientAt('wolfsburg', '2026-11-24T09:00:00Z', handoff);
      await ask(other, 'Was kostet ein Reisepass?');
      const sorry = await ask(other, 'Das hat mir leider nicht geholfen');
      assert.match(sorry.text ?? '', /Das tut mir leid/);
      assert.equal(handoff.requests[1].reason, 'not-helped');
      assert.equal(handoff.requests[1].topic, 'Kosten – Reisepass beantragen');
      assert.equal(handoff.requests[1].service, 'reisepass');
    });
  });

  describe('callback request', () => {
    it('offer accepted: phone, wished time in hours, topic from the conversation, consent, reference number', async () => {
      const handoff = new FakeHandoff(0);
      const client = shippedClientAt('wolfsburg', '2026-11-24T09:00:00Z', handoff); // Tuesday 10:00
      await ask(client, 'Was kostet ein Reisepass?');
      await ask(client, HUMAN);
      const phone = await ask(client, 'Ja, bitte zurückrufen');
      assert.match(phone.text ?? '', /Telefonnummer/);
      const time = await ask(client, '0151 1234567');
      assert.match(time.text ?? '', /Wann dürfen wir Sie anrufen\?.*Mo–Fr 7–18 Uhr/);
      const consent = await ask(client, 'morgen um 10 Uhr');
      assert.match(consent.text ?? '', /Telefon: 0151 1234567\n/, 'the number as the citizen typed it');
      assert.match(consent.text ?? '', /Termin: morgen um 10 Uhr/);
      assert.match(consent.text ?? '', /Anliegen: Kosten – Reisepass beantragen/);
      assert.match(consent.text ?? '', /DSGVO/);
      assert.deepEqual(buttons(consent), ['Ja, einverstanden', 'Nein']);
      const done = await ask(client, 'Ja, einverstanden');
      assert.match(done.text ?? '', /Vorgangsnummer: \*\*RR-2026-000123\*\*/);
      assert.equal(handoff.tickets.length, 1);
      const t = handoff.tickets[0];
      assert.equal(t.phone, '+491511234567');
      assert.equal(t.wishedAt.toISOString(), '2026-11-25T09:00:00.000Z');
      assert.equal(t.wishedText, 'Mi, 25.11.2026, 10:00 Uhr');
      assert.equal(t.tenant, 'wolfsburg');
      // The bot answers normally again.
      assert.match((await ask(client, 'Was kostet ein Personalausweis?')).text ?? '', /Personalausweis/);
    });

    it('outside hours: proposes the nearest slot, asks again on "Nein", asks the topic; no consent stores nothing', async () => {
      const handoff = new FakeHandoff(0);
      const client = shippedClientAt('wolfsburg', '2026-11-24T09:00:00Z', handoff);
      const first = await ask(client, 'Können Sie mich zurückrufen?');
      assert.match(first.text ?? '', /Telefonnummer/);
      const retry = await ask(client, '12345');
      assert.match(retry.text ?? '', /kann ich leider nicht verwenden/);
      await ask(client, '+49 5361 281234');
      const proposal = await ask(client, 'Samstag um 10 Uhr');
      assert.match(proposal.text ?? '', /nicht besetzt\. Der nächstmögliche Termin wäre am Montag, 30\.11\., um 7 Uhr\. Passt Ihnen das\?/);
      const again = await ask(client, 'Nein, andere Zeit');
      assert.match(again.text ?? '', /Wann dürfen wir Sie anrufen\?/);
      const evening = await ask(client, 'Freitag um 19 Uhr');
      assert.match(evening.text ?? '', /am Freitag, 27\.11\., um 17:30 Uhr/);
      const topic = await ask(client, 'Ja');
      assert.match(topic.text ?? '', /Worum geht es/);
      const consent = await ask(client, 'Frage zu meinem Wohngeldbescheid');
      assert.match(consent.text ?? '', /Anliegen: Frage zu meinem Wohngeldbescheid/);
      const no = await ask(client, 'Nein');
      assert.match(no.text ?? '', /nichts gespeichert/);
      assert.equal(handoff.tickets.length, 0);
    });

    it('"Nein" (and "kein Thema", "weiß nicht") to the topic question stores no topic; the ticket keeps the service understood', async () => {
      for (const decline of ['Nein', 'nein danke', 'Kein Thema', 'weiß nicht', 'Weiss ich nicht.', 'keine Angabe']) {
        const handoff = new FakeHandoff(0);
        const client = shippedClientAt('wolfsburg', '2026-11-24T09:00:00Z', handoff);
        await ask(client, 'Rückruf bitte');
        await ask(client, '0151 23456789');
        assert.match((await ask(client, 'morgen um 10 Uhr')).text ?? '', /Worum geht es/);
        const consent = await ask(client, decline);
        assert.match(consent.text ?? '', /Telefon: 0151 23456789\n/, 'echoed as typed, not "+49 1512 3456789"');
        assert.match(consent.text ?? '', /Anliegen: keine Angabe/, decline);
        assert.match((await ask(client, 'Ja, einverstanden')).text ?? '', /unter 0151 23456789 an/);
        assert.equal(handoff.tickets.length, 1, decline);
        assert.equal(handoff.tickets[0].topic, '', decline);
        assert.equal(handoff.tickets[0].phone, '+4915123456789');
        assert.equal(handoff.tickets[0].phoneDisplay, '0151 23456789');
        assert.equal(handoff.tickets[0].service, undefined);
      }
      // A topic that starts with "nein" but says something is kept.
      const handoff = new FakeHandoff(0);
      const client = shippedClientAt('wolfsburg', '2026-11-24T09:00:00Z', handoff);
      await ask(client, 'Rückruf bitte');
      await ask(client, '0151 23456789');
      await ask(client, 'morgen um 10 Uhr');
      assert.match(
        (await ask(client, 'Nein, es geht um meinen Wohngeldantrag')).text ?? '',
        /Anliegen: Nein, es geht um meinen Wohngeldantrag/,
      );
    });

    it('a callback after a service question carries the service to the ticket; a day without a time is due at closing', async () => {
      const handoff = new FakeHandoff(0);
      const client = shippedClientAt('wolfsburg', '2026-11-24T09:00:00Z', handoff);
      await ask(client, 'Was kostet ein Reisepass?');
      await ask(client, 'Rückruf bitte');
      await ask(client, '+49 (0)151 23456789');
      await ask(client, 'Donnerstag');
      await ask(client, 'Ja, einverstanden');
      assert.equal(handoff.tickets.length, 1);
      const t = handoff.tickets[0];
      assert.equal(t.service, 'reisepass');
      assert.equal(t.phoneDisplay, '0151 23456789');
      assert.equal(t.wishedText, 'Do, 26.11.2026, im Laufe des Tages');
      assert.equal(t.dueAt?.toISOString(), '2026-11-26T17:00:00.000Z', '18:00 in Berlin');
    });

    it('"So bald wie möglich" in hours takes now; "abbrechen" ends without storing', async () => {
      const handoff = new FakeHandoff(0);
      const client = shippedClientAt('gifhorn', '2026-11-24T09:00:00Z', handoff);
      await ask(client, 'Rückruf bitte');
      await ask(client, '0170/1234567');
      const topic = await ask(client, 'So bald wie möglich');
      assert.match(topic.text ?? '', /Worum geht es/);
      const consent = await ask(client, 'Kfz');
      assert.match(consent.text ?? '', /Termin: so bald wie möglich/);
      assert.match((await ask(client, 'abbrechen')).text ?? '', /abgebrochen/);
      assert.equal(handoff.tickets.length, 0);
      const other = shippedClientAt('gifhorn', '2026-11-24T09:00:00Z', handoff);
      await ask(other, 'Rückruf bitte');
      assert.match((await ask(other, 'abbrechen')).text ?? '', /abgebrochen/);
    });

    it('a question instead of an answer to the offer is answered as a question', async () => {
      const client = shippedClientAt('wolfsburg', '2026-11-27T17:00:00Z', new FakeHandoff(1));
      await ask(client, HUMAN);
      const reply = await ask(client, 'Was kostet ein Reisepass?');
      assert.match(reply.text ?? '', /70,00\s€/);
    });
  });
});
