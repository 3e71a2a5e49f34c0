/**
 * German configurations for @microsoft/recognizers-text-date-time's Base* extractors and parsers,
 * implementing the package's exported I*Configuration interfaces with the patterns of germanDateTime.ts.
 */
import { RegExpUtility } from '@microsoft/recognizers-text';
import {
  BaseDateParserConfiguration,
  BaseDatePeriodExtractor,
  BaseDateTimePeriodExtractor,
  BaseDateTimePeriodParser,
  BaseDurationExtractor,
  BaseHolidayExtractor,
  BaseHolidayParserConfiguration,
  BaseSetExtractor,
  BaseSetParser,
  BaseTimeExtractor,
  BaseTimeParser,
  BaseTimePeriodExtractor,
  BaseTimePeriodParser,
} from '@microsoft/recognizers-text-date-time';
import type {
  IDateExtractorConfiguration,
  IDateParserConfiguration,
  IDatePeriodExtractorConfiguration,
  IDatePeriodParserConfiguration,
  IDateTimeExtractor,
  IDateTimeExtractorConfiguration,
  IDateTimeParser,
  IDateTimeParserConfiguration,
  IDateTimePeriodExtractorConfiguration,
  IDateTimePeriodParserConfiguration,
  IDateTimeUtilityConfiguration,
  IDurationExtractorConfiguration,
  IDurationParserConfiguration,
  IHolidayExtractorConfiguration,
  IMergedExtractorConfiguration,
  IMergedParserConfiguration,
  ISetExtractorConfiguration,
  ISetParserConfiguration,
  ITimeExtractorConfiguration,
  ITimeParserConfiguration,
  ITimePeriodExtractorConfiguration,
  ITimePeriodParserConfiguration,
  BaseHolidayParser,
  BaseDurationParser,
  BaseDateParser,
  BaseDateTimeParser,
  BaseDatePeriodParser,
} from '@microsoft/recognizers-text-date-time';
import type { BaseNumberExtractor, BaseNumberParser } from '@microsoft/recognizers-text-number';
import * as G from './germanDateTime';
import {
  BETWEEN_THE_YEARS,
  GermanDateExtractor,
  GermanDateParser,
  GermanDatePeriodParser,
  GermanDateTimeExtractor,
  GermanDateTimeParser,
  GermanDurationParser,
  GermanHolidayParser,
} from './parsers';
import { GermanCardinalExtractor, GermanIntegerExtractor, GermanNumberParser, GermanOrdinalExtractor } from './number';

export const rx = (source: string, flags = 'gis'): RegExp => RegExpUtility.getSafeRegExp(source, flags);
const NEVER = rx('(?!)');

const trimLower = (s: string): string => s.trim().toLowerCase();

export class GermanDateTimeUtilityConfiguration implements IDateTimeUtilityConfiguration {
  agoRegex = rx(G.AGO);
  laterRegex = rx(G.LATER);
  inConnectorRegex = rx(G.IN_CONNECTOR);
  rangeUnitRegex = rx(G.RANGE_UNIT);
  amDescRegex = rx(G.AM_DESC);
  pmDescRegex = rx(G.PM_DESC);
  amPmDescRegex = rx('(?!)');
}

function swiftOf(text: string): number {
  const t = trimLower(text);
  if (/\b(u|ue)bern(a|ae)chst/.test(t)) return 2;
  if (/\bvorletzt/.test(t)) return -2;
  if (/\b(n(a|ae)chst|kommend|folgend)/.test(t)) return 1;
  if (/\b(letzt|vergangen|vorig)/.test(t)) return -1;
  return 0;
}

// ---------------------------------------------------------------------------------------------------
// Duration

export class GermanDurationExtractorConfiguration implements IDurationExtractorConfiguration {
  allRegex = rx(G.ALL_REGEX);
  halfRegex = rx(G.HALF_REGEX);
  followedUnit = rx(G.DURATION_FOLLOWED_UNIT);
  numberCombinedWithUnit = rx(G.NUMBER_COMBINED_WITH_DURATION_UNIT);
  anUnitRegex = rx(G.AN_UNIT);
  inexactNumberUnitRegex = rx(G.INEXACT_NUMBER_UNIT);
  suffixAndRegex = rx(G.SUFFIX_AND);
  relativeDurationUnitRegex = NEVER;
  moreThanRegex = rx('\\b(?:mehr\\s+als|über)\\b');
  lessThanRegex = rx('\\b(?:weniger\\s+als|unter)\\b');
  cardinalExtractor: BaseNumberExtractor = new GermanCardinalExtractor();
}

// ---------------------------------------------------------------------------------------------------
// Common parser configuration (the shared maps, extractors and parsers)

export class GermanCommonDateTimeParserConfiguration extends BaseDateParserConfiguration {
  constructor() {
    super();
    this.utilityConfiguration = new GermanDateTimeUtilityConfiguration();
    this.unitMap = G.UNIT_MAP;
    this.unitValueMap = G.UNIT_VALUE_MAP;
    this.seasonMap = G.SEASON_MAP;
    this.cardinalMap = G.CARDINAL_MAP;
    this.dayOfWeek = G.DAY_OF_WEEK;
    this.monthOfYear = G.MONTH_OF_YEAR;
    this.numbers = G.NUMBERS;
    this.doubleNumbers = G.DOUBLE_NUMBERS;
    this.dayOfMonth = G.DAY_OF_MONTH;
    this.cardinalExtractor = new GermanCardinalExtractor();
    this.integerExtractor = new GermanIntegerExtractor();
    this.ordinalExtractor = new GermanOrdinalExtractor();
    this.numberParser = new GermanNumberParser();
    this.dateExtractor = new GermanDateExtractor(new GermanDateExtractorConfiguration());
    this.timeExtractor = new BaseTimeExtractor(new GermanTimeExtractorConfiguration());
    this.dateTimeExtractor = new GermanDateTimeExtractor(new GermanDateTimeExtractorConfiguration());
    this.durationExtractor = new BaseDurationExtractor(new GermanDurationExtractorConfiguration());
    this.datePeriodExtractor = new BaseDatePeriodExtractor(new GermanDatePeriodExtractorConfiguration());
    this.timePeriodExtractor = new BaseTimePeriodExtractor(new GermanTimePeriodExtractorConfiguration());
    this.dateTimePeriodExtractor = new BaseDateTimePeriodExtractor(new GermanDateTimePeriodExtractorConfiguration());
    this.durationParser = new GermanDurationParser(new GermanDurationParserConfiguration(this));
    this.dateParser = new GermanDateParser(new GermanDateParserConfiguration(this));
    this.timeParser = new BaseTimeParser(new GermanTimeParserConfiguration(this));
    this.dateTimeParser = new GermanDateTimeParser(new GermanDateTimeParserConfiguration(this));
    this.datePeriodParser = new GermanDatePeriodParser(new GermanDatePeriodParserConfiguration(this));
    this.timePeriodParser = new BaseTimePeriodParser(new GermanTimePeriodParserConfiguration(this));
    this.dateTimePeriodParser = new BaseDateTimePeriodParser(new GermanDateTimePeriodParserConfiguration(this));
  }
}

export class GermanDurationParserConfiguration implements IDurationParserConfiguration {
  cardinalExtractor: BaseNumberExtractor;
  numberParser: BaseNumberParser;
  followedUnit = rx(G.DURATION_FOLLOWED_UNIT);
  suffixAndRegex = rx(G.SUFFIX_AND);
  numberCombinedWithUnit = rx(G.NUMBER_COMBINED_WITH_DURATION_UNIT);
  anUnitRegex = rx(G.AN_UNIT);
  allDateUnitRegex = rx(G.ALL_REGEX);
  halfDateUnitRegex = rx(G.HALF_REGEX);
  inexactNumberUnitRegex = rx(G.INEXACT_NUMBER_UNIT);
  unitMap: ReadonlyMap<string, string>;
  unitValueMap: ReadonlyMap<string, number>;
  doubleNumbers: ReadonlyMap<string, number>;
  constructor(config: GermanCommonDateTimeParserConfiguration) {
    this.cardinalExtractor = config.cardinalExtractor;
    this.numberParser = config.numberParser;
    this.unitMap = config.unitMap;
    this.unitValueMap = config.unitValueMap;
    this.doubleNumbers = config.doubleNumbers;
  }
}

// ---------------------------------------------------------------------------------------------------
// Date

export class GermanDateExtractorConfiguration implements IDateExtractorConfiguration {
  dateRegexList = G.DATE_REGEXES.map((s) => rx(s));
  implicitDateList = [
    rx(G.ON_REGEX),
    rx(G.SPECIAL_DAY),
    rx(G.THIS_WEEKDAY),
    rx(G.LAST_WEEKDAY),
    rx(G.NEXT_WEEKDAY),
    rx(G.SINGLE_WEEKDAY),
    rx(G.WEEKDAY_OF_MONTH),
  ];
  monthEnd = rx(G.MONTH_END);
  ofMonth = rx(G.OF_MONTH);
  dateUnitRegex = rx(G.DATE_UNIT);
  forTheRegex = NEVER;
  weekDayAndDayOfMonthRegex = rx(G.WEEKDAY_AND_DAY_OF_MONTH);
  relativeMonthRegex = rx(G.RELATIVE_MONTH);
  strictRelativeRegex = rx(G.STRICT_RELATIVE);
  weekDayRegex = rx(G.WEEKDAY);
  dayOfWeek = G.DAY_OF_WEEK;
  ordinalExtractor: BaseNumberExtractor = new GermanOrdinalExtractor();
  integerExtractor: BaseNumberExtractor = new GermanIntegerExtractor();
  numberParser: BaseNumberParser = new GermanNumberParser();
  durationExtractor: IDateTimeExtractor = new BaseDurationExtractor(new GermanDurationExtractorConfiguration());
  utilityConfiguration: IDateTimeUtilityConfiguration = new GermanDateTimeUtilityConfiguration();
  rangeConnectorSymbolRegex = rx(G.RANGE_CONNECTOR_SYMBOL);
}

export class GermanDateParserConfiguration implements IDateParserConfiguration {
  ordinalExtractor: BaseNumberExtractor;
  integerExtractor: BaseNumberExtractor;
  cardinalExtractor: BaseNumberExtractor;
  durationExtractor: IDateTimeExtractor;
  durationParser: IDateTimeParser;
  numberParser: BaseNumberParser;
  monthOfYear: ReadonlyMap<string, number>;
  dayOfMonth: ReadonlyMap<string, number>;
  dayOfWeek: ReadonlyMap<string, number>;
  unitMap: ReadonlyMap<string, string>;
  cardinalMap: ReadonlyMap<string, number>;
  dateRegex = G.DATE_REGEXES.map((s) => rx(s));
  onRegex = rx(G.ON_REGEX);
  specialDayRegex = rx(G.SPECIAL_DAY_PARSE);
  specialDayWithNumRegex = NEVER;
  nextRegex = rx(G.NEXT_WEEKDAY);
  unitRegex = rx(G.DATE_UNIT);
  monthRegex = rx(G.MONTH);
  weekDayRegex = rx(G.WEEKDAY);
  lastRegex = rx(G.LAST_WEEKDAY);
  thisRegex = rx(G.THIS_WEEKDAY);
  weekDayOfMonthRegex = rx(G.WEEKDAY_OF_MONTH);
  forTheRegex = NEVER;
  weekDayAndDayOfMonthRegex = rx(G.WEEKDAY_AND_DAY_OF_MONTH);
  relativeMonthRegex = rx(G.RELATIVE_MONTH);
  strictRelativeRegex = rx(G.STRICT_RELATIVE);
  relativeWeekDayRegex = NEVER;
  utilityConfiguration: IDateTimeUtilityConfiguration;
  dateTokenPrefix = 'am ';
  constructor(config: GermanCommonDateTimeParserConfiguration) {
    this.ordinalExtractor = config.ordinalExtractor;
    this.integerExtractor = config.integerExtractor;
    this.cardinalExtractor = config.cardinalExtractor;
    this.durationExtractor = config.durationExtractor;
    this.durationParser = config.durationParser;
    this.numberParser = config.numberParser;
    this.monthOfYear = config.monthOfYear;
    this.dayOfMonth = config.dayOfMonth;
    this.dayOfWeek = config.dayOfWeek;
    this.unitMap = config.unitMap;
    this.cardinalMap = config.cardinalMap;
    this.utilityConfiguration = config.utilityConfiguration;
  }
  getSwiftDay(source: string): number {
    const t = trimLower(source);
    if (t === 'heute') return 0;
    if (t === 'morgen') return 1;
    if (/^(u|ue)bermorgen$/.test(t)) return 2;
    if (t === 'gestern') return -1;
    if (t === 'vorgestern') return -2;
    return swiftOf(t);
  }
  getSwiftMonthOrYear(source: string): number {
    return swiftOf(source);
  }
  isCardinalLast(source: string): boolean {
    return /^letzte/.test(trimLower(source));
  }
}

// ---------------------------------------------------------------------------------------------------
// Time

export class GermanTimeExtractorConfiguration implements ITimeExtractorConfiguration {
  timeRegexList = G.TIME_REGEXES.map((s) => rx(s));
  atRegex = rx(G.AT_REGEX);
  ishRegex = NEVER;
}

export class GermanTimeParserConfiguration implements ITimeParserConfiguration {
  timeTokenPrefix = 'um ';
  atRegex = rx(G.AT_REGEX);
  timeRegexes = G.TIME_REGEXES.map((s) => rx(s));
  numbers: ReadonlyMap<string, number>;
  utilityConfiguration: IDateTimeUtilityConfiguration;
  constructor(config: GermanCommonDateTimeParserConfiguration) {
    this.numbers = config.numbers;
    this.utilityConfiguration = config.utilityConfiguration;
  }
  /** "halb elf" = 10:30, "viertel nach neun" = 9:15, "dreiviertel 8" = 7:45, "viertel 8" = 7:15, "fünf vor neun" = 8:55. */
  adjustByPrefix(prefix: string, adjust: { hour: number; min: number; hasMin: boolean }): void {
    const p = trimLower(prefix).replace(/\s+/g, ' ');
    let delta = 0;
    if (p === 'halb') delta = -30;
    else if (p === 'viertel nach') delta = 15;
    else if (p === 'viertel vor' || p === 'dreiviertel' || p === 'drei viertel') delta = -15;
    else if (p === 'viertel') delta = -45;
    else {
      const m = /^(\S+)\s+(?:minuten?\s+)?(nach|vor)(\s+halb)?$/.exec(p);
      if (m) {
        const n = this.numbers.get(m[1]) ?? Number(m[1]);
        delta = m[2] === 'nach' ? n : -n;
        if (m[3]) delta -= 30;
      }
    }
    adjust.min += delta;
    while (adjust.min < 0) {
      adjust.min += 60;
      adjust.hour -= 1;
    }
    while (adjust.min >= 60) {
      adjust.min -= 60;
      adjust.hour += 1;
    }
    if (adjust.hour < 0) adjust.hour += 24;
    adjust.hasMin = true;
  }
  adjustBySuffix(suffix: string, adjust: { hour: number; min: number; hasMin: boolean; hasAm: boolean; hasPm: boolean }): void {
    const s = trimLower(suffix);
    if (/nacht/.test(s)) {
      if (adjust.hour <= 4 || adjust.hour === 12) {
        if (adjust.hour === 12) adjust.hour = 0;
        adjust.hasAm = true;
      } else {
        if (adjust.hour < 12) adjust.hour += 12;
        adjust.hasPm = true;
      }
    } else if (/abend/.test(s)) {
      if (adjust.hour === 12) {
        adjust.hour = 0;
        adjust.hasAm = true;
      } else {
        if (adjust.hour < 12) adjust.hour += 12;
        adjust.hasPm = true;
      }
    } else if (/nachmittag/.test(s)) {
      if (adjust.hour < 12) adjust.hour += 12;
      adjust.hasPm = true;
    } else if (/mittag/.test(s)) {
      if (adjust.hour < 6) adjust.hour += 12;
      if (adjust.hour >= 12) adjust.hasPm = true;
      else adjust.hasAm = true;
    } else if (/morgen|vormittag|fr(u|ue)h/.test(s)) {
      if (adjust.hour >= 12) adjust.hour -= 12;
      adjust.hasAm = true;
    }
    adjust.hour %= 24;
  }
}

// ---------------------------------------------------------------------------------------------------
// Time period

export class GermanTimePeriodExtractorConfiguration implements ITimePeriodExtractorConfiguration {
  simpleCasesRegex = [rx(G.PURE_NUM_FROM_TO), rx(G.PURE_NUM_BETWEEN_AND), rx(G.SPECIFIC_TIME_FROM_TO), rx(G.SPECIFIC_TIME_BETWEEN_AND)];
  tillRegex = rx(G.TILL);
  timeOfDayRegex = rx(G.TIME_OF_DAY_STANDALONE);
  generalEndingRegex = rx('^\\s*((\\.,)|\\.|,|!|\\?)?\\s*$');
  singleTimeExtractor: IDateTimeExtractor = new BaseTimeExtractor(new GermanTimeExtractorConfiguration());
  integerExtractor = new GermanIntegerExtractor();
  getFromTokenIndex(text: string): { matched: boolean; index: number } {
    const m = /\b(von|ab)\s*$/.exec(text);
    return m ? { matched: true, index: m.index } : { matched: false, index: -1 };
  }
  getBetweenTokenIndex(text: string): { matched: boolean; index: number } {
    const m = /\bzwischen\s*$/.exec(text);
    return m ? { matched: true, index: m.index } : { matched: false, index: -1 };
  }
  hasConnectorToken(text: string): boolean {
    return /^\s*und\s*$/.test(text);
  }
}

function timeOfDayRange(text: string): { timex: string; beginHour: number; endHour: number; endMin: number } | null {
  const t = trimLower(text);
  if (/mitternacht/.test(t)) return null;
  if (/nachmittag/.test(t)) return { timex: 'TAF', beginHour: 12, endHour: 16, endMin: 0 };
  if (/vormittagszeit/.test(t)) return null;
  if (/(morgen|vormittag|fr(u|ue)h)/.test(t)) return { timex: 'TMO', beginHour: 8, endHour: 12, endMin: 0 };
  if (/abend/.test(t)) return { timex: 'TEV', beginHour: 16, endHour: 20, endMin: 0 };
  if (/n(a|ae)?cht/.test(t)) return { timex: 'TNI', beginHour: 20, endHour: 23, endMin: 59 };
  return null;
}

export class GermanTimePeriodParserConfiguration implements ITimePeriodParserConfiguration {
  timeExtractor: IDateTimeExtractor;
  timeParser: BaseTimeParser;
  integerExtractor: BaseNumberExtractor;
  pureNumberFromToRegex = rx(G.PURE_NUM_FROM_TO);
  pureNumberBetweenAndRegex = rx(G.PURE_NUM_BETWEEN_AND);
  timeOfDayRegex = rx(G.TIME_OF_DAY_STANDALONE);
  tillRegex = rx(G.TILL);
  numbers: ReadonlyMap<string, number>;
  utilityConfiguration: IDateTimeUtilityConfiguration;
  specificTimeFromToRegex = rx(G.SPECIFIC_TIME_FROM_TO);
  specificTimeBetweenAndRegex = rx(G.SPECIFIC_TIME_BETWEEN_AND);
  constructor(config: GermanCommonDateTimeParserConfiguration) {
    this.timeExtractor = config.timeExtractor;
    this.timeParser = config.timeParser;
    this.integerExtractor = config.integerExtractor;
    this.numbers = config.numbers;
    this.utilityConfiguration = config.utilityConfiguration;
  }
  getMatchedTimexRange(text: string): { matched: boolean; timex: string; beginHour: number; endHour: number; endMin: number } {
    const r = timeOfDayRange(text);
    if (!r) return { matched: false, timex: '', beginHour: 0, endHour: 0, endMin: 0 };
    return { matched: true, ...r };
  }
}

// ---------------------------------------------------------------------------------------------------
// Date-time

export class GermanDateTimeExtractorConfiguration implements IDateTimeExtractorConfiguration {
  datePointExtractor: IDateTimeExtractor = new GermanDateExtractor(new GermanDateExtractorConfiguration());
  timePointExtractor: IDateTimeExtractor = new BaseTimeExtractor(new GermanTimeExtractorConfiguration());
  durationExtractor: IDateTimeExtractor = new BaseDurationExtractor(new GermanDurationExtractorConfiguration());
  suffixRegex = rx(
    '^\\s*(?:am\\s+|in\\s+der\\s+)?(?:morgens|vormittags|nachmittags|abends|nachts|morgen|vormittag|nachmittag|abend|nacht)\\b',
  );
  nowRegex = rx(G.NOW);
  timeOfTodayAfterRegex = rx(G.TIME_OF_TODAY_AFTER);
  simpleTimeOfTodayAfterRegex = rx(G.SIMPLE_TIME_OF_TODAY_AFTER);
  nightRegex = rx(G.TIME_OF_DAY);
  timeOfTodayBeforeRegex = rx(G.TIME_OF_TODAY_BEFORE);
  simpleTimeOfTodayBeforeRegex = rx(G.SIMPLE_TIME_OF_TODAY_BEFORE);
  specificEndOfRegex = rx(G.SPECIFIC_END_OF);
  unspecificEndOfRegex = rx(G.UNSPECIFIC_END_OF);
  unitRegex = rx(G.TIME_UNIT);
  prepositionRegex = rx(G.PREPOSITION);
  connectorRegex = rx(G.CONNECTOR);
  utilityConfiguration: IDateTimeUtilityConfiguration = new GermanDateTimeUtilityConfiguration();
  isConnectorToken(source: string): boolean {
    const s = source.trim();
    return (
      s === '' ||
      RegExpUtility.getMatches(this.connectorRegex, s).length > 0 ||
      RegExpUtility.getMatches(this.prepositionRegex, s).length > 0
    );
  }
}

export class GermanDateTimeParserConfiguration implements IDateTimeParserConfiguration {
  tokenBeforeDate = 'am ';
  tokenBeforeTime = 'um ';
  dateExtractor: IDateTimeExtractor;
  timeExtractor: IDateTimeExtractor;
  dateParser: IDateTimeParser;
  timeParser: IDateTimeParser;
  cardinalExtractor: BaseNumberExtractor;
  numberParser: BaseNumberParser;
  durationExtractor: IDateTimeExtractor;
  durationParser: IDateTimeParser;
  nowRegex = rx(G.NOW);
  /** A morning word besides the time; a bare "morgen" is tomorrow unless it follows a day ("heute Morgen"). */
  amTimeRegex = rx('\\b(?<am>morgens|vormittags?|fr(?:u|ue)h(?:morgens)?|(?<=\\b(?:heute|gestern|diese[nm]?|am)\\s+)morgen)\\b');
  pmTimeRegex = rx('\\b(?<pm>nachmittags?|abends?|nachts?)\\b');
  simpleTimeOfTodayAfterRegex = rx(G.SIMPLE_TIME_OF_TODAY_AFTER);
  simpleTimeOfTodayBeforeRegex = rx(G.SIMPLE_TIME_OF_TODAY_BEFORE);
  specificTimeOfDayRegex = rx(G.SPECIFIC_TIME_OF_DAY_DT);
  specificEndOfRegex = rx(G.SPECIFIC_END_OF);
  unspecificEndOfRegex = rx(G.UNSPECIFIC_END_OF);
  unitRegex = rx(G.TIME_UNIT);
  unitMap: ReadonlyMap<string, string>;
  numbers: ReadonlyMap<string, number>;
  utilityConfiguration: IDateTimeUtilityConfiguration;
  constructor(config: GermanCommonDateTimeParserConfiguration) {
    this.dateExtractor = config.dateExtractor;
    this.timeExtractor = config.timeExtractor;
    this.dateParser = config.dateParser;
    this.timeParser = config.timeParser;
    this.cardinalExtractor = config.cardinalExtractor;
    this.numberParser = config.numberParser;
    this.durationExtractor = config.durationExtractor;
    this.durationParser = config.durationParser;
    this.unitMap = config.unitMap;
    this.numbers = config.numbers;
    this.utilityConfiguration = config.utilityConfiguration;
  }
  haveAmbiguousToken(): boolean {
    return false;
  }
  getMatchedNowTimex(text: string): { matched: boolean; timex: string } {
    const t = trimLower(text);
    if (/^(jetzt|gerade|sofort|momentan|aktuelle[nrsm]?|im moment|zurzeit|derzeit)$/.test(t))
      return { matched: true, timex: 'PRESENT_REF' };
    if (/^(k(u|ue)rzlich|vorhin)$/.test(t)) return { matched: true, timex: 'PAST_REF' };
    if (new RegExp(`^(?:${G.ASAP_WORDS}|demn(?:a|ae)chst)$`).test(t.replace(/\s+/g, ' '))) return { matched: true, timex: 'FUTURE_REF' };
    return { matched: false, timex: '' };
  }
  getSwiftDay(text: string): number {
    return swiftOf(text);
  }
  getHour(text: string, hour: number): number {
    const t = trimLower(text);
    if (/(morgen|vormittag|fr(u|ue)h)$/.test(t) && hour >= 12) return hour - 12;
    if (/(nachmittag|abend)$/.test(t) && hour < 12) return hour + 12;
    if (/nacht$/.test(t) && hour < 12 && hour >= 6) return hour + 12;
    return hour;
  }
}

// ---------------------------------------------------------------------------------------------------
// Date period

export class GermanDatePeriodExtractorConfiguration implements IDatePeriodExtractorConfiguration {
  simpleCasesRegexes = [
    rx(G.SIMPLE_CASES),
    rx(G.BETWEEN),
    rx(G.ONE_WORD_PERIOD),
    rx(G.MONTH_WITH_YEAR),
    rx(G.MONTH_NUM_WITH_YEAR),
    rx(G.YEAR_ONLY),
    rx(G.WEEK_OF_MONTH),
    rx(G.WEEK_OF_YEAR),
    rx(G.MONTH_FRONT_BETWEEN),
    rx(G.MONTH_FRONT_SIMPLE_CASES),
    rx(G.QUARTER),
    rx(G.SEASON),
    rx(G.WHICH_WEEK),
    rx(G.REST_OF_DATE),
    rx(G.LATER_EARLY_PERIOD),
    rx(G.WEEK_WITH_WEEKDAY_RANGE),
    rx(BETWEEN_THE_YEARS),
  ];
  illegalYearRegex = rx(`([-])(${G.YEAR_REGEX})([-])`);
  YearRegex = rx(G.YEAR_REGEX);
  tillRegex = rx(G.TILL);
  followedUnit = rx(`^\\s*${G.DATE_UNIT}`);
  numberCombinedWithUnit = rx(`\\b(?<num>\\d+(?:[.,]\\d*)?)${G.DATE_UNIT}`);
  pastRegex = rx(`\\b${G.PREVIOUS_PREFIX}\\b`);
  futureRegex = rx(`\\b${G.NEXT_PREFIX}\\b`);
  weekOfRegex = rx('(?:die\\s+)?woche\\s+(?:vom|ab\\s+dem|ab)');
  monthOfRegex = rx('(?:der\\s+)?monat\\s+(?:vom|des)');
  dateUnitRegex = rx(G.DATE_UNIT);
  inConnectorRegex = rx(G.IN_CONNECTOR);
  rangeUnitRegex = rx(G.RANGE_UNIT);
  nowRegex = rx(G.NOW);
  datePointExtractor: IDateTimeExtractor = new GermanDateExtractor(new GermanDateExtractorConfiguration());
  integerExtractor: BaseNumberExtractor = new GermanIntegerExtractor();
  numberParser: BaseNumberParser = new GermanNumberParser();
  durationExtractor: IDateTimeExtractor = new BaseDurationExtractor(new GermanDurationExtractorConfiguration());
  rangeConnectorRegex = rx(G.RANGE_CONNECTOR);
  getFromTokenIndex(source: string): { matched: boolean; index: number } {
    const m = /\b(von|vom|ab)\s*$/.exec(source);
    return m ? { matched: true, index: m.index } : { matched: false, index: -1 };
  }
  getBetweenTokenIndex(source: string): { matched: boolean; index: number } {
    const m = /\bzwischen(\s+de[mn])?\s*$/.exec(source);
    return m ? { matched: true, index: m.index } : { matched: false, index: -1 };
  }
  hasConnectorToken(source: string): boolean {
    const m = RegExpUtility.getMatches(this.rangeConnectorRegex, source).pop();
    return !!m && m.length === source.length;
  }
}

export class GermanDatePeriodParserConfiguration implements IDatePeriodParserConfiguration {
  dateExtractor: IDateTimeExtractor;
  dateParser: BaseDateParser;
  durationExtractor: IDateTimeExtractor;
  durationParser: BaseDurationParser;
  integerExtractor: BaseNumberExtractor;
  numberParser: BaseNumberParser;
  monthFrontBetweenRegex = rx(G.MONTH_FRONT_BETWEEN);
  betweenRegex = rx(G.BETWEEN);
  monthFrontSimpleCasesRegex = rx(G.MONTH_FRONT_SIMPLE_CASES);
  simpleCasesRegex = rx(G.SIMPLE_CASES);
  oneWordPeriodRegex = rx(G.ONE_WORD_PERIOD);
  monthWithYear = rx(G.MONTH_WITH_YEAR);
  monthNumWithYear = rx(G.MONTH_NUM_WITH_YEAR);
  yearRegex = rx(G.PERIOD_YEAR);
  relativeRegex = rx(G.RELATIVE);
  pastRegex = rx(`\\b${G.PREVIOUS_PREFIX}\\b`);
  futureRegex = rx(`\\b${G.NEXT_PREFIX}\\b`);
  inConnectorRegex = rx(G.IN_CONNECTOR);
  weekOfMonthRegex = rx(G.WEEK_OF_MONTH);
  weekOfYearRegex = rx(G.WEEK_OF_YEAR);
  quarterRegex = rx(G.QUARTER);
  quarterRegexYearFront = NEVER;
  allHalfYearRegex = NEVER;
  seasonRegex = rx(G.SEASON);
  weekOfRegex = rx('(?:die\\s+)?woche\\s+(?:vom|ab\\s+dem|ab)');
  monthOfRegex = rx('(?:der\\s+)?monat\\s+(?:vom|des)');
  whichWeekRegex = rx(G.WHICH_WEEK);
  restOfDateRegex = rx(G.REST_OF_DATE);
  laterEarlyPeriodRegex = rx(G.LATER_EARLY_PERIOD);
  weekWithWeekDayRangeRegex = rx(G.WEEK_WITH_WEEKDAY_RANGE);
  unspecificEndOfRangeRegex = NEVER;
  nowRegex = rx(G.NOW);
  tokenBeforeDate = 'am ';
  dayOfMonth: ReadonlyMap<string, number>;
  monthOfYear: ReadonlyMap<string, number>;
  cardinalMap: ReadonlyMap<string, number>;
  seasonMap: ReadonlyMap<string, string>;
  unitMap: ReadonlyMap<string, string>;
  constructor(config: GermanCommonDateTimeParserConfiguration) {
    this.dateExtractor = config.dateExtractor;
    this.dateParser = config.dateParser;
    this.durationExtractor = config.durationExtractor;
    this.durationParser = config.durationParser;
    this.integerExtractor = config.integerExtractor;
    this.numberParser = config.numberParser;
    this.dayOfMonth = config.dayOfMonth;
    this.monthOfYear = config.monthOfYear;
    this.cardinalMap = config.cardinalMap;
    this.seasonMap = config.seasonMap;
    this.unitMap = config.unitMap;
  }
  getSwiftDayOrMonth(source: string): number {
    return swiftOf(source);
  }
  getSwiftYear(source: string): number {
    const t = trimLower(source);
    const s = swiftOf(t);
    if (s !== 0) return s;
    if (/\b(diese[nrsm]?|de[mnr]|das|des|aktuelle[nrsm]?)\b/.test(t)) return 0;
    return -10;
  }
  /**
   * The base parser asks this only of a relative month in a day range ("nächsten Monat vom 4. bis zum
   * 23."): true means the month, and so its year, is fixed by the reference date. Any relative word
   * (dieser, nächster, kommender, letzter, …) fixes it.
   */
  isFuture(source: string): boolean {
    return new RegExp(`^(?:des\\s+)?${G.RELATIVE}\\b`).test(trimLower(source));
  }
  isYearToDate(source: string): boolean {
    return /^(bisher\s+in\s+diesem\s+jahr|seit\s+jahresbeginn)$/.test(trimLower(source));
  }
  isMonthToDate(source: string): boolean {
    return /^seit\s+monatsbeginn$/.test(trimLower(source));
  }
  isWeekOnly(source: string): boolean {
    return /(woche|arbeitswoche|werktags)$/.test(trimLower(source));
  }
  isWeekend(source: string): boolean {
    return /wochenende$/.test(trimLower(source));
  }
  isMonthOnly(source: string): boolean {
    return /monats?$/.test(trimLower(source));
  }
  isYearOnly(source: string): boolean {
    return /jahr(es)?$/.test(trimLower(source));
  }
  isLastCardinal(source: string): boolean {
    return /^letzte/.test(trimLower(source));
  }
}

// ---------------------------------------------------------------------------------------------------
// Date-time period

export class GermanDateTimePeriodExtractorConfiguration implements IDateTimePeriodExtractorConfiguration {
  cardinalExtractor: BaseNumberExtractor = new GermanCardinalExtractor();
  singleDateExtractor: IDateTimeExtractor = new GermanDateExtractor(new GermanDateExtractorConfiguration());
  singleTimeExtractor: IDateTimeExtractor = new BaseTimeExtractor(new GermanTimeExtractorConfiguration());
  singleDateTimeExtractor: IDateTimeExtractor = new GermanDateTimeExtractor(new GermanDateTimeExtractorConfiguration());
  durationExtractor: IDateTimeExtractor = new BaseDurationExtractor(new GermanDurationExtractorConfiguration());
  timePeriodExtractor: IDateTimeExtractor = new BaseTimePeriodExtractor(new GermanTimePeriodExtractorConfiguration());
  simpleCasesRegexes = [rx(G.PURE_NUM_FROM_TO), rx(G.PURE_NUM_BETWEEN_AND)];
  prepositionRegex = rx(G.PREPOSITION);
  tillRegex = rx(G.TILL);
  specificTimeOfDayRegex = rx(G.PERIOD_SPECIFIC_TIME_OF_DAY);
  timeOfDayRegex = rx(G.PERIOD_TIME_OF_DAY);
  periodTimeOfDayWithDateRegex = rx(G.PERIOD_TIME_OF_DAY_WITH_DATE);
  followedUnit = rx(`^\\s*${G.TIME_UNIT}`);
  numberCombinedWithUnit = rx(`\\b(?<num>\\d+(?:[.,]\\d*)?)\\s*${G.TIME_UNIT}`);
  timeUnitRegex = rx(G.TIME_UNIT);
  previousPrefixRegex = rx(`\\b${G.PREVIOUS_PREFIX}\\b`);
  nextPrefixRegex = rx(`\\b${G.NEXT_PREFIX}\\b`);
  relativeTimeUnitRegex = rx(G.RELATIVE_TIME_UNIT);
  restOfDateTimeRegex = rx(G.REST_OF_DATE_TIME);
  generalEndingRegex = rx('^\\s*((\\.,)|\\.|,|!|\\?)?\\s*$');
  middlePauseRegex = rx('\\s*(,)\\s*');
  rangeConnectorRegex = rx(G.RANGE_CONNECTOR);
  getFromTokenIndex(source: string): { matched: boolean; index: number } {
    const m = /\b(von|vom|ab)\s*$/.exec(source);
    return m ? { matched: true, index: m.index } : { matched: false, index: -1 };
  }
  getBetweenTokenIndex(source: string): { matched: boolean; index: number } {
    const m = /\bzwischen\s*$/.exec(source);
    return m ? { matched: true, index: m.index } : { matched: false, index: -1 };
  }
  hasConnectorToken(source: string): boolean {
    const m = RegExpUtility.getMatches(this.rangeConnectorRegex, source).pop();
    return !!m && m.length === source.length;
  }
}

export class GermanDateTimePeriodParserConfiguration implements IDateTimePeriodParserConfiguration {
  pureNumberFromToRegex = rx(G.PURE_NUM_FROM_TO);
  pureNumberBetweenAndRegex = rx(G.PURE_NUM_BETWEEN_AND);
  periodTimeOfDayWithDateRegex = rx(G.PERIOD_TIME_OF_DAY_WITH_DATE);
  specificTimeOfDayRegex = rx(G.PERIOD_SPECIFIC_TIME_OF_DAY);
  pastRegex = rx(`\\b${G.PREVIOUS_PREFIX}\\b`);
  futureRegex = rx(`\\b${G.NEXT_PREFIX}\\b`);
  relativeTimeUnitRegex = rx(G.RELATIVE_TIME_UNIT);
  restOfDateTimeRegex = rx(G.REST_OF_DATE_TIME);
  numbers: ReadonlyMap<string, number>;
  unitMap: ReadonlyMap<string, string>;
  dateExtractor: IDateTimeExtractor;
  timeExtractor: IDateTimeExtractor;
  dateTimeExtractor: IDateTimeExtractor;
  timePeriodExtractor: IDateTimeExtractor;
  durationExtractor: IDateTimeExtractor;
  dateParser: BaseDateParser;
  timeParser: BaseTimeParser;
  dateTimeParser: BaseDateTimeParser;
  timePeriodParser: IDateTimeParser;
  durationParser: BaseDurationParser;
  morningStartEndRegex = rx(G.MORNING_START_END);
  afternoonStartEndRegex = rx(G.AFTERNOON_START_END);
  eveningStartEndRegex = rx(G.EVENING_START_END);
  nightStartEndRegex = rx(G.NIGHT_START_END);
  constructor(config: GermanCommonDateTimeParserConfiguration) {
    this.numbers = config.numbers;
    this.unitMap = config.unitMap;
    this.dateExtractor = config.dateExtractor;
    this.timeExtractor = config.timeExtractor;
    this.dateTimeExtractor = config.dateTimeExtractor;
    this.timePeriodExtractor = config.timePeriodExtractor;
    this.durationExtractor = config.durationExtractor;
    this.dateParser = config.dateParser;
    this.timeParser = config.timeParser;
    this.dateTimeParser = config.dateTimeParser;
    this.timePeriodParser = config.timePeriodParser;
    this.durationParser = config.durationParser;
  }
  getMatchedTimeRange(source: string): { timeStr: string; beginHour: number; endHour: number; endMin: number; success: boolean } {
    const r = timeOfDayRange(source);
    if (!r) return { timeStr: '', beginHour: 0, endHour: 0, endMin: 0, success: false };
    return { timeStr: r.timex, beginHour: r.beginHour, endHour: r.endHour, endMin: r.endMin, success: true };
  }
  getSwiftPrefix(source: string): number {
    return swiftOf(source);
  }
}

// ---------------------------------------------------------------------------------------------------
// Set

export class GermanSetExtractorConfiguration implements ISetExtractorConfiguration {
  durationExtractor: IDateTimeExtractor = new BaseDurationExtractor(new GermanDurationExtractorConfiguration());
  timeExtractor: IDateTimeExtractor = new BaseTimeExtractor(new GermanTimeExtractorConfiguration());
  dateExtractor: IDateTimeExtractor = new GermanDateExtractor(new GermanDateExtractorConfiguration());
  dateTimeExtractor: IDateTimeExtractor = new GermanDateTimeExtractor(new GermanDateTimeExtractorConfiguration());
  datePeriodExtractor: IDateTimeExtractor = new BaseDatePeriodExtractor(new GermanDatePeriodExtractorConfiguration());
  timePeriodExtractor: IDateTimeExtractor = new BaseTimePeriodExtractor(new GermanTimePeriodExtractorConfiguration());
  dateTimePeriodExtractor: IDateTimeExtractor = new BaseDateTimePeriodExtractor(new GermanDateTimePeriodExtractorConfiguration());
  lastRegex = rx(G.SET_LAST);
  eachPrefixRegex = rx(G.EACH_PREFIX);
  periodicRegex = rx(G.PERIODIC);
  eachUnitRegex = rx(G.EACH_UNIT);
  eachDayRegex = rx(G.EACH_DAY);
  beforeEachDayRegex = NEVER;
  setWeekDayRegex = rx(G.SET_WEEKDAY);
  setEachRegex = rx(G.SET_EACH);
}

export class GermanSetParserConfiguration implements ISetParserConfiguration {
  durationExtractor: IDateTimeExtractor;
  durationParser: BaseDurationParser;
  timeExtractor: IDateTimeExtractor;
  timeParser: BaseTimeParser;
  dateExtractor: IDateTimeExtractor;
  dateParser: BaseDateParser;
  dateTimeExtractor: IDateTimeExtractor;
  dateTimeParser: BaseDateTimeParser;
  datePeriodExtractor: IDateTimeExtractor;
  datePeriodParser: BaseDatePeriodParser;
  timePeriodExtractor: IDateTimeExtractor;
  timePeriodParser: BaseTimePeriodParser;
  dateTimePeriodExtractor: IDateTimeExtractor;
  dateTimePeriodParser: BaseDateTimePeriodParser;
  unitMap: ReadonlyMap<string, string>;
  eachPrefixRegex = rx(G.EACH_PREFIX);
  periodicRegex = rx(G.PERIODIC);
  eachUnitRegex = rx(G.EACH_UNIT);
  eachDayRegex = rx(G.EACH_DAY);
  setWeekDayRegex = rx(G.SET_WEEKDAY);
  setEachRegex = rx(G.SET_EACH);
  constructor(config: GermanCommonDateTimeParserConfiguration) {
    this.durationExtractor = config.durationExtractor;
    this.durationParser = config.durationParser;
    this.timeExtractor = config.timeExtractor;
    this.timeParser = config.timeParser;
    this.dateExtractor = config.dateExtractor;
    this.dateParser = config.dateParser;
    this.dateTimeExtractor = config.dateTimeExtractor;
    this.dateTimeParser = config.dateTimeParser;
    this.datePeriodExtractor = config.datePeriodExtractor;
    this.datePeriodParser = config.datePeriodParser;
    this.timePeriodExtractor = config.timePeriodExtractor;
    this.timePeriodParser = config.timePeriodParser;
    this.dateTimePeriodExtractor = config.dateTimePeriodExtractor;
    this.dateTimePeriodParser = config.dateTimePeriodParser;
    this.unitMap = config.unitMap;
  }
  getMatchedDailyTimex(text: string): { matched: boolean; timex: string } {
    const t = trimLower(text);
    const map: [RegExp, string][] = [
      [/^t(a|ae)glich$/, 'P1D'],
      [/^w(o|oe)chentlich$/, 'P1W'],
      [/^monatlich$/, 'P1M'],
      [/^viertelj(a|ae)hrlich$/, 'P3M'],
      [/^halbj(a|ae)hrlich$/, 'P6M'],
      [/^j(a|ae)hrlich$/, 'P1Y'],
    ];
    const hit = map.find(([re]) => re.test(t));
    return hit ? { matched: true, timex: hit[1] } : { matched: false, timex: '' };
  }
  getMatchedUnitTimex(text: string): { matched: boolean; timex: string } {
    const t = trimLower(text);
    if (/^tage?n?$/.test(t)) return { matched: true, timex: 'P1D' };
    if (/^wochen?$/.test(t)) return { matched: true, timex: 'P1W' };
    if (/^monate?n?$/.test(t)) return { matched: true, timex: 'P1M' };
    if (/^jahre?n?$/.test(t)) return { matched: true, timex: 'P1Y' };
    return { matched: false, timex: '' };
  }
}

// ---------------------------------------------------------------------------------------------------
// Holidays

export class GermanHolidayExtractorConfiguration implements IHolidayExtractorConfiguration {
  holidayRegexes = [rx(G.HOLIDAY_REGEX)];
}

/** Gregorian Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(year, month - 1, day);
}

const fixed =
  (month: number, day: number) =>
  (year: number): Date =>
    new Date(year, month - 1, day);
const easter =
  (offset: number) =>
  (year: number): Date => {
    const e = easterSunday(year);
    return new Date(year, e.getMonth(), e.getDate() + offset);
  };
/** The Sunday before Advent (Ewigkeitssonntag) plus an offset in days. */
const beforeAdvent =
  (offset: number) =>
  (year: number): Date => {
    const christmas = new Date(year, 11, 25);
    const fourthAdvent = new Date(year, 11, 25 - (christmas.getDay() === 0 ? 7 : christmas.getDay()));
    return new Date(year, 11, fourthAdvent.getDate() - 28 + offset);
  };

export class GermanHolidayParserConfiguration extends BaseHolidayParserConfiguration {
  /**
   * Holidays without a fixed month and day (Easter-dependent, first Sunday of October, Sundays before
   * Advent): without a year their TIMEX is a bare "XXXX", as in the German specification, since no
   * XXXX-MM-DD describes them (GermanHolidayParser applies it).
   */
  readonly movableHolidays: ReadonlySet<string>;
  constructor() {
    super();
    this.holidayRegexList = [rx(G.HOLIDAY_REGEX)];
    this.holidayNames = G.HOLIDAY_NAMES;
    const funcs = new Map<string, (year: number) => Date>([
      ['neujahr', fixed(1, 1)],
      ['heiligedreikonige', fixed(1, 6)],
      ['valentinstag', fixed(2, 14)],
      ['weiberfastnacht', easter(-52)],
      ['fastnachtssamstag', easter(-50)],
      ['fastnachtssonntag', easter(-49)],
      ['rosenmontag', easter(-48)],
      ['fastnachtsdienstag', easter(-47)],
      ['aschermittwoch', easter(-46)],
      ['palmsonntag', easter(-7)],
      ['grundonnerstag', easter(-3)],
      ['karfreitag', easter(-2)],
      ['karsamstag', easter(-1)],
      ['ostersonntag', easter(0)],
      ['ostermontag', easter(1)],
      ['tagderarbeit', fixed(5, 1)],
      ['weltkindertag', fixed(6, 1)],
      ['christihimmelfahrt', easter(39)],
      ['pfingstsonntag', easter(49)],
      ['pfingstmontag', easter(50)],
      ['fronleichnam', easter(60)],
      ['johannistag', fixed(6, 24)],
      ['peterundpaul', fixed(6, 29)],
      ['augsburgerfriedensfest', fixed(8, 8)],
      ['mariahimmelfahrt', fixed(8, 15)],
      ['herbstanfang', fixed(9, 22)],
      ['tagderdeutscheneinheit', fixed(10, 3)],
      [
        'erntedankfest',
        (y) => {
          const d = new Date(y, 9, 1);
          return new Date(y, 9, 1 + ((7 - d.getDay()) % 7));
        },
      ],
      ['reformationstag', fixed(10, 31)],
      ['allerheiligen', fixed(11, 1)],
      ['martinstag', fixed(11, 11)],
      ['bussundbettag', beforeAdvent(-4)],
      ['volkstrauertag', beforeAdvent(-7)],
      ['ewigkeitssonntag', beforeAdvent(0)],
      ['barbaratag', fixed(12, 4)],
      ['nikolaustag', fixed(12, 6)],
      ['heiligabend', fixed(12, 24)],
      ['ersterweihnachtstag', fixed(12, 25)],
      ['zweiterweihnachtstag', fixed(12, 26)],
      ['silvester', fixed(12, 31)],
    ]);
    this.holidayFuncDictionary = funcs;
    this.movableHolidays = new Set([
      'weiberfastnacht',
      'fastnachtssamstag',
      'fastnachtssonntag',
      'rosenmontag',
      'fastnachtsdienstag',
      'aschermittwoch',
      'palmsonntag',
      'grundonnerstag',
      'karfreitag',
      'karsamstag',
      'ostersonntag',
      'ostermontag',
      'christihimmelfahrt',
      'pfingstsonntag',
      'pfingstmontag',
      'fronleichnam',
      'erntedankfest',
      'bussundbettag',
      'volkstrauertag',
      'ewigkeitssonntag',
    ]);
    this.variableHolidaysTimexDictionary = new Map();
  }
  getSwiftYear(text: string): number {
    const s = swiftOf(text);
    if (s !== 0) return s;
    return /\b(diese[nrsm]?)\b/.test(trimLower(text)) ? 0 : -10;
  }
  /** The key of holidayNames/holidayFuncDictionary that a holiday as written belongs to. */
  holidayKey(holiday: string): string | undefined {
    const token = this.sanitizeHolidayToken(holiday.toLowerCase());
    for (const [key, names] of this.holidayNames) if (names.includes(token)) return key;
    return undefined;
  }
  sanitizeHolidayToken(holiday: string): string {
    return holiday
      .replace(/[\s']/g, '')
      .replace(/ä/g, 'a')
      .replace(/ö/g, 'o')
      .replace(/ü/g, 'u')
      .replace(/ß/g, 's')
      .replace(/ae/g, 'a')
      .replace(/oe/g, 'o')
      .replace(/ue/g, 'u')
      .replace(/^heiligen/, 'heilige')
      .replace(/^(erste[rn]?)mai$/, 'erstermai');
  }
}

// ---------------------------------------------------------------------------------------------------
// Merged

export class GermanMergedExtractorConfiguration implements IMergedExtractorConfiguration {
  dateExtractor: IDateTimeExtractor = new GermanDateExtractor(new GermanDateExtractorConfiguration());
  timeExtractor: IDateTimeExtractor = new BaseTimeExtractor(new GermanTimeExtractorConfiguration());
  dateTimeExtractor: IDateTimeExtractor = new GermanDateTimeExtractor(new GermanDateTimeExtractorConfiguration());
  datePeriodExtractor: IDateTimeExtractor = new BaseDatePeriodExtractor(new GermanDatePeriodExtractorConfiguration());
  timePeriodExtractor: IDateTimeExtractor = new BaseTimePeriodExtractor(new GermanTimePeriodExtractorConfiguration());
  dateTimePeriodExtractor: IDateTimeExtractor = new BaseDateTimePeriodExtractor(new GermanDateTimePeriodExtractorConfiguration());
  holidayExtractor: IDateTimeExtractor = new BaseHolidayExtractor(new GermanHolidayExtractorConfiguration());
  durationExtractor: IDateTimeExtractor = new BaseDurationExtractor(new GermanDurationExtractorConfiguration());
  setExtractor: IDateTimeExtractor = new BaseSetExtractor(new GermanSetExtractorConfiguration());
  integerExtractor: BaseNumberExtractor = new GermanIntegerExtractor();
  afterRegex = rx(G.AFTER_REGEX);
  beforeRegex = rx(G.BEFORE_REGEX);
  sinceRegex = rx(G.SINCE_REGEX);
  fromToRegex = rx(G.FROM_TO);
  singleAmbiguousMonthRegex = rx('^(?:der\\s+)?(?:mai|marz)$');
  ambiguousRangeModifierPrefix = rx('\\b(?:von|ab)\\s*$');
  potentialAmbiguousRangeRegex = rx(G.FROM_TO);
  prepositionSuffixRegex = rx(G.PREPOSITION_SUFFIX);
  numberEndingPattern = NEVER;
  unspecificDatePeriodRegex = rx(G.UNSPECIFIC_DATE_PERIOD);
  filterWordRegexList: RegExp[] = [];
  AmbiguityFiltersDict = new Map<RegExp, RegExp>();
}

export class GermanMergedParserConfiguration implements IMergedParserConfiguration {
  beforeRegex = rx(G.BEFORE_REGEX);
  afterRegex = rx(G.AFTER_REGEX);
  sinceRegex = rx(G.SINCE_REGEX);
  dateParser: BaseDateParser;
  holidayParser: BaseHolidayParser = new GermanHolidayParser(new GermanHolidayParserConfiguration());
  timeParser: BaseTimeParser;
  dateTimeParser: BaseDateTimeParser;
  datePeriodParser: BaseDatePeriodParser;
  timePeriodParser: BaseTimePeriodParser;
  dateTimePeriodParser: BaseDateTimePeriodParser;
  durationParser: BaseDurationParser;
  setParser: BaseSetParser;
  constructor(config: GermanCommonDateTimeParserConfiguration) {
    this.dateParser = config.dateParser;
    this.timeParser = config.timeParser;
    this.dateTimeParser = config.dateTimeParser;
    this.datePeriodParser = config.datePeriodParser;
    this.timePeriodParser = config.timePeriodParser;
    this.dateTimePeriodParser = config.dateTimePeriodParser;
    this.durationParser = config.durationParser;
    this.setParser = new BaseSetParser(new GermanSetParserConfiguration(config));
  }
}
