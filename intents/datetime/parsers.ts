/**
 * Small subclasses of @microsoft/recognizers-text-date-time's base parsers, for German constructions
 * that the configuration interfaces cannot express. Each overrides one protected step, calls the base
 * implementation and only adjusts its result.
 */
import type { ExtractResult, Match } from '@microsoft/recognizers-text';
import {
  BaseDateExtractor,
  BaseDateParser,
  BaseDatePeriodParser,
  BaseDateTimeExtractor,
  BaseDateTimeParser,
  BaseDurationParser,
  BaseHolidayParser,
  DateTimeFormatUtil,
  DateTimeResolutionResult,
  TimeTypeConstants,
  Token,
} from '@microsoft/recognizers-text-date-time';
import type { DateTimeParseResult, IDateTimeExtractor, IDateTimeParser } from '@microsoft/recognizers-text-date-time';
import type { GermanHolidayParserConfiguration } from './configuration';

/**
 * Movable holidays (Ostern, Pfingsten, Buß- und Bettag, …) without a year: the base parser writes
 * "XXXX-MM-DD" with the month and day of the reference year, which is wrong for every other year; the
 * TIMEX becomes a bare "XXXX" (the values still name the past and future dates). With a year
 * ("Pfingsten 2022") the full date stays.
 */
export class GermanHolidayParser extends BaseHolidayParser {
  private readonly german: GermanHolidayParserConfiguration;
  constructor(config: GermanHolidayParserConfiguration) {
    super(config);
    this.german = config;
  }
  protected override match2Date(match: Match, referenceDate: Date): DateTimeResolutionResult {
    const result = super.match2Date(match, referenceDate);
    if (result.success && result.timex.startsWith('XXXX-')) {
      const key = this.german.holidayKey(match.groups('holiday').value);
      if (key && this.german.movableHolidays.has(key)) result.timex = 'XXXX';
    }
    return result;
  }
}

/**
 * "Viertelstunde" and "Dreiviertelstunde" are units of a quarter and three quarters of an hour. The
 * base parser multiplies a count by a unit and writes the unit's TIMEX letter, so the count is scaled
 * here: "eine Viertelstunde" = PT0.25H (900 s), "zwei Viertelstunden" = PT0.5H, "eine
 * Dreiviertelstunde" = PT0.75H.
 */
export class GermanDurationParser extends BaseDurationParser {
  override parse(extractorResult: ExtractResult, referenceDate?: Date): DateTimeParseResult | null {
    const result = super.parse(extractorResult, referenceDate);
    const value = result?.value as DateTimeResolutionResult | undefined;
    const unit = /\b(?:(drei)viertel|viertel)stunden?\b/i.exec(extractorResult.text ?? '');
    if (!result || !value?.success || !unit) return result;
    const m = /^PT(\d+(?:\.\d+)?)H$/.exec(value.timex);
    if (!m) return result;
    const hours = Number(m[1]) * (unit[1] ? 0.75 : 0.25);
    const seconds = hours * 3600;
    value.timex = `PT${hours}H`;
    value.futureValue = seconds;
    value.pastValue = seconds;
    value.futureResolution = { duration: String(seconds) };
    value.pastResolution = { duration: String(seconds) };
    result.timexStr = value.timex;
    return result;
  }
}

// ---------------------------------------------------------------------------------------------------
// "vor zwei Tagen", "in anderthalb Stunden"
//
// The base classes know "ago" only after a duration ("two days ago") and read the count of a duration
// with parseInt, so "in einer halben Stunde" fails and "in anderthalb Stunden" comes out an hour later.
// German puts "vor" before the duration, and fractional hours are common. The subclasses below add
// "vor" + duration as a point in the past, and resolve "in/binnen/innerhalb" + duration and
// duration + "später" from the duration's length in seconds when its count is not a whole number.

const AGO_BEFORE = /\bvor\s+$/;
const IN_BEFORE = /\b(?:in|binnen|innerhalb(?:\s+von)?)\s+$/;
const LATER_AFTER = /^\s+(?:sp(?:a|ae|ä)ter|danach)\b/;
const DATE_UNIT = /\b(?:tage?n?|tages|wochen?|monate?n?|monats|jahre?n?|jahres)\b/;
const TIME_UNIT = /\b(?:stunden?|viertelstunden?|dreiviertelstunden?|minuten?|sekunden?|std|min|sek|h)\b/;

/** Tokens for "vor" + a duration whose unit matches `unit`. */
function agoTokens(source: string, refDate: Date, durations: IDateTimeExtractor, unit: RegExp): Token[] {
  const tokens: Token[] = [];
  for (const er of durations.extract(source, refDate)) {
    if (!unit.test(er.text.toLowerCase())) continue;
    const m = AGO_BEFORE.exec(source.substring(0, er.start));
    if (m) tokens.push(new Token(m.index, er.start + er.length));
  }
  return tokens;
}

/** Shifts `ref` by a duration parse result (seconds for time units, calendar units for dates). */
function shift(ref: Date, timex: string, seconds: number, sign: 1 | -1): Date | null {
  const m = /^P(T?)(\d+(?:\.\d+)?)([YMWDHS])$/.exec(timex);
  if (!m) return null;
  const n = Number(m[2]);
  const d = new Date(ref);
  if (m[1] === 'T' || !Number.isInteger(n)) return new Date(ref.getTime() + sign * seconds * 1000);
  if (m[3] === 'D') d.setDate(d.getDate() + sign * n);
  else if (m[3] === 'W') d.setDate(d.getDate() + sign * 7 * n);
  else if (m[3] === 'M') d.setMonth(d.getMonth() + sign * n);
  else if (m[3] === 'Y') d.setFullYear(d.getFullYear() + sign * n);
  else return null;
  return d;
}

/**
 * "vor" + duration (past), and "in" + duration / duration + "später" when the count is fractional;
 * null when the base implementation should answer.
 */
function germanAgoLater(
  text: string,
  ref: Date,
  durations: IDateTimeExtractor,
  durationParser: IDateTimeParser,
  dateOnly: boolean,
): DateTimeResolutionResult | null {
  const source = text.toLowerCase();
  const er = durations.extract(source, ref).pop();
  if (!er) return null;
  const before = source.substring(0, er.start);
  const after = source.substring(er.start + er.length);
  const ago = AGO_BEFORE.test(before) && after.trim() === '';
  const later = IN_BEFORE.test(before) || LATER_AFTER.test(after);
  if (!ago && !later) return null;
  const pr = durationParser.parse(er, ref);
  const value = pr?.value as DateTimeResolutionResult | undefined;
  if (!pr || !value?.success) return null;
  const count = /(\d+(?:\.\d+)?)[A-Z]$/.exec(value.timex);
  if (!ago && count && Number.isInteger(Number(count[1]))) return null; // whole counts: the base is right
  const point = shift(ref, value.timex, Number(value.futureValue), ago ? -1 : 1);
  if (!point) return null;
  const result = new DateTimeResolutionResult();
  result.timex = dateOnly ? DateTimeFormatUtil.luisDateFromDate(point) : DateTimeFormatUtil.luisDateTime(point);
  result.futureValue = point;
  result.pastValue = point;
  value.mod = ago ? TimeTypeConstants.beforeMod : TimeTypeConstants.afterMod;
  result.subDateTimeEntities = [pr];
  result.success = true;
  return result;
}

/** Date extractor that also takes "vor" + a duration in days, weeks, months or years ("vor zwei Tagen"). */
export class GermanDateExtractor extends BaseDateExtractor {
  protected override durationWithBeforeAndAfter(source: string, refDate: Date): Token[] {
    return super.durationWithBeforeAndAfter(source, refDate).concat(agoTokens(source, refDate, this.config.durationExtractor, DATE_UNIT));
  }
}

/** Date-time extractor that also takes "vor" + a duration in hours, minutes or seconds ("vor zwei Stunden"). */
export class GermanDateTimeExtractor extends BaseDateTimeExtractor {
  protected override durationWithBeforeAndAfter(source: string, refDate: Date): Token[] {
    return super.durationWithBeforeAndAfter(source, refDate).concat(agoTokens(source, refDate, this.config.durationExtractor, TIME_UNIT));
  }
}

const WEEK_AFTER_NEXT = /^(?:in\s+der\s+)?(?:u|ue)bern(?:a|ae)chste[nrsm]?\s/;

/**
 * Date parser for "vor zwei Tagen" (see germanAgoLater), and for a weekday of the week after next
 * ("übernächsten Dienstag", "übernächste Woche am Donnerstag"): the base parser reads every "next"
 * weekday as one of the coming week, so the day of the week after next is moved by seven days.
 */
export class GermanDateParser extends BaseDateParser {
  protected override parseImplicitDate(source: string, referenceDate: Date): DateTimeResolutionResult {
    const result = super.parseImplicitDate(source, referenceDate);
    if (!result.success || !WEEK_AFTER_NEXT.test(source.trim().toLowerCase()) || !(result.futureValue instanceof Date)) return result;
    const moved = new Date(result.futureValue);
    moved.setDate(moved.getDate() + 7);
    result.timex = DateTimeFormatUtil.luisDateFromDate(moved);
    result.futureValue = moved;
    result.pastValue = new Date(moved);
    return result;
  }

  protected override parserDurationWithAgoAndLater(source: string, referenceDate: Date): DateTimeResolutionResult {
    return (
      germanAgoLater(source, referenceDate, this.config.durationExtractor, this.config.durationParser, true) ??
      super.parserDurationWithAgoAndLater(source, referenceDate)
    );
  }
}

/** Date-time parser for "vor zwei Stunden" and "in anderthalb Stunden" (see germanAgoLater). */
export class GermanDateTimeParser extends BaseDateTimeParser {
  protected override parserDurationWithAgoAndLater(text: string, referenceTime: Date): DateTimeResolutionResult {
    return (
      germanAgoLater(text, referenceTime, this.config.durationExtractor, this.config.durationParser, false) ??
      super.parserDurationWithAgoAndLater(text, referenceTime)
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// "zwischen den Jahren"

/** The days between Christmas and New Year, as German says it (the specification has no such period). */
export const BETWEEN_THE_YEARS = `\\b(?:in\\s+der\\s+zeit\\s+)?zwischen\\s+den\\s+jahren\\b`;
const BETWEEN_THE_YEARS_WHOLE = new RegExp(`^${BETWEEN_THE_YEARS}$`);

/**
 * Date-period parser that reads "zwischen den Jahren" as the date range 27.–30. December, resolved
 * exactly as "vom 27. bis 30. Dezember" (TIMEX (XXXX-12-27,XXXX-12-30,P3D), the coming and the past one).
 */
export class GermanDatePeriodParser extends BaseDatePeriodParser {
  override parse(extractorResult: ExtractResult, referenceDate?: Date): DateTimeParseResult | null {
    const text = (extractorResult.text ?? '').trim().toLowerCase();
    if (!BETWEEN_THE_YEARS_WHOLE.test(text)) return super.parse(extractorResult, referenceDate);
    const result = super.parse({ ...extractorResult, text: 'vom 27. bis 30. dezember' }, referenceDate);
    if (result) result.text = extractorResult.text;
    return result;
  }
}
