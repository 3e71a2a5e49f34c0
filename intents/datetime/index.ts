/**
 * German date/time recognition on @microsoft/recognizers-text-date-time: the package's own
 * BaseMergedExtractor/BaseMergedParser and DateTimeModel with German configurations
 * (configuration.ts), so results have the package's ModelResult shape and TIMEX resolution.
 *
 * Input is folded length-preservingly before recognition (text.ts); reported `text` is the original
 * span, lowercased, as the package reports it.
 */
import type { ExtractResult, ModelResult } from '@microsoft/recognizers-text';
import { Culture } from '@microsoft/recognizers-text';
import {
  BaseMergedExtractor,
  BaseMergedParser,
  DateTimeModel,
  DateTimeRecognizer,
  type IDateTimeModel,
} from '@microsoft/recognizers-text-date-time';
import {
  GermanCommonDateTimeParserConfiguration,
  GermanMergedExtractorConfiguration,
  GermanMergedParserConfiguration,
} from './configuration';
import { foldKeepLength, originalSpan } from './text';

export { recognizeNumber } from './number';

/** DateTimeOptions.None of the package (the enum is a type-only export in its typings). */
const OPTIONS_NONE = 0;

let model: DateTimeModel | null = null;

/** The German DateTimeModel (built once, on first use). */
function germanDateTimeModel(): DateTimeModel {
  if (!model) {
    const common = new GermanCommonDateTimeParserConfiguration();
    const extractor = new BaseMergedExtractor(new GermanMergedExtractorConfiguration(), OPTIONS_NONE);
    const parser = new BaseMergedParser(new GermanMergedParserConfiguration(common), OPTIONS_NONE);
    model = new DateTimeModel(parser, extractor);
    shareExtractions(model);
  }
  return model;
}

/**
 * Extractions of the recognition under way, by extractor kind, reference time and text (undefined between
 * recognitions). The package's extractors call one another on the same text again and again: in "Hat das
 * Standesamt am Freitagnachmittag auf?" the duration extractor runs 24 times, the German cardinal number
 * extractor 24 times, the date extractor 8 times, each time on the whole sentence. Within one recognition
 * each runs once per text; the others get copies of its results. Kept for one recognition only, so the
 * memory stays flat whatever citizens write.
 */
let extractions: Map<string, ExtractResult[]> | undefined;

type Extract = (this: unknown, source: string, refDate?: Date) => ExtractResult[];

/**
 * A copy that the caller may change: the package adjusts results in place (start, length, text, type, and
 * metaData.HasMod when it merges a modifier such as "vor"), so no two callers may share one.
 */
function copyResult(r: ExtractResult): ExtractResult {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(r) as object) as ExtractResult, r);
  if (r.metaData)
    copy.metaData = Object.assign(
      Object.create(Object.getPrototypeOf(r.metaData) as object) as object,
      r.metaData,
    ) as ExtractResult['metaData'];
  return copy;
}

/**
 * Lets every extractor of the model share its results within one recognition. Extractors of the same class
 * with the same configuration class are interchangeable (all of ours are built without arguments, see
 * configuration.ts), so their kind is the key, not the instance.
 */
function shareExtractions(root: object): void {
  const seen = new Set<object>();
  const visit = (o: unknown): void => {
    if (typeof o !== 'object' || o === null || seen.has(o) || o instanceof RegExp) return;
    seen.add(o);
    const extractor = o as { extract?: unknown; config?: object };
    if (typeof extractor.extract === 'function') {
      const original = extractor.extract as Extract;
      const kind = `${o.constructor.name}/${extractor.config?.constructor.name ?? ''}`;
      extractor.extract = function shared(this: unknown, ...args: unknown[]): ExtractResult[] {
        const [source, refDate] = args;
        if (!extractions || typeof source !== 'string' || args.length > 2 || (refDate !== undefined && !(refDate instanceof Date))) {
          return original.apply(this, args as Parameters<Extract>);
        }
        const key = `${kind}\u0000${refDate?.getTime() ?? ''}\u0000${source}`;
        let results = extractions.get(key);
        if (!results) {
          results = original.call(this, source, refDate).map(copyResult);
          extractions.set(key, results);
        }
        return results.map(copyResult);
      };
    }
    for (const value of Object.values(o)) visit(value);
  };
  visit(root);
}

/** One resolution value of a recognised expression (TIMEX, type, and the value or the start and end of a range). */
export interface DateTimeValue {
  timex: string;
  type: string;
  value?: string;
  start?: string;
  end?: string;
  Mod?: string;
}

/** The resolution values of one result of recognizeDateTime. */
export function valuesOf(result: ModelResult): DateTimeValue[] {
  return (result.resolution as { values?: DateTimeValue[] } | undefined)?.values ?? [];
}

/**
 * German dates, times, periods, durations, sets and holidays in `text`, relative to `refDate`:
 * sorted by position, not overlapping, each `{text, start, end, typeName, resolution: {values}}`.
 */
export function recognizeDateTime(text: string, refDate: Date): ModelResult[] {
  const folded = foldKeepLength(text);
  const dateTimeModel = germanDateTimeModel();
  extractions = new Map();
  let parsed: ModelResult[];
  try {
    parsed = dateTimeModel.parse(folded, refDate);
  } finally {
    extractions = undefined;
  }
  return positioned(parsed, text);
}

let englishModel: IDateTimeModel | undefined;

/**
 * The same in English ("tomorrow at 10", "Friday afternoon", "asap"), by the package's own English model
 * (its culture en-US: "03/12" is the 12th of March, as the package reads it).
 */
export function recognizeEnglishDateTime(text: string, refDate: Date): ModelResult[] {
  englishModel ??= new DateTimeRecognizer(Culture.English, OPTIONS_NONE).getDateTimeModel();
  return positioned(englishModel.parse(text, refDate), text);
}

/** Results sorted by position and without overlaps, each with the original span of `text`. */
function positioned(parsed: ModelResult[], text: string): ModelResult[] {
  const raw = parsed.filter((r) => r && r.resolution);
  const sorted = raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ModelResult[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) continue;
    out.push({ ...r, text: originalSpan(text, r.start, r.end) });
  }
  return out;
}
