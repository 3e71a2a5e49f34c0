/**
 * Small subclasses of @microsoft/recognizers-text-date-time's base parsers, for German constructions
 * that the configuration interfaces cannot express. Each overrides one protected step, calls the base
 * implementation and only adjusts its result.
 */
import type { Match } from '@microsoft/recognizers-text';
import { BaseHolidayParser } from '@microsoft/recognizers-text-date-time';
import type { DateTimeResolutionResult } from '@microsoft/recognizers-text-date-time';
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
