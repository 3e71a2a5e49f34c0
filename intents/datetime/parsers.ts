/**
 * Small subclasses of @microsoft/recognizers-text-date-time's base parsers, for German constructions
 * that the configuration interfaces cannot express. Each overrides one protected step, calls the base
 * implementation and only adjusts its result.
 */
import type { ExtractResult, Match } from '@microsoft/recognizers-text';
import { BaseDurationParser, BaseHolidayParser } from '@microsoft/recognizers-text-date-time';
import type { DateTimeParseResult, DateTimeResolutionResult } from '@microsoft/recognizers-text-date-time';
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
