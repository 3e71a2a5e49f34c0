/**
 * A service in another language: its German file with the words of its translation (`sprachen.<code>`) laid over
 * it, field by field and list item by list item, so that every answer function works unchanged on the result.
 * The facts stay German-sourced: amounts, ages, cases, links, offices and sources come from the German file only.
 *
 * Also the editors' report: which translations are missing (a German text with no counterpart), stale (the German
 * text approved after the translation was checked) or misaligned (a list of another length than the German one:
 * that one is a problem, since item n would describe another document).
 */
import type { LanguageCode, ServiceFile, ServiceOverride, ServiceTranslation } from './schema';
import { lineOf, type ParsedFile, type PathKey, type Problem } from './yamlFile';

/** What the translated service says about itself (shown with the answer: "translated from German"). */
export interface TranslationMark {
  readonly language: LanguageCode;
  readonly checked: string;
}

/** A service as answered in some language; `translation` is set when its words are not the German ones. */
export type LocalizedService = ServiceFile & { readonly translation?: TranslationMark };

type Facts = Pick<
  ServiceOverride,
  'unterlagen' | 'kosten' | 'verfahrensablauf' | 'hinweise' | 'onlineDienst' | 'kurzantworten' | 'situationen'
>;
type TranslatedFacts = NonNullable<ServiceTranslation['kommunen']>[string];

/** Whether a translation carries the service's facts (not only its names). */
export function hasFacts(t: ServiceTranslation | undefined): boolean {
  return t?.kurz !== undefined;
}

/** Items of `words` over the German `items` (same length, checked by the loader); German where a word is missing. */
function overList<T extends object, W extends object>(items: readonly T[] | undefined, words: readonly W[] | undefined): T[] | undefined {
  if (!items) return undefined;
  if (!words) return [...items];
  return items.map((item, i) => ({ ...item, ...(words[i] ?? {}) }));
}

function overStrings(items: readonly string[] | undefined, words: readonly string[] | undefined): string[] | undefined {
  if (!items) return undefined;
  return items.map((item, i) => words?.[i] ?? item);
}

function overFacts<F extends Facts>(facts: F, words: TranslatedFacts | undefined): F {
  if (!words) return facts;
  const kurzantworten = facts.kurzantworten && {
    ...Object.fromEntries(
      Object.entries(facts.kurzantworten).map(([facet, answer]) => [
        facet,
        { ...answer, ...(words.kurzantworten?.[facet as keyof typeof words.kurzantworten] ?? {}) },
      ]),
    ),
  };
  return {
    ...facts,
    unterlagen: overList(facts.unterlagen, words.unterlagen),
    kosten: overList(facts.kosten, words.kosten),
    verfahrensablauf: overStrings(facts.verfahrensablauf, words.verfahrensablauf),
    hinweise: overStrings(facts.hinweise, words.hinweise),
    onlineDienst: facts.onlineDienst && { ...facts.onlineDienst, ...(words.onlineDienst ?? {}) },
    kurzantworten,
    situationen: overList(facts.situationen, words.situationen),
  };
}

/**
 * The service in `language`: the German service when it has no translation with facts there, else the German
 * facts in the translation's words (names and synonyms included, so that a button says the translated name).
 */
export function localizeService(service: ServiceFile, language: LanguageCode): LocalizedService {
  const t = service.sprachen?.[language];
  if (language === 'de' || !t || !hasFacts(t)) return service;
  const base = overFacts(service, t);
  const kommunen =
    service.kommunen &&
    Object.fromEntries(Object.entries(service.kommunen).map(([tenant, o]) => [tenant, overFacts(o, t.kommunen?.[tenant])]));
  return {
    ...base,
    name: t.name,
    kurzname: t.kurzname ?? (service.kurzname === undefined ? undefined : t.name),
    synonyme: t.synonyme,
    kurz: t.kurz ?? service.kurz,
    gesprochen: t.gesprochen ?? service.gesprochen,
    voraussetzungen: overStrings(service.voraussetzungen, t.voraussetzungen),
    fristen: overStrings(service.fristen, t.fristen),
    bearbeitungsdauer: t.bearbeitungsdauer ?? service.bearbeitungsdauer,
    kommunen,
    translation: { language, checked: t.geprueft },
  };
}

/** One finding of the translation report. */
export interface TranslationFinding {
  file: string;
  line: number;
  language: LanguageCode;
  kind: 'missing' | 'stale';
  message: string;
}

type ListPath = [keyof Facts | 'voraussetzungen' | 'fristen', string?];

/** Each translated list against its German list: the same number of items (a problem otherwise). */
export function checkAlignment(f: ParsedFile<ServiceFile>, problems: Problem[]): void {
  const s = f.data;
  for (const [language, t] of Object.entries(s.sprachen ?? {}) as [LanguageCode, ServiceTranslation][]) {
    const pairs: [PathKey[], readonly unknown[] | undefined, readonly unknown[] | undefined][] = [];
    const lists: ListPath[] = [
      ['unterlagen'],
      ['kosten'],
      ['verfahrensablauf'],
      ['hinweise'],
      ['situationen'],
      ['voraussetzungen'],
      ['fristen'],
    ];
    for (const [key] of lists) {
      pairs.push([
        ['sprachen', language, key],
        s[key] as readonly unknown[] | undefined,
        t[key as keyof ServiceTranslation] as readonly unknown[] | undefined,
      ]);
    }
    for (const [tenant, words] of Object.entries(t.kommunen ?? {})) {
      const german = s.kommunen?.[tenant];
      if (!german) {
        problems.push({
          file: f.file,
          line: lineOf(f.doc, f.lines, ['sprachen', language, 'kommunen', tenant]),
          message: `sprachen.${language}.kommunen.${tenant}: the German file has no kommunen.${tenant}`,
        });
        continue;
      }
      for (const key of ['unterlagen', 'kosten', 'verfahrensablauf', 'hinweise', 'situationen'] as const) {
        pairs.push([['sprachen', language, 'kommunen', tenant, key], german[key], words[key]]);
      }
    }
    for (const [path, german, translated] of pairs) {
      if (!translated) continue;
      const where = path.join('.');
      if (!german) {
        problems.push({ file: f.file, line: lineOf(f.doc, f.lines, path), message: `${where}: the German text has no such list` });
      } else if (german.length !== translated.length) {
        problems.push({
          file: f.file,
          line: lineOf(f.doc, f.lines, path),
          message: `${where}: ${translated.length} items, the German list has ${german.length} (item by item, in the German order)`,
        });
      }
    }
    for (const facet of Object.keys(t.kurzantworten ?? {})) {
      if (!s.kurzantworten?.[facet as keyof typeof s.kurzantworten])
        problems.push({
          file: f.file,
          line: lineOf(f.doc, f.lines, ['sprachen', language, 'kurzantworten', facet]),
          message: `sprachen.${language}.kurzantworten.${facet}: the German text has no such short answer`,
        });
    }
  }
}

/**
 * Which translations a service file lacks or has outlived, for `languages` (each language's services to translate:
 * every one for a full language, those with a translation already for a core one).
 */
export function translationFindings(
  f: ParsedFile<ServiceFile>,
  languages: readonly { code: LanguageCode; full: boolean }[],
): TranslationFinding[] {
  const s = f.data;
  const out: TranslationFinding[] = [];
  for (const { code, full } of languages) {
    if (code === 'de') continue;
    const t = s.sprachen?.[code];
    const at = (path: PathKey[]): number => lineOf(f.doc, f.lines, path);
    if (!t || !hasFacts(t)) {
      if (full)
        out.push({
          file: f.file,
          line: at(t ? ['sprachen', code] : ['id']),
          language: code,
          kind: 'missing',
          message: `no ${code} translation of the facts`,
        });
      continue;
    }
    if (t.geprueft < s.fachlicheFreigabe.am) {
      out.push({
        file: f.file,
        line: at(['sprachen', code, 'geprueft']),
        language: code,
        kind: 'stale',
        message: `${code} translation checked ${t.geprueft}, the German text was approved later (${s.fachlicheFreigabe.am}): check it again`,
      });
    }
    const missing: string[] = [];
    const single = ['gesprochen', 'bearbeitungsdauer'] as const;
    for (const key of single) if (s[key] !== undefined && t[key] === undefined) missing.push(key);
    for (const key of ['voraussetzungen', 'unterlagen', 'kosten', 'fristen', 'verfahrensablauf', 'hinweise', 'situationen'] as const)
      if (s[key] !== undefined && t[key] === undefined) missing.push(key);
    if (s.onlineDienst && !t.onlineDienst) missing.push('onlineDienst');
    for (const facet of Object.keys(s.kurzantworten ?? {}))
      if (!t.kurzantworten?.[facet as keyof typeof t.kurzantworten]) missing.push(`kurzantworten.${facet}`);
    for (const tenant of Object.keys(s.kommunen ?? {})) {
      const german = s.kommunen![tenant];
      const words = t.kommunen?.[tenant];
      for (const key of ['unterlagen', 'kosten', 'verfahrensablauf', 'hinweise', 'situationen'] as const)
        if (german[key] !== undefined && words?.[key] === undefined) missing.push(`kommunen.${tenant}.${key}`);
    }
    if (missing.length > 0)
      out.push({
        file: f.file,
        line: at(['sprachen', code]),
        language: code,
        kind: 'missing',
        message: `${code}: not translated: ${missing.join(', ')}`,
      });
  }
  return out;
}
