/**
 * The callback dialog with the times callers say (fixed clock, Europe/Berlin; the service center of
 * Wolfsburg takes calls Mon–Fri 07:00–18:00, the last slot half an hour before closing).
 */
import { strict as assert } from 'node:assert';
import type { DialogTestClient } from 'botbuilder-testing';
import { ask, buttons, FakeHandoff, shippedClientAt } from '../helpers/assistant';

/** Tuesday 24 November 2026, 10:00 in Berlin. */
const TUESDAY_10 = '2026-11-24T09:00:00Z';
/** Friday 27 November 2026, 19:00 in Berlin: closed until Monday 07:00. */
const FRIDAY_19 = '2026-11-27T18:00:00Z';

describe('callback times as callers say them (fixed clock, Europe/Berlin)', function () {
  this.timeout(30000);

  /** A callback dialog up to the question for the time; returns the client and that question. */
  async function atTimeQuestion(
    now: string,
    handoff = new FakeHandoff(0),
  ): Promise<{ client: DialogTestClient; question: Awaited<ReturnType<typeof ask>>; handoff: FakeHandoff }> {
    const client = shippedClientAt('wolfsburg', now, handoff);
    assert.match((await ask(client, 'Können Sie mich zurückrufen?')).text ?? '', /Telefonnummer/);
    const question = await ask(client, '0151 1234567');
    assert.match(question.text ?? '', /Wann dürfen wir Sie anrufen\?/);
    return { client, question, handoff };
  }

  /** Topic and consent after an accepted time; returns the stored ticket. */
  async function finish(
    client: DialogTestClient,
    handoff: FakeHandoff,
    topicQuestion: Awaited<ReturnType<typeof ask>>,
  ): Promise<FakeHandoff['tickets'][number]> {
    assert.match(topicQuestion.text ?? '', /Worum geht es/);
    const consent = await ask(client, 'Frage zum Wohngeld');
    assert.match(consent.text ?? '', /DSGVO/);
    assert.match((await ask(client, 'Ja, einverstanden')).text ?? '', /Vorgangsnummer/);
    assert.equal(handoff.tickets.length, 1);
    return handoff.tickets[0];
  }

  it('takes the number given with the request, typed or read out, without asking for it again', async () => {
    for (const [request, e164] of [
      ['Bitte rufen Sie mich zurück, meine Nummer ist 0151 23456789', '+4915123456789'],
      ['bitte rufen sie mich zurück meine nummer ist null eins fünf eins zwei drei vier fünf sechs sieben acht', '+491512345678'],
    ]) {
      const handoff = new FakeHandoff(0);
      const client = shippedClientAt('wolfsburg', TUESDAY_10, handoff);
      assert.match((await ask(client, request)).text ?? '', /Wann dürfen wir Sie anrufen\?/, request);
      const ticket = await finish(client, handoff, await ask(client, 'morgen um 10 Uhr'));
      assert.equal(ticket.phone, e164);
    }
  });

  it('"morgen gegen halb acht abends": says 19:30 is outside the hours and proposes 17:30 that day, which is stored', async () => {
    const { client, handoff } = await atTimeQuestion(TUESDAY_10);
    const proposal = await ask(client, 'morgen gegen halb acht abends');
    assert.match(
      proposal.text ?? '',
      /^Morgen um 19:30 Uhr ist das Service-Center nicht besetzt\. Der nächstmögliche Termin wäre morgen um 17:30 Uhr\. Passt Ihnen das\?/,
    );
    assert.deepEqual(buttons(proposal), ['Ja, passt', 'Nein, andere Zeit']);
    const ticket = await finish(client, handoff, await ask(client, 'Ja, passt'));
    assert.equal(ticket.wishedAt.toISOString(), '2026-11-25T16:30:00.000Z');
    assert.equal(ticket.wishedText, 'Mi, 25.11.2026, 17:30 Uhr');
  });

  it('understands its own time buttons: "Morgen Vormittag" and "Morgen Nachmittag" are stored as that stretch of tomorrow', async () => {
    for (const [label, from, text] of [
      ['Morgen Vormittag', '2026-11-25T07:00:00.000Z', 'Mi, 25.11.2026, 8:00–12:00 Uhr'],
      ['Morgen Nachmittag', '2026-11-25T11:00:00.000Z', 'Mi, 25.11.2026, 12:00–16:00 Uhr'],
    ]) {
      const { client, question, handoff } = await atTimeQuestion(TUESDAY_10);
      assert.ok(buttons(question).includes(label), buttons(question).join());
      const next = await ask(client, label);
      assert.doesNotMatch(next.text ?? '', /nicht als Zeitpunkt verstanden/, label);
      const ticket = await finish(client, handoff, next);
      assert.equal(ticket.wishedAt.toISOString(), from, label);
      assert.equal(ticket.wishedText, text, label);
    }
  });

  it('every time button it offers is understood, on a weekday and on a Friday evening', async () => {
    for (const now of [TUESDAY_10, FRIDAY_19]) {
      const { question } = await atTimeQuestion(now);
      for (const label of buttons(question)) {
        const { client } = await atTimeQuestion(now);
        const next = await ask(client, label);
        assert.doesNotMatch(next.text ?? '', /nicht als Zeitpunkt verstanden/, `${label} at ${now}`);
      }
    }
  });

  it('"Morgen Vormittag" on a Friday evening: Saturday is closed, Monday 07:00 is proposed', async () => {
    const { client } = await atTimeQuestion(FRIDAY_19);
    const proposal = await ask(client, 'Morgen Vormittag');
    assert.match(
      proposal.text ?? '',
      /^Morgen zwischen 8 und 12 Uhr ist das Service-Center nicht besetzt\. Der nächstmögliche Termin wäre am Montag, 30\.11\., um 7 Uhr\./,
    );
  });

  it('"so bald wie möglich" and the like take the next open slot: now in hours, Monday 07:00 on a Friday evening', async () => {
    for (const words of ['so bald wie möglich', 'möglichst bald', 'asap', 'so schnell wie möglich', 'sofort']) {
      const open = await atTimeQuestion(TUESDAY_10);
      const topic = await ask(open.client, words);
      const ticket = await finish(open.client, open.handoff, topic);
      assert.equal(ticket.wishedAt.toISOString(), new Date(TUESDAY_10).toISOString(), words);

      const closed = await atTimeQuestion(FRIDAY_19);
      const proposal = await ask(closed.client, words);
      assert.match(
        proposal.text ?? '',
        /nicht besetzt\. Der nächstmögliche Termin wäre am Montag, 30\.11\., um 7 Uhr\. Passt Ihnen das\?/,
        words,
      );
      const ticket2 = await finish(closed.client, closed.handoff, await ask(closed.client, 'Ja, passt'));
      assert.equal(ticket2.wishedAt.toISOString(), '2026-11-30T06:00:00.000Z', words);
    }
  });

  it('a part of a day that is closed: "samstag vormittag" gets Monday 07:00, "heute abend" the open part of it', async () => {
    const saturday = await atTimeQuestion(TUESDAY_10);
    const proposal = await ask(saturday.client, 'samstag vormittag');
    assert.match(
      proposal.text ?? '',
      /^Am Samstag, 28\.11\., zwischen 8 und 12 Uhr ist das Service-Center nicht besetzt\. Der nächstmögliche Termin wäre am Montag, 30\.11\., um 7 Uhr\./,
    );

    const evening = await atTimeQuestion(TUESDAY_10);
    const partly = await ask(evening.client, 'heute abend');
    assert.match(
      partly.text ?? '',
      /^Heute zwischen 16 und 20 Uhr ist das Service-Center nur zum Teil besetzt\. Der nächstmögliche Termin wäre heute um 16 Uhr\./,
    );
    const ticket = await finish(evening.client, evening.handoff, await ask(evening.client, 'Ja, passt'));
    assert.equal(ticket.wishedAt.toISOString(), '2026-11-24T15:00:00.000Z');
  });

  it('a weekday in a relative week, and a weekday with a part of the day in either order', async () => {
    const week = await atTimeQuestion(TUESDAY_10);
    const ticket = await finish(week.client, week.handoff, await ask(week.client, 'übernächste Woche am Dienstag'));
    assert.equal(ticket.wishedText, 'Di, 8.12.2026, im Laufe des Tages');

    const order = await atTimeQuestion(TUESDAY_10);
    const ticket2 = await finish(order.client, order.handoff, await ask(order.client, 'nachmittags am Donnerstag'));
    assert.equal(ticket2.wishedText, 'Do, 26.11.2026, 12:00–16:00 Uhr');
  });

  it('"nach dem Wochenende" on a Friday evening is Monday', async () => {
    const { client, handoff } = await atTimeQuestion(FRIDAY_19);
    const ticket = await finish(client, handoff, await ask(client, 'nach dem Wochenende'));
    assert.equal(ticket.wishedText, 'Mo, 30.11.2026, im Laufe des Tages');
  });
});
