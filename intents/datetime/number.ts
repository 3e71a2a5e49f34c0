/**
 * German numbers on @microsoft/recognizers-text-number's base classes: extractors (cardinal, integer,
 * ordinal) configured with German patterns, a parser configuration, and a small parser subclass for
 * what the base parser cannot do: German writes compound numbers as one word ("dreiundzwanzig",
 * "zweihundertsechsundfünfzig", "zweieinhalb", "anderthalb"), and the base parser only combines
 * space-separated number words from its maps.
 *
 * All patterns work on folded text (see text.ts): lowercase, ä→a, ö→o, ü→u, ß→s.
 */
import type { ExtractResult, ModelResult, ParseResult } from '@microsoft/recognizers-text';
import {
  BaseNumberExtractor,
  BaseNumberParser,
  Constants as NumberConstants,
  CultureInfo,
  NumberModel,
} from '@microsoft/recognizers-text-number';
import type { INumberParserConfiguration, RegExpValue } from '@microsoft/recognizers-text-number';
import { foldKeepLength, originalSpan } from './text';

// ---------------------------------------------------------------------------------------------------
// Number words (folded spelling; ae/oe/ue/ss spellings accepted too)

const FUNF = 'f(?:u|ue)nf';
const UNIT_WORD = `(?:ein|zwei|zwo|drei|vier|${FUNF}|sechs|sieben|acht|neun)`;
const TEEN_WORD = `(?:zehn|elf|zw(?:o|oe)lf|dreizehn|vierzehn|${FUNF}zehn|sechzehn|siebzehn|achtzehn|neunzehn)`;
const TENS_WORD = `(?:zwanzig|drei(?:s|ss)ig|vierzig|${FUNF}zig|sechzig|siebzig|achtzig|neunzig)`;
const BELOW_100 = `(?:${UNIT_WORD}und${TENS_WORD}|${TENS_WORD}|${TEEN_WORD}|${UNIT_WORD})`;
const BELOW_1000 = `(?:${UNIT_WORD}?hundert(?:und)?${BELOW_100}?|${BELOW_100})`;
const BELOW_MILLION = `(?:${BELOW_1000}?tausend(?:und)?${BELOW_1000}?|${BELOW_1000})`;
/** One written cardinal word, also the "and a half" forms ("zweieinhalb", "anderthalb"). */
const CARDINAL_WORD = `(?:anderthalb|einundhalb|dreiviertel|${BELOW_MILLION}einhalb|${BELOW_MILLION}|eins|eine[rnsm]?|null)`;
const FRACTION_WORD = `(?:halbe[nsr]?|drittel|viertel|${FUNF}tel|sechstel|achtel|zehntel)`;
const SCALE_WORD = `(?:million(?:en)?|milliarde(?:n)?|billion(?:en)?)`;
const DIGITS = `(?:\\d+(?:[.,]\\d+)?)`;
const ORDINAL_STEM = `(?:erst|zweit|dritt|viert|${FUNF}t|sechst|sieb(?:en)?t|acht|neunt|zehnt|elft|zw(?:o|oe)lft|(?:drei|vier|${FUNF}|sech|sieb|acht|neun)zehnt)`;
/** A written ordinal with its German ending ("dritten", "neunundzwanzigsten", "zwölfter"). */
const ORDINAL_WORD = `(?:(?:${BELOW_MILLION}(?:und)?)?${ORDINAL_STEM}|${BELOW_MILLION}st)e[nrsm]?`;

const UNITS: Record<string, number> = {
  null: 0,
  ein: 1,
  eins: 1,
  eine: 1,
  einer: 1,
  eines: 1,
  einem: 1,
  einen: 1,
  zwei: 2,
  zwo: 2,
  drei: 3,
  vier: 4,
  funf: 5,
  fuenf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
};
const TEENS: Record<string, number> = {
  zehn: 10,
  elf: 11,
  zwolf: 12,
  zwoelf: 12,
  dreizehn: 13,
  vierzehn: 14,
  funfzehn: 15,
  fuenfzehn: 15,
  sechzehn: 16,
  siebzehn: 17,
  achtzehn: 18,
  neunzehn: 19,
};
const TENS: Record<string, number> = {
  zwanzig: 20,
  dreisig: 30,
  dreissig: 30,
  vierzig: 40,
  funfzig: 50,
  fuenfzig: 50,
  sechzig: 60,
  siebzig: 70,
  achtzig: 80,
  neunzig: 90,
};
const SCALES: [RegExp, number][] = [
  [/^billion(en)?$/, 1e12],
  [/^milliarde(n)?$/, 1e9],
  [/^million(en)?$/, 1e6],
];
const DENOMINATORS: Record<string, number> = {
  halbe: 2,
  halben: 2,
  halbes: 2,
  halber: 2,
  drittel: 3,
  viertel: 4,
  funftel: 5,
  fuenftel: 5,
  sechstel: 6,
  achtel: 8,
  zehntel: 10,
};
const UNICODE_FRACTIONS: Record<string, number> = {
  '½': 1 / 2,
  '⅓': 1 / 3,
  '⅔': 2 / 3,
  '¼': 1 / 4,
  '¾': 3 / 4,
  '⅕': 1 / 5,
  '⅙': 1 / 6,
  '⅛': 1 / 8,
};

function below100(s: string): number | null {
  if (s in UNITS) return UNITS[s];
  if (s in TEENS) return TEENS[s];
  if (s in TENS) return TENS[s];
  const m = /^(.+?)und(.+)$/.exec(s);
  if (m) {
    const u = UNITS[m[1]];
    const t = TENS[m[2]];
    if (u !== undefined && u > 0 && t !== undefined) return u + t;
  }
  return null;
}

function withMultiplier(s: string, word: string, factor: number, lower: (x: string) => number | null): number | null {
  const i = s.lastIndexOf(word);
  if (i < 0) return lower(s);
  const left = s.slice(0, i);
  const right = s.slice(i + word.length).replace(/^und/, '');
  const l = left === '' ? 1 : lower(left);
  const r = right === '' ? 0 : lower(right);
  if (l === null || r === null || l === 0 || r >= factor) return null;
  return l * factor + r;
}

const below1000 = (s: string): number | null => withMultiplier(s, 'hundert', 100, below100);
const belowMillion = (s: string): number | null => withMultiplier(s, 'tausend', 1000, below1000);

/** Value of one written German number word (folded, no spaces), or null. */
function germanCardinalWord(word: string): number | null {
  const s = word.replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u').replace(/ß/g, 's');
  if (s === 'anderthalb' || s === 'einundhalb') return 1.5;
  if (s === 'dreiviertel') return 0.75;
  if (s.endsWith('einhalb') && s.length > 'einhalb'.length) {
    const base = belowMillion(s.slice(0, -'einhalb'.length));
    return base === null ? null : base + 0.5;
  }
  return belowMillion(s);
}

/** Value of a written German ordinal ("dritten" → 3, "neunundzwanzigsten" → 29), or null. */
function germanOrdinalWord(word: string): number | null {
  const stem = word.replace(/e[nrsm]?$/, '');
  if (stem.endsWith('acht')) return germanCardinalWord(stem);
  if (stem.endsWith('st')) {
    const v = germanCardinalWord(stem.slice(0, -2));
    if (v !== null && v >= 20) return v;
  }
  const irregular: [string, number][] = [
    ['erst', 1],
    ['dritt', 3],
    ['siebent', 7],
    ['siebt', 7],
  ];
  for (const [end, n] of irregular) {
    if (stem.endsWith(end)) {
      const prefix = stem.slice(0, -end.length).replace(/und$/, '');
      if (prefix === '') return n;
      const p = germanCardinalWord(prefix);
      return p === null ? null : p + n;
    }
  }
  if (stem.endsWith('t')) return germanCardinalWord(stem.slice(0, -1));
  return null;
}

/** German digits: "." groups thousands, "," is the decimal mark; spaces may group thousands. */
function germanDigits(s: string): number | null {
  let t = s.replace(/[\s\u202f\u00a0]/g, '');
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) t = t.replace(/\./g, '');
  t = t.replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/**
 * Value of a German number expression as extracted: digits, words, "zwei komma drei", fractions
 * ("drei halbe", "zwei drittel"), dozens, scales ("300 milliarden", "eine halbe million").
 */
function germanNumberValue(text: string): number | null {
  const folded = foldKeepLength(text).trim();
  if (folded in UNICODE_FRACTIONS) return UNICODE_FRACTIONS[folded];
  const frac = /^(\d+)\s*\/\s*(\d+)$/.exec(folded);
  if (frac) return Number(frac[1]) / Number(frac[2]);
  const direct = germanDigits(folded);
  if (direct !== null) return direct;
  const tokens = folded.split(/\s+/).filter((t) => t.length > 0);
  let total = 0;
  let parts: number[] = [];
  let decimals: string | null = null;
  for (const tok of tokens) {
    if (tok === 'und') continue;
    if (tok === 'komma') {
      decimals = '';
      continue;
    }
    if (decimals !== null) {
      const d = germanCardinalWord(tok);
      if (d === null || d > 9) return null;
      decimals += String(d);
      continue;
    }
    const scale = SCALES.find(([re]) => re.test(tok));
    if (scale) {
      const sum = parts.length ? parts.reduce((a, b) => a + b, 0) : 1;
      total += sum * scale[1];
      parts = [];
      continue;
    }
    if (tok in DENOMINATORS) {
      const num = parts.pop() ?? 1;
      parts.push(num / DENOMINATORS[tok]);
      continue;
    }
    if (tok === 'dutzend') {
      const num = parts.pop() ?? 1;
      parts.push(num * 12);
      continue;
    }
    const v = germanDigits(tok) ?? germanCardinalWord(tok) ?? germanOrdinalWord(tok);
    if (v === null) return null;
    parts.push(v);
  }
  let value = total + parts.reduce((a, b) => a + b, 0);
  if (decimals !== null && decimals.length > 0) value = Number(`${value}.${decimals}`);
  return value;
}

// ---------------------------------------------------------------------------------------------------
// Extractors

function re(source: string): RegExp {
  return new RegExp(source, 'gis');
}

const LANG = 'Ger';

const CARDINAL_EXPRESSION =
  `\\b(?:${CARDINAL_WORD}|${DIGITS})` +
  `(?:\\s+und\\s+${CARDINAL_WORD}\\s+${FRACTION_WORD}|\\s+${FRACTION_WORD})?` +
  `(?:\\s+dutzend)?` +
  `(?:\\s+${SCALE_WORD}(?:\\s+${BELOW_MILLION})?)?\\b`;

/** Integers and decimals written with digits, German style. */
const DIGIT_REGEXES: RegExpValue[] = [
  { regExp: re(`(?<![\\d.,])\\d{1,3}(?:\\.\\d{3})+(?:,\\d+)?(?![\\d]|[.,]\\d)`), value: 'NumGer' },
  { regExp: re(`(?<![\\d.,])\\d{1,3}(?:[ \\u202f]\\d{3})+(?:,\\d+)?(?![\\d]|[.,]\\d)`), value: 'NumGer' },
  { regExp: re(`(?<![\\d.,])\\d+,\\d+(?![\\d]|[.,]\\d)`), value: 'NumGer' },
  { regExp: re(`(?<![\\da-z])\\d+(?![\\da-z])`), value: 'NumGer' },
];

export class GermanCardinalExtractor extends BaseNumberExtractor {
  protected override extractType = NumberConstants.SYS_NUM_CARDINAL;
  constructor() {
    super();
    this.regexes = [
      { regExp: re(CARDINAL_EXPRESSION), value: LANG },
      { regExp: re(`\\b${CARDINAL_WORD}\\s+komma(?:\\s+${UNIT_WORD}|\\s+null|\\s+eins)+\\b`), value: LANG },
      { regExp: re(`(?<![\\d/])\\d+\\s*/\\s*\\d+(?![\\d/])`), value: 'FracNum' },
      { regExp: re(`[½⅓⅔¼¾⅕⅙⅛]`), value: 'FracNum' },
      ...DIGIT_REGEXES,
    ];
  }
}

/** Whole numbers only: digits and number words (used by the date/time extractors). */
export class GermanIntegerExtractor extends BaseNumberExtractor {
  protected override extractType = NumberConstants.SYS_NUM_INTEGER;
  constructor() {
    super();
    this.regexes = [
      { regExp: re(`\\b(?:${BELOW_MILLION}|eins|eine[rnsm]?)\\b`), value: LANG },
      { regExp: re(`(?<![\\d.,:])\\d+(?![\\d]|[.,:]\\d)`), value: 'NumGer' },
    ];
  }
}

/** Ordinals: "dritten", "neunundzwanzigsten", and digits with a period ("2."). */
export class GermanOrdinalExtractor extends BaseNumberExtractor {
  protected override extractType = NumberConstants.SYS_NUM_ORDINAL;
  constructor() {
    super();
    this.regexes = [
      { regExp: re(`\\b${ORDINAL_WORD}\\b`), value: `Ord${LANG}` },
      { regExp: re(`(?<![\\d.,:])(?:3[01]|[12]\\d|0?[1-9])\\.(?!\\d)`), value: 'OrdNum' },
    ];
  }
}

// ---------------------------------------------------------------------------------------------------
// Parser

/** German culture: numbers are resolved with a decimal comma ("0,5"), as the German specification expects. */
class GermanCultureInfo extends CultureInfo {
  constructor() {
    super('de-de');
  }
  override format(value: Parameters<CultureInfo['format']>[0]): string {
    return super.format(value).replace('.', ',');
  }
}

const CARDINAL_MAP = new Map<string, number>([...Object.entries(UNITS), ...Object.entries(TEENS), ...Object.entries(TENS)]);

class GermanNumberParserConfiguration implements INumberParserConfiguration {
  readonly cardinalNumberMap: ReadonlyMap<string, number> = CARDINAL_MAP;
  readonly ordinalNumberMap: ReadonlyMap<string, number> = new Map([
    ['erste', 1],
    ['zweite', 2],
    ['dritte', 3],
    ['vierte', 4],
    ['funfte', 5],
    ['sechste', 6],
    ['siebte', 7],
    ['achte', 8],
    ['neunte', 9],
    ['zehnte', 10],
  ]);
  readonly roundNumberMap: ReadonlyMap<string, number> = new Map([
    ['hundert', 100],
    ['tausend', 1000],
    ['million', 1e6],
    ['millionen', 1e6],
    ['milliarde', 1e9],
    ['milliarden', 1e9],
    ['dutzend', 12],
  ]);
  readonly cultureInfo: CultureInfo = new GermanCultureInfo();
  readonly digitalNumberRegex = /((?<=\b)(hundert|tausend|million(en)?|milliarde(n)?|dutzend)(?=\b))|((?<=(\d|\b))(k|m|g)(?=\b))/gi;
  readonly fractionMarkerToken = 'uber';
  readonly negativeNumberSignRegex = /^(minus|negativ)\s+/i;
  readonly halfADozenRegex = /ein\s+halbes\s+dutzend/gi;
  readonly halfADozenText = 'sechs';
  readonly langMarker = LANG;
  readonly nonDecimalSeparatorChar = '.';
  readonly decimalSeparatorChar = ',';
  readonly wordSeparatorToken = 'und';
  readonly writtenDecimalSeparatorTexts: readonly string[] = ['komma'];
  readonly writtenGroupSeparatorTexts: readonly string[] = ['punkt'];
  readonly writtenIntegerSeparatorTexts: readonly string[] = ['und'];
  readonly writtenFractionSeparatorTexts: readonly string[] = ['und'];

  normalizeTokenSet(tokens: readonly string[]): readonly string[] {
    return tokens;
  }

  resolveCompositeNumber(numberStr: string): number {
    return germanCardinalWord(numberStr) ?? 0;
  }
}

/**
 * The base parser resolves written numbers by splitting on spaces and combining words from its maps;
 * German compounds ("dreihundertneunundneunzigtausend") are single words, and German fractions and
 * halves ("zweieinhalb", "drei halbe") have no counterpart there. This subclass resolves every German
 * expression itself (germanNumberValue) and keeps the base class's result shape and formatting.
 */
export class GermanNumberParser extends BaseNumberParser {
  constructor(config: INumberParserConfiguration = new GermanNumberParserConfiguration()) {
    super(config);
  }

  override parse(extResult: ExtractResult): ParseResult | null {
    const value = germanNumberValue(extResult.text);
    if (value === null) return super.parse(extResult);
    const text = extResult.text.toLowerCase();
    return {
      start: extResult.start,
      length: extResult.length,
      text,
      type: extResult.type,
      value,
      resolutionStr: this.config.cultureInfo.format(value),
    } as ParseResult;
  }
}

const numberModel = new NumberModel(new GermanNumberParser(), new GermanCardinalExtractor());

/** German numbers in the shape of recognizers-text-number's NumberModel (`text, start, end, typeName, resolution.value`). */
export function recognizeNumber(text: string): ModelResult[] {
  const folded = foldKeepLength(text);
  const results = numberModel.parse(folded);
  return results.map((r) => ({ ...r, text: originalSpan(text, r.start, r.end) }));
}
