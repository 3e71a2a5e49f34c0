/**
 * The languages the assistant answers in (knowledge/sprachen.yaml) and, per language other than German, what it
 * understands them from (knowledge/intents/<code>/: one file per intent, and facetten.yaml with the words that say
 * what exactly is asked). German is the source: its phrases are knowledge/intents/*.yaml, its words the code's.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  intentFileSchema,
  languagesFileSchema,
  languageWordsSchema,
  LANGUAGE_CODES,
  type IntentFile,
  type IntentId,
  type LanguageCode,
  type LanguageSettings,
  type LanguageWords,
} from './schema';
import { lineOf, parseFile, type Problem } from './yamlFile';

export const LANGUAGES_FILE = 'sprachen.yaml';
const WORDS_FILE = 'facetten.yaml';

/** German when a knowledge folder names no languages (a Kommune's own folder, a test fixture). */
export const GERMAN: LanguageSettings = { code: 'de', name: 'Deutsch', umfang: 'voll', ssml: 'de-DE', stimme: 'de-DE-KatjaNeural' };

export interface LanguageKnowledge {
  readonly settings: LanguageSettings;
  /** The intents' training phrases in this language (German: knowledge/intents/*.yaml). */
  readonly phrases: ReadonlyMap<IntentId, readonly string[]>;
  /** Facet, case and language-choice words (none for German: the German understanding has them in code). */
  readonly words?: LanguageWords;
}

/**
 * Reads sprachen.yaml and the intents' language folders. A language in sprachen.yaml other than German needs its
 * folder (else it could not be understood); a folder without an entry in sprachen.yaml is a problem too.
 */
export function loadLanguages(
  dir: string,
  germanPhrases: ReadonlyMap<IntentId, readonly string[]>,
  show: (f: string) => string,
  problems: Problem[],
): Map<LanguageCode, LanguageKnowledge> {
  const out = new Map<LanguageCode, LanguageKnowledge>();
  const file = join(dir, LANGUAGES_FILE);
  const parsed = existsSync(file) ? parseFile(file, show(file), languagesFileSchema, problems) : undefined;
  const settings = parsed?.data.sprachen ?? [GERMAN];
  if (parsed && !settings.some((l) => l.code === 'de'))
    problems.push({ file: parsed.file, line: lineOf(parsed.doc, parsed.lines, ['sprachen']), message: 'sprachen: German (de) is missing' });
  const intentsDir = join(dir, 'intents');
  const folders = existsSync(intentsDir) ? readdirSync(intentsDir).filter((f) => statSync(join(intentsDir, f)).isDirectory()) : [];
  for (const folder of folders) {
    if (!settings.some((l) => l.code === folder))
      problems.push({
        file: show(join(intentsDir, folder)),
        line: 1,
        message: `a language folder without an entry in ${LANGUAGES_FILE} (${LANGUAGE_CODES.join(', ')})`,
      });
  }
  settings.forEach((language, i) => {
    if (out.has(language.code)) {
      problems.push({
        file: show(file),
        line: parsed ? lineOf(parsed.doc, parsed.lines, ['sprachen', i]) : 1,
        message: `${language.code}: listed twice`,
      });
      return;
    }
    if (language.code === 'de') {
      out.set('de', { settings: language, phrases: germanPhrases });
      return;
    }
    const folder = join(intentsDir, language.code);
    if (!existsSync(folder)) {
      problems.push({
        file: show(folder),
        line: 1,
        message: `folder is missing (the phrases the assistant understands ${language.name} from)`,
      });
      return;
    }
    const phrases = new Map<IntentId, string[]>();
    let words: LanguageWords | undefined;
    for (const name of readdirSync(folder)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()) {
      const path = join(folder, name);
      if (name === WORDS_FILE) {
        words = parseFile(path, show(path), languageWordsSchema, problems)?.data;
        continue;
      }
      const f = parseFile<IntentFile>(path, show(path), intentFileSchema, problems);
      if (!f) continue;
      if (name.replace(/\.ya?ml$/, '') !== f.data.intent)
        problems.push({
          file: f.file,
          line: lineOf(f.doc, f.lines, ['intent']),
          message: `intent: "${f.data.intent}" must match the file name`,
        });
      phrases.set(f.data.intent, [...(phrases.get(f.data.intent) ?? []), ...f.data.phrases]);
    }
    if (!words)
      problems.push({
        file: show(join(folder, WORDS_FILE)),
        line: 1,
        message: 'file is missing (facets, cases and the words that choose the language)',
      });
    out.set(language.code, { settings: language, phrases, words });
  });
  return out;
}
