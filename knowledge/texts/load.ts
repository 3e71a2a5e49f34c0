/**
 * Loads the reply texts (knowledge/texte/<sprache>/<bereich>.yaml) and a Kommune's overrides (`texte:` in its
 * tenant file), checks them against the catalogue (catalog.ts) and compiles them. Every problem is a
 * `file:line` problem like the rest of the knowledge; the texts are complete when there is none.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { textFileSchema } from '../schema';
import { lineOf, lineOfKey, parseFile, type ParsedFile, type Problem } from '../yamlFile';
import { TEXT_CATALOG, isButton, textArea, type TextArea } from './catalog';
import { compileTemplate, TemplateSyntaxError, type Template } from './template';
import { Texts } from './texts';

/** The folder of the texts inside a knowledge folder. */
export const TEXTS_FOLDER = 'texte';

const LANGUAGE = /^[a-z]{2}$/;

export interface LoadedTexts {
  /** The shipped texts, by id: each area in its own language. */
  readonly base: ReadonlyMap<string, Template>;
  /** The texts of a Kommune: the shipped ones with its overrides. */
  forTenant(overrides: ParsedFile<{ texte?: Record<string, string> }>, problems: Problem[]): Texts;
  /**
   * The shipped texts in `language`: its translations, and where one is missing the text in its area's own
   * language (German). A Kommune's overrides are German wording and stay in German conversations.
   */
  inLanguage(language: string): Texts;
  /** Per language other than an area's own: the ids of the catalogue it has no text for (the editors' report). */
  missing(language: string): string[];
}

/**
 * Reads `textsDir` (with one folder per language). Problems go to `problems`; the result is usable only when
 * none was added.
 */
export function loadTexts(textsDir: string, show: (f: string) => string, problems: Problem[]): LoadedTexts {
  const base = new Map<string, Template>();
  const translated = new Map<string, Map<string, Template>>();
  if (!existsSync(textsDir)) problems.push({ file: show(textsDir), line: 1, message: 'folder is missing' });
  const languages = existsSync(textsDir) ? readdirSync(textsDir).sort() : [];
  for (const language of languages) {
    const dir = join(textsDir, language);
    if (!statSync(dir).isDirectory()) continue;
    if (!LANGUAGE.test(language)) {
      problems.push({ file: show(dir), line: 1, message: `"${language}" is not a language code such as de or en` });
      continue;
    }
    for (const name of readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()) {
      const file = join(dir, name);
      const areaId = name.replace(/\.ya?ml$/, '');
      const area = textArea(areaId);
      if (!area) {
        problems.push({
          file: show(file),
          line: 1,
          message: `unknown text area "${areaId}" (known: ${Object.keys(TEXT_CATALOG).join(', ')})`,
        });
        continue;
      }
      const parsed = parseFile(file, show(file), textFileSchema, problems);
      if (!parsed) continue;
      // Another language's file is checked (a translation under way, complete or not), but each area speaks
      // its own language.
      const own = language === area.sprache;
      const compiled = checkAreaFile(parsed, areaId, area, own, problems);
      const target = own ? base : (translated.get(language) ?? translated.set(language, new Map()).get(language)!);
      for (const [key, t] of compiled) target.set(`${areaId}.${key}`, t);
    }
  }
  if (existsSync(textsDir)) {
    for (const [areaId, area] of Object.entries(TEXT_CATALOG) as [string, TextArea][]) {
      const file = join(textsDir, area.sprache, `${areaId}.yaml`);
      if (!existsSync(file)) {
        problems.push({ file: show(file), line: 1, message: `file is missing (the texts ${Object.keys(area.texte).join(', ')})` });
      }
    }
  }
  const shared = new Texts(base);
  const inLanguage = new Map<string, Texts>();
  return {
    base,
    inLanguage(language) {
      const own = translated.get(language);
      if (!own) return shared;
      let texts = inLanguage.get(language);
      if (!texts) inLanguage.set(language, (texts = new Texts(new Map([...base, ...own]), language)));
      return texts;
    },
    missing(language) {
      const own = translated.get(language) ?? new Map();
      return [...base.keys()].filter((id) => !own.has(id) && textArea(id.slice(0, id.indexOf('.')))?.sprache !== language);
    },
    forTenant(tenant, tenantProblems) {
      const own = tenant.data.texte;
      if (!own || Object.keys(own).length === 0) return shared;
      const merged = new Map(base);
      for (const [id, text] of Object.entries(own)) {
        const override = checkOverride(tenant, id, text, tenantProblems);
        if (override) merged.set(id, override);
      }
      return new Texts(merged);
    },
  };
}

/**
 * Checks one area's file: unknown keys, placeholders, and (`complete`: the area's own language) missing keys.
 * Returns the compiled texts it has.
 */
function checkAreaFile(
  f: ParsedFile<Record<string, string>>,
  areaId: string,
  area: TextArea,
  complete: boolean,
  problems: Problem[],
): Map<string, Template> {
  const compiled = new Map<string, Template>();
  for (const [key, text] of Object.entries(f.data)) {
    const line = (): number => lineOfKey(f.doc, f.lines, [], key);
    const declared = area.texte[key] as readonly string[] | undefined;
    if (!declared) {
      problems.push({
        file: f.file,
        line: line(),
        message: `${key}: unknown text (the texts of ${areaId}: ${Object.keys(area.texte).join(', ')})`,
      });
      continue;
    }
    const t = compileChecked(text, declared, key, f.file, () => lineOf(f.doc, f.lines, [key]), problems);
    if (t) compiled.set(key, t);
  }
  for (const key of complete ? Object.keys(area.texte) : []) {
    if (!(key in f.data)) problems.push({ file: f.file, line: 1, message: `${key}: missing (the assistant uses this text)` });
  }
  return compiled;
}

/** A Kommune's text for `id`: a known, non-button text with the same placeholders. */
function checkOverride(
  tenant: ParsedFile<{ texte?: Record<string, string> }>,
  id: string,
  text: string,
  problems: Problem[],
): Template | undefined {
  const line = lineOfKey(tenant.doc, tenant.lines, ['texte'], id);
  const dot = id.indexOf('.');
  const areaId = dot < 0 ? id : id.slice(0, dot);
  const key = id.slice(dot + 1);
  const area = textArea(areaId);
  const declared = area?.texte[key] as readonly string[] | undefined;
  if (!area || dot < 0 || !declared) {
    problems.push({ file: tenant.file, line, message: `texte.${id}: unknown text (ids are "<file>.<key>" of knowledge/texte/de)` });
    return undefined;
  }
  if (isButton(area, key)) {
    problems.push({
      file: tenant.file,
      line,
      message: `texte.${id}: a button title cannot be changed for one Kommune (the assistant would no longer understand it)`,
    });
    return undefined;
  }
  return compileChecked(text, declared, `texte.${id}`, tenant.file, () => lineOf(tenant.doc, tenant.lines, ['texte', id]), problems);
}

function compileChecked(
  text: string,
  declared: readonly string[],
  where: string,
  file: string,
  lineOfText: () => number,
  problems: Problem[],
): Template | undefined {
  let t: Template;
  let known: number | undefined;
  const line = (): number => (known ??= lineOfText());
  try {
    t = compileTemplate(text);
  } catch (err) {
    if (!(err instanceof TemplateSyntaxError)) throw err;
    problems.push({ file, line: line(), message: `${where}: ${err.message}` });
    return undefined;
  }
  const names = (ps: Iterable<string>): string => [...ps].map((p) => `{${p}}`).join(', ');
  let ok = true;
  for (const p of t.placeholders) {
    if (!declared.includes(p)) {
      problems.push({
        file,
        line: line(),
        message: `${where}: unknown placeholder {${p}} (${declared.length ? `this text has ${names(declared)}` : 'this text has none'})`,
      });
      ok = false;
    }
  }
  for (const p of declared) {
    if (!t.placeholders.has(p)) {
      problems.push({ file, line: line(), message: `${where}: placeholder {${p}} is missing (the fact the assistant fills in there)` });
      ok = false;
    }
  }
  return ok ? t : undefined;
}
