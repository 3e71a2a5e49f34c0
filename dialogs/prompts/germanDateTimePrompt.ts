/**
 * A DateTimePrompt that understands German. botbuilder-dialogs ships its own nested copy of
 * @microsoft/recognizers-text-date-time (1.1.4, no German), so the base prompt never sees our German
 * model; its protected onRecognize is replaced here by intents/datetime's recognizer. Everything else
 * (prompting, retries, validators) is the base prompt's, and the result has the base prompt's shape: the
 * resolution values of the first recognised expression as DateTimeResolution[] ({timex, type, value} or
 * {timex, type, start, end}, plus Mod where there is one).
 *
 * Reference time ("morgen" is relative to it), as a wall-clock time of the citizen:
 * 1. the injected clock, when given (tests, replays);
 * 2. the activity's localTimestamp as the channel sent it ("2026-11-24T10:00:00+01:00": its wall-clock
 *    part, whatever the server's time zone);
 * 3. the activity's timestamp (or now), as wall-clock time in the prompt's time zone (Europe/Berlin by
 *    default).
 */
import type { TurnContext } from 'botbuilder';
import { DateTimePrompt } from 'botbuilder-dialogs';
import type { DateTimeResolution, PromptOptions, PromptRecognizerResult, PromptValidator } from 'botbuilder-dialogs';
import { recognizeDateTime, wallClock } from '../../intents/datetime';

export interface GermanDateTimePromptOptions {
  /** Returns the reference time as a Date whose local fields are the citizen's wall-clock time. */
  clock?: () => Date;
  /** Time zone for activities without a local timestamp (default Europe/Berlin). */
  timeZone?: string;
}

/** The wall-clock part of an ISO local timestamp ("2026-11-24T10:00:00.123+01:00"), or null. */
function wallClockOfIso(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(s);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
}

export class GermanDateTimePrompt extends DateTimePrompt {
  private readonly clock?: () => Date;
  private readonly timeZone: string;

  constructor(dialogId: string, validator?: PromptValidator<DateTimeResolution[]>, options: GermanDateTimePromptOptions = {}) {
    super(dialogId, validator, 'de-de');
    this.clock = options.clock;
    this.timeZone = options.timeZone ?? 'Europe/Berlin';
  }

  /** The reference time for an activity (see the file comment). */
  referenceTime(context: TurnContext): Date {
    if (this.clock) return this.clock();
    // channels send localTimestamp as a string; typed as Date, it may also be one
    const local = context.activity.localTimestamp as Date | string | undefined;
    if (typeof local === 'string') {
      const d = wallClockOfIso(local);
      if (d && !Number.isNaN(d.getTime())) return d;
    }
    const stamp = context.activity.timestamp as Date | string | undefined;
    const instant = stamp ? new Date(stamp) : new Date();
    return wallClock(Number.isNaN(instant.getTime()) ? new Date() : instant, this.timeZone);
  }

  protected override async onRecognize(
    context: TurnContext,
    _state: unknown,
    _options: PromptOptions,
  ): Promise<PromptRecognizerResult<DateTimeResolution[]>> {
    const result: PromptRecognizerResult<DateTimeResolution[]> = { succeeded: false };
    const utterance = context.activity.text;
    if (!utterance) return result;
    const results = recognizeDateTime(utterance, this.referenceTime(context));
    const values = (results[0]?.resolution as { values?: DateTimeResolution[] } | undefined)?.values;
    if (values && values.length > 0) {
      result.succeeded = true;
      result.value = values;
    }
    return result;
  }
}
