/**
 * German date/time recognition on @microsoft/recognizers-text-date-time: the package's own
 * BaseMergedExtractor/BaseMergedParser and DateTimeModel with German configurations
 * (configuration.ts), so results have the package's ModelResult shape and TIMEX resolution.
 *
 * Input is folded length-preservingly before recognition (text.ts); reported `text` is the original
 * span, lowercased, as the package reports it.
 */
import type { ModelResult } from '@microsoft/recognizers-text';
import { BaseMergedExtractor, BaseMergedParser, DateTimeModel } from '@microsoft/recognizers-text-date-time';
import { GermanCommonDateTimeParserConfiguration, GermanMergedExtractorConfiguration, GermanMergedParserConfiguration } from './configuration';
import { foldKeepLength, originalSpan } from './text';

export { recognizeNumber } from './number';

/** DateTimeOptions.None of the package (the enum is a type-only export in its typings). */
const OPTIONS_NONE = 0;

let model: DateTimeModel | null = null;

/** The German DateTimeModel (built once, on first use). */
export function germanDateTimeModel(): DateTimeModel {
  if (!model) {
    const common = new GermanCommonDateTimeParserConfiguration();
    const extractor = new BaseMergedExtractor(new GermanMergedExtractorConfiguration(), OPTIONS_NONE);
    const parser = new BaseMergedParser(new GermanMergedParserConfiguration(common), OPTIONS_NONE);
    model = new DateTimeModel(parser, extractor);
  }
  return model;
}

/**
 * German dates, times, periods, durations, sets and holidays in `text`, relative to `refDate`:
 * sorted by position, not overlapping, each `{text, start, end, typeName, resolution: {values}}`.
 */
export function recognizeDateTime(text: string, refDate: Date): ModelResult[] {
  const folded = foldKeepLength(text);
  const raw = germanDateTimeModel().parse(folded, refDate).filter((r) => r && r.resolution);
  const sorted = raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ModelResult[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) continue;
    out.push({ ...r, text: originalSpan(text, r.start, r.end) });
  }
  return out;
}
