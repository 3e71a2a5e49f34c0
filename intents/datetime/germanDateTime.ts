/**
 * German date/time vocabulary and patterns for @microsoft/recognizers-text-date-time's base
 * extractors and parsers. Written for this project (structure follows the package's configuration
 * interfaces; named groups are the ones the base classes read). Every pattern works on folded text
 * (text.ts: lowercase, ä→a, ö→o, ü→u, ß→s) and accepts the ae/oe/ue/ss spellings too.
 */

const U = (s: string): string => s.replace(/ue/g, '(?:u|ue)').replace(/oe/g, '(?:o|oe)').replace(/ae/g, '(?:a|ae)');

// ---------------------------------------------------------------------------------------------------
// Word lists

const NUMBER_WORDS_0_59: [string, number][] = [];
{
  const base: [string, number][] = [
    ['null', 0],
    ['eins', 1],
    ['ein', 1],
    ['eine', 1],
    ['zwei', 2],
    ['zwo', 2],
    ['drei', 3],
    ['vier', 4],
    ['funf', 5],
    ['fuenf', 5],
    ['sechs', 6],
    ['sieben', 7],
    ['acht', 8],
    ['neun', 9],
    ['zehn', 10],
    ['elf', 11],
    ['zwolf', 12],
    ['zwoelf', 12],
    ['dreizehn', 13],
    ['vierzehn', 14],
    ['funfzehn', 15],
    ['fuenfzehn', 15],
    ['sechzehn', 16],
    ['siebzehn', 17],
    ['achtzehn', 18],
    ['neunzehn', 19],
  ];
  NUMBER_WORDS_0_59.push(...base);
  const tens: [string, number][] = [
    ['zwanzig', 20],
    ['dreisig', 30],
    ['dreissig', 30],
    ['vierzig', 40],
    ['funfzig', 50],
    ['fuenfzig', 50],
  ];
  // "einundzwanzig", "zweiunddreißig": the units as they stand before "und" ("ein", not "eins", "eine" or "zwo").
  const units = base.filter(([w, v]) => v >= 1 && v <= 9 && w !== 'eins' && w !== 'eine' && w !== 'zwo');
  for (const [t, tv] of tens) {
    NUMBER_WORDS_0_59.push([t, tv]);
    for (const [u, uv] of units) NUMBER_WORDS_0_59.push([`${u}und${t}`, uv + tv]);
  }
}
/** Written numbers 0–59 (hours and minutes), and digits "0".."59". */
export const NUMBERS: ReadonlyMap<string, number> = new Map<string, number>([
  ...NUMBER_WORDS_0_59,
  ...Array.from({ length: 60 }, (_, i) => [String(i), i] as [string, number]),
  ...Array.from({ length: 10 }, (_, i) => [`0${i}`, i] as [string, number]),
]);

const byLength = (words: Iterable<string>): string => [...new Set(words)].sort((a, b) => b.length - a.length).join('|');

const HOUR_WORDS = byLength(NUMBER_WORDS_0_59.filter(([, v]) => v <= 24).map(([w]) => w));
const MINUTE_WORDS = byLength(NUMBER_WORDS_0_59.filter(([, v]) => v >= 1).map(([w]) => w));

const NAMED_MONTHS: [string, number][] = [
  ['januar', 1],
  ['jan', 1],
  ['janner', 1],
  ['jaenner', 1],
  ['februar', 2],
  ['feb', 2],
  ['febr', 2],
  ['marz', 3],
  ['maerz', 3],
  ['mar', 3],
  ['mrz', 3],
  ['april', 4],
  ['apr', 4],
  ['mai', 5],
  ['juni', 6],
  ['jun', 6],
  ['juli', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sept', 9],
  ['sep', 9],
  ['oktober', 10],
  ['okt', 10],
  ['november', 11],
  ['nov', 11],
  ['dezember', 12],
  ['dez', 12],
];
const ORDINAL_STEMS: Record<number, string[]> = {
  1: ['erst'],
  2: ['zweit'],
  3: ['dritt'],
  4: ['viert'],
  5: ['funft', 'fuenft'],
  6: ['sechst'],
  7: ['siebt', 'siebent'],
  8: ['acht'],
  9: ['neunt'],
  10: ['zehnt'],
  11: ['elft'],
  12: ['zwolft', 'zwoelft'],
  13: ['dreizehnt'],
  14: ['vierzehnt'],
  15: ['funfzehnt', 'fuenfzehnt'],
  16: ['sechzehnt'],
  17: ['siebzehnt'],
  18: ['achtzehnt'],
  19: ['neunzehnt'],
  20: ['zwanzigst'],
  30: ['dreisigst', 'dreissigst'],
};
const ORDINAL_ENDINGS = ['e', 'en', 'er', 'es', 'em'];
/** Months as ordinal words, as in "am siebten vierten" (7 April): erste … zwölfte in every ending. */
const ORDINAL_MONTH_WORDS: [string, number][] = [];
for (let n = 1; n <= 12; n++)
  for (const stem of ORDINAL_STEMS[n]) for (const end of ORDINAL_ENDINGS) ORDINAL_MONTH_WORDS.push([stem + end, n]);
const ORDINAL_MONTH = ORDINAL_MONTH_WORDS.map(([w]) => w)
  .sort((a, b) => b.length - a.length)
  .join('|');

export const MONTH_OF_YEAR: ReadonlyMap<string, number> = new Map<string, number>([
  ...NAMED_MONTHS,
  ...ORDINAL_MONTH_WORDS,
  ...Array.from({ length: 12 }, (_, i) => [String(i + 1), i + 1] as [string, number]),
  ...Array.from({ length: 9 }, (_, i) => [`0${i + 1}`, i + 1] as [string, number]),
  // a month number as an ordinal ("4." in "siebter 4.")
  ...Array.from({ length: 12 }, (_, i) => [`${i + 1}.`, i + 1] as [string, number]),
]);
const MONTH_NAMES = byLength(NAMED_MONTHS.map(([w]) => w));

/** Ordinal words 1–31 in every ending, for days of the month ("zweiten", "neunundzwanzigsten"). */
const ORDINAL_DAY_WORDS: [string, number][] = [];
{
  const stems: Record<number, string[]> = { ...ORDINAL_STEMS };
  const unitWords: Record<number, string[]> = {
    1: ['ein'],
    2: ['zwei'],
    3: ['drei'],
    4: ['vier'],
    5: ['funf', 'fuenf'],
    6: ['sechs'],
    7: ['sieben'],
    8: ['acht'],
    9: ['neun'],
  };
  for (let n = 21; n <= 31; n++) {
    if (n === 30) continue;
    const tens = n > 30 ? ['dreisig', 'dreissig'] : ['zwanzig'];
    stems[n] = unitWords[n % 10].flatMap((u) => tens.map((t) => `${u}und${t}st`));
  }
  for (const [n, list] of Object.entries(stems)) {
    for (const stem of list) for (const end of ORDINAL_ENDINGS) ORDINAL_DAY_WORDS.push([stem + end, Number(n)]);
  }
}
export const DAY_OF_MONTH: ReadonlyMap<string, number> = new Map<string, number>([
  ...Array.from({ length: 31 }, (_, i) => [String(i + 1), i + 1] as [string, number]),
  // German writes ordinal days with a dot ("23."), which some patterns keep inside the day group
  ...Array.from({ length: 31 }, (_, i) => [`${i + 1}.`, i + 1] as [string, number]),
  ...Array.from({ length: 9 }, (_, i) => [`0${i + 1}`, i + 1] as [string, number]),
  ...ORDINAL_DAY_WORDS,
]);
const ORDINAL_DAY = byLength(ORDINAL_DAY_WORDS.map(([w]) => w));

export const DAY_OF_WEEK: ReadonlyMap<string, number> = new Map<string, number>([
  ['montag', 1],
  ['dienstag', 2],
  ['mittwoch', 3],
  ['donnerstag', 4],
  ['freitag', 5],
  ['samstag', 6],
  ['sonnabend', 6],
  ['sonntag', 0],
  ['mo', 1],
  ['di', 2],
  ['mi', 3],
  ['do', 4],
  ['fr', 5],
  ['sa', 6],
  ['so', 0],
  // the package names days in English when it compares them (DayOfWeek enum)
  ['monday', 1],
  ['tuesday', 2],
  ['wednesday', 3],
  ['thursday', 4],
  ['friday', 5],
  ['saturday', 6],
  ['sunday', 0],
]);

/** Duration units → TIMEX unit. */
export const UNIT_MAP: ReadonlyMap<string, string> = new Map<string, string>([
  ['jahrzehnt', '10Y'],
  ['jahrzehnte', '10Y'],
  ['jahrzehnten', '10Y'],
  ['jahr', 'Y'],
  ['jahre', 'Y'],
  ['jahren', 'Y'],
  ['jahres', 'Y'],
  ['monat', 'MON'],
  ['monate', 'MON'],
  ['monaten', 'MON'],
  ['monats', 'MON'],
  ['quartal', '3MON'],
  ['quartale', '3MON'],
  ['woche', 'W'],
  ['wochen', 'W'],
  ['wochenende', 'WE'],
  ['wochenenden', 'WE'],
  ['tag', 'D'],
  ['tage', 'D'],
  ['tagen', 'D'],
  ['tages', 'D'],
  ['tg', 'D'],
  ['nacht', 'D'],
  ['nachte', 'D'],
  ['naechte', 'D'],
  ['stunde', 'H'],
  ['stunden', 'H'],
  ['std', 'H'],
  ['h', 'H'],
  ['minute', 'M'],
  ['minuten', 'M'],
  ['min', 'M'],
  ['sekunde', 'S'],
  ['sekunden', 'S'],
  ['sek', 'S'],
  ['s', 'S'],
  ['viertelstunde', 'H'],
  ['viertelstunden', 'H'],
  ['dreiviertelstunde', 'H'],
  ['dreiviertelstunden', 'H'],
  ['werktag', 'D'],
  ['werktage', 'D'],
  ['werktagen', 'D'],
]);
export const UNIT_VALUE_MAP: ReadonlyMap<string, number> = new Map<string, number>(
  [...UNIT_MAP.entries()].map(([k, v]) => {
    const seconds: Record<string, number> = {
      '10Y': 315360000,
      Y: 31536000,
      MON: 2592000,
      '3MON': 7776000,
      W: 604800,
      WE: 172800,
      D: 86400,
      H: 3600,
      M: 60,
      S: 1,
    };
    return [k, seconds[v] ?? 0] as [string, number];
  }),
);
export const SEASON_MAP: ReadonlyMap<string, string> = new Map([
  ['fruhling', 'SP'],
  ['fruehling', 'SP'],
  ['fruhjahr', 'SP'],
  ['sommer', 'SU'],
  ['herbst', 'FA'],
  ['winter', 'WI'],
]);
export const CARDINAL_MAP: ReadonlyMap<string, number> = new Map([
  ['erste', 1],
  ['ersten', 1],
  ['erster', 1],
  ['zweite', 2],
  ['zweiten', 2],
  ['dritte', 3],
  ['dritten', 3],
  ['vierte', 4],
  ['vierten', 4],
  ['funfte', 5],
  ['funften', 5],
  ['1.', 1],
  ['2.', 2],
  ['3.', 3],
  ['4.', 4],
  ['5.', 5],
]);
export const DOUBLE_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['halb', 0.5],
  ['halbe', 0.5],
  ['halben', 0.5],
  ['viertel', 0.25],
  ['anderthalb', 1.5],
  ['eineinhalb', 1.5],
  ['dreiviertel', 0.75],
]);

// ---------------------------------------------------------------------------------------------------
// Patterns (strings; compiled with RegExpUtility.getSafeRegExp, which allows repeated group names)

export const RANGE_CONNECTOR_SYMBOL = `(?:--|-|—|——|~|–)`;
export const TILL = `(?<till>\\b(?:bis(?:\\s+(?:zum|zur|um|einschlie(?:s|ss)lich))?)\\b|${RANGE_CONNECTOR_SYMBOL})`;
export const RANGE_CONNECTOR = `(?<and>\\b(?:und(?:\\s+(?:dem|der|den))?|bis(?:\\s+(?:zum|zur))?)\\b|${RANGE_CONNECTOR_SYMBOL})`;

export const NEXT_PREFIX = `(?:${U('naechst')}e[nrsm]?|kommende[nrsm]?|folgende[nrsm]?|${U('uebernaechst')}e[nrsm]?)`;
export const PREVIOUS_PREFIX = `(?:letzte[nrsm]?|vergangene[nrsm]?|vorige[nrsm]?|vorletzte[nrsm]?)`;
const THIS_PREFIX = `(?:diese[nrsm]?|de[mnr]|das|aktuelle[nrsm]?|laufende[nrsm]?)`;
export const RELATIVE = `(?<order>${NEXT_PREFIX}|${PREVIOUS_PREFIX}|${THIS_PREFIX})`;
export const STRICT_RELATIVE = `(?<order>${NEXT_PREFIX}|${PREVIOUS_PREFIX}|diese[nrsm]?)`;

const DAY = `(?<day>3[01]|[12]\\d|0?[1-9])`;
const MONTH_NUM = `(?<month>1[0-2]|0?[1-9])`;
export const MONTH = `(?<month>${MONTH_NAMES})(?![a-z])`;
const YEAR4 = `(?<year>(?:1[5-9]|20)\\d{2}|2100)`;
const YEAR = `(?<year>(?:1[5-9]|20)\\d{2}|2100|\\d{2})`;
const WEEKDAY_NAMES = `montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag`;
export const WEEKDAY = `\\b(?<weekday>${WEEKDAY_NAMES})\\b`;
const WEEKDAY_ABBR = `(?<weekday>${WEEKDAY_NAMES}|mo|di|mi|do|fr|sa|so)\\.?`;
/** A weekday that may start a date: "Donnerstag, den 7. ..." */
const DAY_PREFIX = `(?:${WEEKDAY_ABBR}\\s*,?\\s*(?:(?:den|der)\\s+)?)`;
/** What may stand right before a date that has no month name: "am", "den", "vom", "bis zum", … (not part of the match). */
const DATE_LEAD = `(?<=\\b(?:am|an|dem|den|der|vom|zum|ab|bis)\\s+)`;

export const DATE_REGEXES: string[] = [
  // 12. Januar 2016, 2. Mai, 28.Oktober, Donnerstag, den 7. April
  `\\b${DAY_PREFIX}?${DAY}\\.\\s*${MONTH}(?:\\s*,?\\s*${YEAR4})?\\b`,
  // zweiten Mai, neunundzwanzigsten Mai 2016
  `\\b${DAY_PREFIX}?(?<day>${ORDINAL_DAY})\\s+${MONTH}(?:\\s*,?\\s*${YEAR4})?\\b`,
  // 03.12.2026, 22.01.2016, 29/2/2019, 3-12-2026
  `\\b${DAY_PREFIX}?${DAY}\\s*(?<sep>[./-])\\s*${MONTH_NUM}\\s*[./-]\\s*${YEAR}(?![.,/-]?\\d)`,
  // 24.12., 28.10., 27. 11.
  `\\b${DAY_PREFIX}?${DAY}\\.\\s?${MONTH_NUM}\\.(?!\\d)`,
  // 29/2
  `\\b${DAY_PREFIX}?${DAY}/${MONTH_NUM}\\b(?![/.]\\d)`,
  // day and month both as ordinals, words or numbers with a dot: "siebten vierten", "7. vierter",
  // "Donnerstag, den 27. zwölften 2016"
  // Only after a weekday or a preposition/article ("am 7. vierter", not "7. vierter Platz").
  `\\b(?:${DAY_PREFIX}|${DATE_LEAD})(?:(?<day>${ORDINAL_DAY})\\s+|${DAY}\\.\\s*)(?<month>${ORDINAL_MONTH})\\b(?:\\s*,?\\s*${YEAR4}\\b)?`,
  // "siebter 4.", "dritter/11." (the month keeps its ordinal dot: the base extractor rejects mixed separators)
  `\\b(?:${DAY_PREFIX}|${DATE_LEAD})(?<day>${ORDINAL_DAY})\\s*(?:\\s|/)\\s*(?<month>(?:1[0-2]|0?[1-9])\\.)(?!\\d)`,
  // 2026-12-03
  `\\b${YEAR4}-(?<month>1[0-2]|0[1-9])-(?<day>3[01]|[12]\\d|0[1-9])\\b`,
  // 23/Sep/2020, 23-2020-September, Sep-23-2020, 2020/Sep/23
  `\\b${DAY}\\s*[/-]\\s*${MONTH}\\s*[/-]\\s*${YEAR4}\\b`,
  `\\b${MONTH}\\s*[/-]\\s*${DAY}\\s*[/-]\\s*${YEAR4}\\b`,
  // September-2020-23., 2020/23/Sep
  // (the day keeps its ordinal dot: the base extractor rejects mixed separators around a year)
  `\\b${MONTH}\\s*[/-]\\s*${YEAR4}\\s*[/-]\\s*(?<day>(?:3[01]|[12]\\d|0?[1-9])\\.?)(?!\\d)`,
  `\\b${YEAR4}\\s*[/-]\\s*${DAY}\\s*[/-]\\s*${MONTH}\\b`,
  `\\b${YEAR4}\\s*[/-]\\s*${MONTH}\\s*[/-]\\s*${DAY}\\b`,
  `\\b${DAY}\\s*[/-]\\s*${YEAR4}\\s*[/-]\\s*${MONTH}\\b`,
];

const MORGEN_NOT_TOMORROW = `(?<!\\b(?:guten|am|dem|den|jeden|diesen|dieser|heute|gestern|morgen|${WEEKDAY_NAMES})\\s+)`;
/** "morgen" as tomorrow, also before a part of the day ("morgen früh", "morgen Abend"); not "morgens", not "heute Morgen". */
export const SPECIAL_DAY = `\\b(?:vorgestern|${U('uebermorgen')}|${MORGEN_NOT_TOMORROW}morgen(?!s|\\s+morgen\\b)|heute|gestern)\\b`;
export const SPECIAL_DAY_PARSE = `\\b(?:vorgestern|${U('uebermorgen')}|morgen|heute|gestern)\\b`;
/** A weekday, also at the start of a compound with a time of day ("montagnachmittag", "samstagfrüh"). */
const WEEKDAY_IN_COMPOUND = `(?<weekday>${WEEKDAY_NAMES})(?!s\\b)(?=\\b|(?:fr(?:u|ue)h|sp(?:a|ae)t)?(?:morgens?|vormittags?|mittags?|nachmittags?|abends?|nachts?)\\b|fr(?:u|ue)h\\b)`;
export const SINGLE_WEEKDAY = `\\b${WEEKDAY_IN_COMPOUND}`;
/** Between a relative week and its weekday: "nächste Woche Donnerstag", "übernächste Woche am Dienstag", "diese Woche noch am Freitag". */
const WEEK_THEN_DAY = `woche\\s*,?\\s+(?:(?:noch|dann|gleich)\\s+)?(?:(?:am|den)\\s+)?`;
export const NEXT_WEEKDAY = `\\b(?:${NEXT_PREFIX}\\s+(?:${WEEK_THEN_DAY})?${WEEKDAY_IN_COMPOUND}|${WEEKDAY}\\s+(?:der\\s+)?${NEXT_PREFIX}\\s+woche(?:\\b|(?=[a-z])))`;
export const LAST_WEEKDAY = `\\b(?:${PREVIOUS_PREFIX}\\s+(?:${WEEK_THEN_DAY})?${WEEKDAY_IN_COMPOUND}|${WEEKDAY}\\s+(?:der\\s+)?${PREVIOUS_PREFIX}\\s+woche(?:\\b|(?=[a-z])))`;
export const THIS_WEEKDAY = `\\b(?:diese[nrsm]?\\s+(?:${WEEK_THEN_DAY})?${WEEKDAY_IN_COMPOUND}|${WEEKDAY}\\s+(?:dieser|diese)\\s+woche(?:\\b|(?=[a-z])))`;
export const ON_REGEX = `(?<=\\bam\\s+)(?<day>3[01]|[12]\\d|0?[1-9])\\.(?!\\s*\\d|\\s*(?:${MONTH_NAMES}))`;
export const MONTH_END = `${MONTH}\\s*$`;
export const OF_MONTH = `^\\s*(?:des\\s+|im\\s+)?${MONTH}`;
export const RELATIVE_MONTH = `(?<relmonth>(?:des\\s+)?${RELATIVE}\\s+monats?)\\b`;
export const WEEKDAY_OF_MONTH = `(?<wom>(?:de[rnm]\\s+)?(?<cardinal>erste[nrsm]?|zweite[nrsm]?|dritte[nrsm]?|vierte[nrsm]?|f${U('ue')}nfte[nrsm]?|letzte[nrsm]?|[1-5]\\.)\\s+${WEEKDAY}\\s+(?:im\\s+)?${MONTH})`;

// Durations
const DURATION_UNIT = `(?<unit>jahrzehnte?n?|jahre?n?|jahres|monate?n?|monats|quartale?|wochenenden?|wochen?|werktage?n?|tage?n?|tages|tg|n${U('ae')}chte?|nacht|viertelstunden?|dreiviertelstunden?|stunden?|std|minuten?|min|sekunden?|sek|h)\\b`;
export const DATE_UNIT = `(?<unit>jahrzehnte?n?|jahre?n?|jahres|monate?n?|monats|wochen?|wochenenden?|tage?n?|tg)\\b`;
export const TIME_UNIT = `(?<unit>stunden?|std|minuten?|min|sekunden?|sek|h)\\b`;
export const NUMBER_COMBINED_WITH_DURATION_UNIT = `\\b(?<num>\\d+(?:[.,]\\d*)?)(?:-)?${DURATION_UNIT}`;
export const DURATION_FOLLOWED_UNIT = `^\\s*${DURATION_UNIT}`;
export const AN_UNIT = `\\b(?:(?<half>(?:eine[nrsm]?\\s+)?halbe[nrsm]?)|eine[nrsm]?|ein)\\s+${DURATION_UNIT}`;
export const ALL_REGEX = `\\b(?<all>(?:den\\s+|die\\s+|das\\s+)?(?:ganze[nrsm]?|gesamte[nrsm]?)\\s+(?<unit>jahr|monat|woche|tag))\\b`;
export const HALF_REGEX = `\\b(?<half>(?:ein(?:e[nrsm]?)?\\s+)?halbe[nrsm]?\\s+(?<unit>jahr|monat|woche|tag|stunde))\\b`;
export const INEXACT_NUMBER_UNIT = `\\b(?:einige[nrm]?|ein\\s+paar|mehrere[nrm]?)\\s+${DURATION_UNIT}`;
export const SUFFIX_AND = `(?<suffix>\\s*und\\s+(?:eine[nrsm]?\\s+)?(?<suffix_num>halbe?|viertel))`;

// Times
const HOUR = `(?<hour>2[0-4]|[01]?\\d)`;
const MIN = `(?<min>[0-5]\\d)`;
const SEC = `(?<sec>[0-5]\\d)`;
const HOUR_NUM = `(?<hournum>${HOUR_WORDS})`;
const MIN_NUM = `(?<minnum>${MINUTE_WORDS})`;
const HOUR_ANY = `(?:${HOUR}|${HOUR_NUM})`;
const AM_WORDS = `(?:fr${U('ue')}h(?:\\s+am\\s+)?morgens?|morgens|vormittags?|fr${U('ue')}h|in\\s+der\\s+fr${U('ue')}h|am\\s+morgen|am\\s+vormittag|des\\s+morgens)`;
const PM_WORDS = `(?:nachmittags?|sp${U('ae')}tnachmittags|abends?|sp${U('ae')}tabends?|nachts|mitternachts|mittags|am\\s+nachmittag|am\\s+abend|in\\s+der\\s+nacht|des\\s+abends|des\\s+nachts)`;
const TIME_SUFFIX = `(?<suffix>(?<am>${AM_WORDS})|(?<pm>${PM_WORDS}))`;
export const AM_DESC = `(?:\\b(?:fr${U('ue')}h|morgens|vormittags?|morgen)\\b|\\bam\\b|a\\.m\\.)`;
export const PM_DESC = `(?:\\b(?:nachmittags?|abends?|nachts?|mittags?)\\b|\\bpm\\b|p\\.m\\.)`;
const PREFIX = `(?<prefix>halb|viertel\\s+nach|viertel\\s+vor|dreiviertel|drei\\s+viertel|viertel|(?:[1-5]?\\d|${MINUTE_WORDS})\\s+(?:minuten?\\s+)?(?:nach|vor)(?:\\s+halb)?)`;
const MID = `(?<mid>(?<midnight>mitternachts?)|(?<midday>mittags?zeit|mittag(?!s?\\s+um)))`;

export const TIME_REGEXES: string[] = [
  // 9:45, 8:00:31, 11:00 uhr, 7:56:30 abends
  `(?<!\\d[.,:])\\b${HOUR}\\s*:\\s*${MIN}(?:\\s*:\\s*${SEC})?(?:\\s*uhr)?(?:\\s+${TIME_SUFFIX})?(?![\\d:])`,
  // 18.12 uhr
  `(?<![\\d.])\\b${HOUR}\\.${MIN}\\s*uhr(?:\\s+${TIME_SUFFIX})?\\b`,
  // 9 uhr, 17 uhr 30, 18 uhr und 12, zehn uhr, zehn uhr dreißig, 3 uhr nachmittags
  `(?<![\\d.,:])\\b${HOUR_ANY}\\s*uhr(?:\\s+(?:und\\s+)?(?:(?<min>[0-5]?\\d)(?![\\d.:])|${MIN_NUM}))?(?:\\s+${TIME_SUFFIX})?\\b`,
  // halb elf, viertel nach neun, dreiviertel 8, fünf nach neun
  `\\b${PREFIX}\\s+${HOUR_ANY}(?:\\s+uhr)?(?:\\s+${TIME_SUFFIX})?\\b(?![.,:]\\d)`,
  // morgens um 7 uhr, abends um 8, frühmorgens um 8:00, also after a weekday ("mittwochfrühmorgens um 8:00")
  `(?:\\b|(?<=(?:tag|mittwoch|sonnabend)))${TIME_SUFFIX}\\s+(?:(?:um|gegen)\\s+)?(?:${HOUR}(?:\\s*:\\s*${MIN})?|${HOUR_NUM})(?:\\s*uhr)?\\b(?![.,:]\\d)`,
  // 12 nachts, 12 abends
  `(?<![\\d.,:])\\b${HOUR_ANY}\\s+${TIME_SUFFIX}\\b`,
  // mitternacht, mittagszeit
  `\\b${MID}\\b`,
];
export const AT_REGEX = `\\b(?:(?<=\\b(?:um|gegen)\\s+)(?:${HOUR}|${HOUR_NUM})(?!\\s*[.,:/%]?\\d|\\s*%|\\s*(?:${MONTH_NAMES}))|${MID})\\b`;

/** "Dienstag, der 25.": a weekday and a day of the month that name the same date in the reference month. */
export const WEEKDAY_AND_DAY_OF_MONTH = `\\b(?<weekday>${WEEKDAY_NAMES})\\s*,?\\s*(?:(?:der|den)\\s+)?(?<DayOfMonth>3[01]|[12]\\d|0?[1-9])(?=\\.|\\s*$)`;

// Time periods
const PERIOD_HOUR = `(?<hour>2[0-4]|[01]?\\d|${HOUR_WORDS})`;
export const PURE_NUM_FROM_TO = `\\b(?:(?:von|ab)\\s+)?${PERIOD_HOUR}(?:\\s*uhr)?(?<leftDesc>\\s+${TIME_SUFFIX})?\\s*(?:bis(?:\\s+um)?|${RANGE_CONNECTOR_SYMBOL})\\s*${PERIOD_HOUR}(?:\\s*(?<desc>uhr))?(?<rightDesc>\\s+${TIME_SUFFIX})?\\b`;
export const PURE_NUM_BETWEEN_AND = `\\b(?:zwischen\\s+)${PERIOD_HOUR}(?:\\s*uhr)?(?<leftDesc>\\s+${TIME_SUFFIX})?\\s*und\\s*${PERIOD_HOUR}(?:\\s*(?<desc>uhr))?(?<rightDesc>\\s+${TIME_SUFFIX})?\\b`;
const TIME_FOR_RANGE = `(?:${HOUR}\\s*[:.]\\s*${MIN}(?:\\s*uhr)?|${PERIOD_HOUR}(?:\\s*uhr)?)`;
export const SPECIFIC_TIME_FROM_TO = `\\b(?:(?:von|ab)\\s+)?(?<time1>${TIME_FOR_RANGE})\\s*(?:bis(?:\\s+um)?|${RANGE_CONNECTOR_SYMBOL})\\s*(?<time2>${TIME_FOR_RANGE})`;
export const SPECIFIC_TIME_BETWEEN_AND = `\\bzwischen\\s+(?<time1>${TIME_FOR_RANGE})\\s*und\\s*(?<time2>${TIME_FOR_RANGE})`;
const TIME_OF_DAY_WORDS = `(?:fr${U('ue')}hmorgens|fr${U('ue')}her\\s+morgen|morgens?|vormittags?|vormittagszeit|nachmittags?|sp${U('ae')}tnachmittags?|abends?|sp${U('ae')}tabends?|n${U('ae')}chte?|nachts)`;
export const TIME_OF_DAY = `\\b(?<timeOfDay>(?:am|in\\s+der|zur|gegen)?\\s*${TIME_OF_DAY_WORDS})\\b`;
export const TIME_OF_DAY_STANDALONE = `(?<!\\b(?:guten|gute)\\s+)\\b(?<timeOfDay>(?:am|gegen)\\s+(?:morgen|vormittag|nachmittag|abend)|in\\s+der\\s+nacht|(?:fr${U('ue')}h|sp${U('ae')}t)?(?:morgens|vormittags|nachmittags|abends|nachts)|vormittagszeit)\\b`;

// Date periods
export const YEAR_REGEX = YEAR4;
/** A year on its own as a period ("2009", "Jahr 2009"), for the period parser (matches the whole text). */
export const PERIOD_YEAR = `(?:jahr(?:e|es)?\\s+)?${YEAR4}`;
const MONTH_SUFFIX = `(?<msuf>(?:(?:im|des|vom|von)\\s+)?(?:${RELATIVE_MONTH}|${MONTH}))`;
const DAY_OR_ORD = `(?:${DAY}\\.?|(?<day>${ORDINAL_DAY}))`;
export const SIMPLE_CASES = `\\b(?:(?:vom|von|ab\\s+dem|ab)\\s+)?${DAY_OR_ORD}\\s*(?:${TILL})\\s*(?:(?:dem|den)\\s+)?${DAY_OR_ORD}\\s*${MONTH_SUFFIX}(?:\\s*,?\\s*${YEAR4})?\\b`;
export const MONTH_FRONT_SIMPLE_CASES = `\\b${MONTH_SUFFIX}\\s+(?:(?:vom|von)\\s+)?${DAY_OR_ORD}\\s*${TILL}\\s*(?:(?:zum|dem)\\s+)?${DAY_OR_ORD}(?:\\s*,?\\s*${YEAR4})?`;
export const MONTH_FRONT_BETWEEN = `\\b${MONTH_SUFFIX}\\s+(?:zwischen\\s+)(?:dem\\s+)?${DAY_OR_ORD}\\s*${RANGE_CONNECTOR}\\s*(?:dem\\s+)?${DAY_OR_ORD}(?:\\s*,?\\s*${YEAR4})?`;
export const BETWEEN = `\\b(?:zwischen\\s+)(?:dem\\s+)?${DAY_OR_ORD}\\s*${RANGE_CONNECTOR}\\s*(?:dem\\s+)?${DAY_OR_ORD}\\s*${MONTH_SUFFIX}(?:\\s*,?\\s*${YEAR4})?\\b`;
export const ONE_WORD_PERIOD = `\\b(?:(?:am|im|in\\s+der|in\\s+diesem|an\\s+diesem)\\s+(?=wochenende))?(?:(?:${RELATIVE}\\s+)?${MONTH}|(?:${RELATIVE}\\s+)?(?<business>arbeitswoche|werktags)|(?:${RELATIVE}\\s+)?(?:wochenende|woche|monat|jahr(?:es)?)(?!\\s+\\d))\\b`;
export const MONTH_WITH_YEAR = `\\b(?:${MONTH}\\s*[/\\-.,]?\\s*${YEAR4}|${MONTH}\\s+(?<order>${NEXT_PREFIX}|${PREVIOUS_PREFIX}|diese[nrsm]?)\\s+jahres)\\b`;
export const MONTH_NUM_WITH_YEAR = `\\b(?:${YEAR4}\\s*[/\\-.]\\s*${MONTH_NUM}|${MONTH_NUM}\\s*[/\\-]\\s*${YEAR4})\\b`;
export const YEAR_ONLY = `\\bjahr(?:e|es)?\\s+${YEAR4}\\b|(?<![\\d.,/:-])${YEAR4}(?![\\d.,/:]\\d)`;
export const WEEK_OF_MONTH = `\\b(?<wom>(?:der|die|in\\s+der)?\\s*(?<cardinal>erste[nrsm]?|zweite[nrsm]?|dritte[nrsm]?|vierte[nrsm]?|f${U('ue')}nfte[nrsm]?|letzte[nrsm]?)\\s+woche\\s+${MONTH_SUFFIX}(?:\\s+${YEAR4})?)\\b`;
export const WEEK_OF_YEAR = `\\b(?<woy>(?:die\\s+)?(?<cardinal>erste[nrsm]?|zweite[nrsm]?|dritte[nrsm]?|vierte[nrsm]?|letzte[nrsm]?)\\s+woche\\s+(?:des\\s+jahres\\s+|im\\s+jahr\\s+)?${YEAR4})\\b`;
export const SEASON = `\\b(?<season>(?:${RELATIVE}\\s+)?(?<seas>fr${U('ue')}hling|fr${U('ue')}hjahr|sommer|herbst|winter)(?:\\s+${YEAR4})?)\\b`;
export const QUARTER = `\\b(?:(?<cardinal>erste[nrsm]?|zweite[nrsm]?|dritte[nrsm]?|vierte[nrsm]?|1\\.|2\\.|3\\.|4\\.)\\s+quartal(?:\\s+${YEAR4})?|q(?<number>[1-4])(?:\\s+${YEAR4})?)\\b`;
export const WHICH_WEEK = `\\b(?:kalender)?woche\\s*(?<number>5[0-3]|[1-4]\\d|0?[1-9])\\b`;
export const REST_OF_DATE = `\\b(?:rest|restliche[nrsm]?)\\s+(?:de[sr]\\s+|dieser\\s+|diese[nrsm]?\\s+)?(?<duration>woche|monats?|jahres)\\b`;
export const LATER_EARLY_PERIOD = `\\b(?:(?<EarlyPrefix>anfang|beginn)|(?<MidPrefix>mitte)|(?<LatePrefix>ende))\\s+(?:de[sr]\\s+)?(?<suffix>${ONE_WORD_PERIOD}|(?<FourDigitYear>${YEAR4})|monats|jahres|woche)\\b`;
export const WEEK_WITH_WEEKDAY_RANGE = `\\b(?<week>(?:${NEXT_PREFIX}|${PREVIOUS_PREFIX}|diese[nrsm]?)\\s+woche)\\s+(?:von\\s+${WEEKDAY}\\s+bis\\s+${WEEKDAY}|zwischen\\s+${WEEKDAY}\\s+und\\s+${WEEKDAY})\\b`;

// Date-time
/** As soon as possible: the next moment that suits (FUTURE_REF, as the specification reads "so früh wie möglich"). */
export const ASAP_WORDS = `so\\s+(?:bald|schnell|fr${U('ue')}h|zeitnah)\\s+wie\\s+(?:m${U('oe')}glich|es\\s+geht)|so\\s+schnell\\s+es\\s+geht|m${U('oe')}glichst\\s+(?:bald|schnell|fr${U('ue')}h|zeitnah)|baldm${U('oe')}glichst|schnellstm${U('oe')}glich|fr${U('ue')}hestm${U('oe')}glich|n${U('ae')}chstm${U('oe')}glich|asap|a\\.s\\.a\\.p\\.`;
export const NOW = `\\b(?<now>jetzt|gerade|sofort|momentan|aktuelle[nrsm]?|im\\s+moment|zurzeit|derzeit|${ASAP_WORDS}|demn${U('ae')}chst|k${U('ue')}rzlich|vorhin)\\b`;
export const SPECIFIC_TIME_OF_DAY_DT = `\\b(?:(?:${RELATIVE}\\s+)?(?<timeOfDay>morgen|vormittag|nachmittag|abend|nacht)|heute\\s*(?<pm>abend|nacht)|heute\\s*(?<am>morgen|fr${U('ue')}h|vormittag)|heute\\s*nachmittag)\\b`;
export const TIME_OF_TODAY_AFTER = `^\\s*(?:,\\s*)?(?:am\\s+|in\\s+der\\s+)?(?:${SPECIFIC_TIME_OF_DAY_DT}|(?<timeOfDay>morgens|abends|nachts|nachmittags|vormittags))`;
export const TIME_OF_TODAY_BEFORE = `(?:${SPECIFIC_TIME_OF_DAY_DT}|\\b(?<timeOfDay>morgens|abends|nachts|nachmittags|vormittags))(?:\\s*,)?(?:\\s+(?:um|gegen))?\\s*$`;
export const SIMPLE_TIME_OF_TODAY_AFTER = `(?<![\\d.,:])\\b(?:${HOUR_NUM}|${HOUR})\\s*(?:uhr)?\\s*(?:,\\s*)?(?:am\\s+|in\\s+der\\s+)?${SPECIFIC_TIME_OF_DAY_DT}\\b`;
export const SIMPLE_TIME_OF_TODAY_BEFORE = `\\b${SPECIFIC_TIME_OF_DAY_DT}(?:\\s*,)?(?:\\s+(?:um|gegen))?\\s*(?:${HOUR_NUM}|${HOUR})(?:\\s*uhr)?\\b`;
export const SPECIFIC_END_OF = `(?:das\\s+)?ende\\s+(?:des|von)\\s*$`;
export const UNSPECIFIC_END_OF = `\\b(?:tagesende|ende\\s+des\\s+tages|feierabend)\\b`;
export const CONNECTOR = `^(?:-|,|um|gegen|am|den|der|ab)$`;
export const PREPOSITION = `(?<prep>^(?:,\\s*)?(?:um|am|an|gegen)(?:\\s+de[mnr])?$)`;

// Date-time periods
/**
 * A bare "morgen" is the morning only right after a day ("Dienstag Morgen", "heute Morgen", "am Morgen"), or
 * at the start of the text after a day the extractor has cut off; elsewhere it is tomorrow ("vormittags
 * morgen", "am Nachmittag morgen").
 */
const MORNING_WORD = `(?:morgens|(?:(?<=\\b(?:${WEEKDAY_NAMES}|heute|gestern|diese[nm]?|am|dem|den)\\s*)|(?<=^\\s*))morgen)`;
const DT_TIME_OF_DAY = `(?<timeOfDay>(?<early>fr${U('ue')}h)?(?:${MORNING_WORD}|vormittags?|(?<pm>nachmittags?|abends?|n${U('ae')}chte?|nachts))|(?<late>sp${U('ae')}t)(?:morgens?|vormittags?|(?<pm>nachmittags?|abends?|nachts))|fr${U('ue')}h(?![a-z]))`;
export const PERIOD_TIME_OF_DAY = `\\b(?:(?:am|in\\s+der|gegen)\\s+)?(?:diese[nrsm]?\\s+)?${DT_TIME_OF_DAY}\\b`;
export const PERIOD_SPECIFIC_TIME_OF_DAY = `\\b(?:(?:diese[nrsm]?|${NEXT_PREFIX}|${PREVIOUS_PREFIX})\\s+${DT_TIME_OF_DAY}|heute\\s*(?<pm>abend|nacht)|heute\\s*(?:morgen|vormittag|nachmittag))\\b`;
// also right after a weekday ("freitagnachmittag"), never inside another word ("heiligabend")
export const PERIOD_TIME_OF_DAY_WITH_DATE = `(?:(?<![a-z])|(?<=(?:tag|mittwoch|sonnabend)))(?:(?:am|gegen|in\\s+der|zur)\\s+)?(?:${DT_TIME_OF_DAY})\\b(?:\\s+(?:am|den)(?=\\s*$|\\s+(?:${WEEKDAY_NAMES}|\\d)))?`;
export const RELATIVE_TIME_UNIT = `\\b(?:(?:${NEXT_PREFIX}|${PREVIOUS_PREFIX}|diese[nrsm]?)\\s+${TIME_UNIT})`;
export const REST_OF_DATE_TIME = `\\b(?:rest|restliche[nrsm]?)\\s+(?:des\\s+|dieses\\s+)?(?<unit>tages)\\b`;
export const MORNING_START_END = `(?:^(?:fr${U('ue')}h)?(?:morgens?|vormittags?|fr${U('ue')}h))|(?:(?:morgens?|vormittags?|fr${U('ue')}h)$)`;
export const AFTERNOON_START_END = `(?:^(?:sp${U('ae')}t)?nachmittags?)|(?:nachmittags?$)`;
export const EVENING_START_END = `(?:^(?:sp${U('ae')}t)?abends?)|(?:abends?$)`;
export const NIGHT_START_END = `(?:^n${U('ae')}chte?|^nachts)|(?:(?:nacht|nachts)$)`;

// Sets
export const EACH_PREFIX = `\\b(?<each>(?:jede[nrsm]?|alle)\\s*$)`;
/** "jeden", and "jeden Tag um" before a time: what is left is the time of the set ("jeden Tag um 10 Uhr" = T10). */
export const SET_EACH = `\\b(?<each>jeden\\s+tag(?:\\s+um)?\\s+(?=\\d|${HOUR_WORDS})|(?:jede[nrsm]?|alle)\\s*)`;
export const PERIODIC = `\\b(?<periodic>t${U('ae')}glich|w${U('oe')}chentlich|monatlich|viertelj${U('ae')}hrlich|j${U('ae')}hrlich|halbj${U('ae')}hrlich)\\b`;
// "alle zwei Tage" is "alle" before a duration (the set extractor's each-duration path: P2D)
export const EACH_UNIT = `\\b(?<each>(?:jede[nrsm]?)\\s*${DURATION_UNIT})`;
export const EACH_DAY = `^\\s*(?:jeden\\s+tag|t${U('ae')}glich)\\s*$`;
export const SET_WEEKDAY = `\\b(?<prefix>immer\\s+)?(?<weekday>(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag))s\\b`;
export const SET_LAST = `(?<last>n${U('ae')}chste[nrsm]?|kommende[nrsm]?|diese[nrsm]?|letzte[nrsm]?|vergangene[nrsm]?)`;

// Merged
export const BEFORE_REGEX = `\\b(?:vor|bis(?:\\s+(?:zum|zur|um))?|sp${U('ae')}testens(?:\\s+(?:am|um|bis))?|fr${U('ue')}her\\s+als)\\b(?:\\s+(?:de[mnr]|das))?`;
export const AFTER_REGEX = `\\b(?:nach|sp${U('ae')}ter\\s+als)\\b(?:\\s+(?:de[mnr]|das))?`;
export const SINCE_REGEX = `\\b(?:seit|ab|fr${U('ue')}hestens(?:\\s+(?:am|um|ab))?|beginnend\\s+(?:am|mit))\\b(?:\\s+(?:de[mnr]|das))?`;
export const FROM_TO = `\\b(?:von|vom|ab).+\\b(?:bis|und)\\b.+`;
export const AGO = `\\b(?:fr${U('ue')}her|zuvor|vorher)\\b`;
export const LATER = `\\b(?:sp${U('ae')}ter|danach|nachher|ab\\s+jetzt|von\\s+jetzt\\s+an)\\b`;
export const IN_CONNECTOR = `\\b(?:in|binnen|innerhalb)\\b`;
export const RANGE_UNIT = `\\b(?<unit>jahre?n?|monate?n?)\\b`;
export const UNSPECIFIC_DATE_PERIOD = `^(?:woche|monat|jahr)$`;
export const PREPOSITION_SUFFIX = `\\b(?:am|im|um|an|gegen|von|bis)$`;

// Holidays (name → date function key)
export const HOLIDAY_NAMES: ReadonlyMap<string, string[]> = new Map([
  ['neujahr', ['neujahr', 'neujahrstag']],
  ['heiligedreikonige', ['heiligedreikonige', 'dreikonigstag', 'epiphanias']],
  ['valentinstag', ['valentinstag']],
  ['weiberfastnacht', ['weiberfastnacht']],
  ['fastnachtssamstag', ['fastnachtssamstag']],
  ['fastnachtssonntag', ['fastnachtssonntag']],
  ['rosenmontag', ['rosenmontag']],
  ['fastnachtsdienstag', ['fastnachtsdienstag', 'faschingsdienstag', 'veilchendienstag']],
  ['aschermittwoch', ['aschermittwoch']],
  ['palmsonntag', ['palmsonntag']],
  ['grundonnerstag', ['grundonnerstag']],
  ['karfreitag', ['karfreitag']],
  ['karsamstag', ['karsamstag']],
  ['ostersonntag', ['ostern', 'ostersonntag']],
  ['ostermontag', ['ostermontag']],
  ['tagderarbeit', ['tagderarbeit', 'maifeiertag', 'erstermai']],
  ['weltkindertag', ['weltkindertag']],
  ['christihimmelfahrt', ['christihimmelfahrt', 'himmelfahrt', 'vatertag']],
  ['pfingstsonntag', ['pfingsten', 'pfingstsonntag']],
  ['pfingstmontag', ['pfingstmontag']],
  ['fronleichnam', ['fronleichnam']],
  ['johannistag', ['johannistag']],
  ['peterundpaul', ['peterundpaul']],
  ['augsburgerfriedensfest', ['augsburgerfriedensfest']],
  ['mariahimmelfahrt', ['mariahimmelfahrt']],
  ['herbstanfang', ['herbstanfang']],
  ['tagderdeutscheneinheit', ['tagderdeutscheneinheit']],
  ['erntedankfest', ['erntedankfest', 'erntedank']],
  ['reformationstag', ['reformationstag']],
  ['allerheiligen', ['allerheiligen']],
  ['martinstag', ['martinstag', 'sanktmartin']],
  ['bussundbettag', ['bussundbettag', 'busundbettag']],
  ['volkstrauertag', ['volkstrauertag']],
  ['ewigkeitssonntag', ['ewigkeitssonntag', 'totensonntag']],
  ['barbaratag', ['barbaratag']],
  ['nikolaustag', ['nikolaustag', 'nikolaus']],
  ['heiligabend', ['heiligabend', 'heiligerabend']],
  [
    'ersterweihnachtstag',
    ['weihnachten', 'ersterweihnachtstag', 'ersterweihnachtsfeiertag', 'erstenweihnachtstag', 'erstenweihnachtsfeiertag', 'weihnachtstag'],
  ],
  [
    'zweiterweihnachtstag',
    ['zweiterweihnachtstag', 'zweiterweihnachtsfeiertag', 'zweitenweihnachtstag', 'zweitenweihnachtsfeiertag', 'stephanstag'],
  ],
  ['silvester', ['silvester', 'silvesterabend', 'silvestertag']],
]);
const HOLIDAY_LIST = `(?<holiday>neujahr(?:stag)?|heilige(?:n)?\\s+drei\\s+k${U('oe')}nige|dreik${U('oe')}nigstag|epiphanias|valentinstag|weiberfastnacht|fastnachtssamstag|fastnachtssonntag|rosenmontag|(?:fastnachts|faschings|veilchen)dienstag|aschermittwoch|palmsonntag|gr${U('ue')}ndonnerstag|karfreitag|karsamstag|ostersonntag|ostermontag|ostern|tag\\s+der\\s+arbeit|maifeiertag|erste[rn]?\\s+mai|weltkindertag|(?:christi\\s+)?himmelfahrt|vatertag|pfingstsonntag|pfingstmontag|pfingsten|fronleichnam|johannistag|peter\\s+und\\s+paul|augsburger\\s+friedensfest|mari${U('ae')}\\s+himmelfahrt|herbstanfang|tag\\s+der\\s+deutschen\\s+einheit|erntedank(?:fest)?|reformationstag|allerheiligen|martinstag|sankt\\s+martin|bu(?:s|ss)\\s+und\\s+bettag|volkstrauertag|ewigkeitssonntag|totensonntag|barbaratag|nikolaus(?:tag)?|heilig(?:er\\s+)?abend|(?:erste[rn]?|zweite[rn]?)\\s+weihnachts(?:feier)?tag|weihnachtstag|weihnachten|stephanstag|silvester(?:abend|tag)?)`;
export const HOLIDAY_REGEX = `\\b(?:${HOLIDAY_LIST}(?:\\s+(?:(?:im\\s+jahr(?:e)?\\s+)?${YEAR4}|im\\s+${RELATIVE}\\s+jahr|${RELATIVE}\\s+jahres))?)\\b`;
