import { strict as assert } from 'node:assert';
import { ComponentDialog, DialogTurnStatus, WaterfallDialog } from 'botbuilder-dialogs';
import type { DateTimeResolution } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { GermanDateTimePrompt } from '../../../dialogs/prompts/germanDateTimePrompt';
import { wallClock } from '../../../intents/datetime';
import type { GermanDateTimePromptOptions } from '../../../dialogs/prompts/germanDateTimePrompt';

const QUESTION = 'Wann dürfen wir Sie zurückrufen?';
const RETRY = 'Bitte nennen Sie einen Tag und eine Uhrzeit, zum Beispiel „morgen um 10 Uhr“.';

/** A small dialog that asks for a callback time and confirms the TIMEX it understood. */
class CallbackTimeDialog extends ComponentDialog {
  constructor(options: GermanDateTimePromptOptions) {
    super('callbackTime');
    this.addDialog(new GermanDateTimePrompt('when', undefined, options));
    this.addDialog(
      new WaterfallDialog('steps', [
        async (step) => step.prompt('when', { prompt: QUESTION, retryPrompt: RETRY }),
        async (step) => {
          const values = step.result as DateTimeResolution[];
          await step.context.sendActivity(`Rückruf: ${values[0].timex}`);
          return step.endDialog(values);
        },
      ]),
    );
    this.initialDialogId = 'steps';
  }
}

/** Tuesday 24 November 2026, 10:00 wall-clock time. */
const NOW = new Date(2026, 10, 24, 10, 0, 0);

describe('GermanDateTimePrompt (botbuilder-testing)', () => {
  it('asks for a callback time and returns tomorrow 10:00 for "morgen um 10 Uhr", shaped like DateTimePrompt', async () => {
    const client = new DialogTestClient('test', new CallbackTimeDialog({ clock: () => NOW }));
    const question = await client.sendActivity('Bitte rufen Sie mich zurück');
    assert.equal(question.text, QUESTION);
    const reply = await client.sendActivity('morgen um 10 Uhr');
    assert.equal(reply.text, 'Rückruf: 2026-11-25T10');
    assert.equal(client.dialogTurnResult.status, DialogTurnStatus.complete);
    // an hour up to 12 without a part of the day is read both ways, the morning first (as "dienstag 11:00 uhr" in the specification)
    assert.deepEqual(client.dialogTurnResult.result, [
      { timex: '2026-11-25T10', type: 'datetime', value: '2026-11-25 10:00:00' },
      { timex: '2026-11-25T22', type: 'datetime', value: '2026-11-25 22:00:00' },
    ]);
  });

  it('asks again when the answer holds no time', async () => {
    const client = new DialogTestClient('test', new CallbackTimeDialog({ clock: () => NOW }));
    await client.sendActivity('Rückruf bitte');
    const retry = await client.sendActivity('weiß ich noch nicht');
    assert.equal(retry.text, RETRY);
    const reply = await client.sendActivity('am Freitag zwischen 14 und 16 Uhr');
    assert.equal(reply.text, 'Rückruf: (XXXX-WXX-5T14,XXXX-WXX-5T16,PT2H)');
    const values = client.dialogTurnResult.result as (DateTimeResolution & { start?: string })[];
    assert.ok(
      values.every((v) => v.type === 'datetimerange' && typeof v.start === 'string'),
      JSON.stringify(values),
    );
  });

  it('takes the reference time from the activity: localTimestamp wall clock, else timestamp in Europe/Berlin', async () => {
    const client = new DialogTestClient('test', new CallbackTimeDialog({}));
    await client.sendActivity('Rückruf bitte');
    // New Year's Eve 23:30 in Berlin: "morgen" is 1 January
    await client.sendActivity({
      type: 'message',
      text: 'morgen um 10 Uhr',
      localTimestamp: '2026-12-31T23:30:00+01:00' as unknown as Date,
    });
    assert.equal((client.dialogTurnResult.result as DateTimeResolution[])[0].timex, '2027-01-01T10');

    const utc = new DialogTestClient('test', new CallbackTimeDialog({}));
    await utc.sendActivity('Rückruf bitte');
    // 23:30 UTC is already 00:30 on 1 January in Berlin: "morgen" is 2 January
    await utc.sendActivity({ type: 'message', text: 'morgen um 10 Uhr', timestamp: new Date(Date.UTC(2026, 11, 31, 23, 30)) });
    assert.equal((utc.dialogTurnResult.result as DateTimeResolution[])[0].timex, '2027-01-02T10');
  });

  it('wallClock shows an instant as local fields of a time zone, across daylight saving', () => {
    const summer = wallClock(new Date(Date.UTC(2026, 6, 1, 8, 0)), 'Europe/Berlin');
    assert.deepEqual([summer.getHours(), summer.getDate()], [10, 1]);
    const winter = wallClock(new Date(Date.UTC(2026, 0, 1, 8, 0)), 'Europe/Berlin');
    assert.deepEqual([winter.getHours(), winter.getDate()], [9, 1]);
  });
});
