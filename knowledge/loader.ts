/**
 * Loads and validates the knowledge folder. Every problem is reported with the file and line it stands on
 * (`file:line: problem`), so that editors who are not programmers find it. Loading is all-or-nothing:
 * a knowledge base is returned only when there is no problem at all.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join, relative, basename } from 'node:path';
import {
  serviceSchema,
  tenantSchema,
  intentFileSchema,
  placesFileSchema,
  otherServicesFileSchema,
  type OtherService,
  type ServiceFile,
  type TenantFile,
  type IntentFile,
  type IntentId,
  type Office,
  type PlacesFile,
  type LanguageCode,
} from './schema';
import { formatProblem, lineOf, parseFile, type ParsedFile, type PathKey, type Problem } from './yamlFile';
import { loadTexts, TEXTS_FOLDER, type LoadedTexts } from './texts/load';
import type { Texts } from './texts/texts';
import { loadLanguages, type LanguageKnowledge } from './languages';
import { checkAlignment, localizeService, translationFindings, type TranslationFinding } from './translations';
import { DEFAULT_KNOWLEDGE_DIR } from './paths';

export { formatProblem, lineOf, type Problem } from './yamlFile';

export interface KnowledgeBase {
  readonly services: ReadonlyMap<string, ServiceFile>;
  readonly tenants: ReadonlyMap<string, TenantFile>;
  /** Every office of every tenant by its (globally unique) id. */
  readonly offices: ReadonlyMap<string, Office & { tenant: string }>;
  readonly phrases: ReadonlyMap<IntentId, readonly string[]>;
  /** The gazetteer of each tenant that has one (places/<tenant>.yaml). */
  readonly places: ReadonlyMap<string, PlacesFile>;
  /** Services recognised but not answered yet (weitere-leistungen.yaml), by id. */
  readonly otherServices: ReadonlyMap<string, OtherService>;
  /** The languages the assistant answers in (sprachen.yaml), with what it understands each from. */
  readonly languages: ReadonlyMap<LanguageCode, LanguageKnowledge>;
  /** The language this view's words are in: `de` for the knowledge as loaded. */
  readonly language: LanguageCode;
  /**
   * The same knowledge in the words of `language`: services with their translation laid over them (a service
   * without one stays German: `translation` tells them apart), every Kommune with the texts of that language.
   */
  inLanguage(language: LanguageCode): KnowledgeBase;
  /** What the translations lack or have outlived (check-knowledge reports it; the assistant answers in German there). */
  readonly translationReport: readonly TranslationFinding[];
}

/** The catalogue of known unknowns, beside the folders (optional: a Kommune may start without one). */
export const OTHER_SERVICES_FILE = 'weitere-leistungen.yaml';

export type LoadResult = { ok: true; knowledge: KnowledgeBase } | { ok: false; problems: Problem[] };

export class KnowledgeError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`invalid knowledge:\n${problems.map(formatProblem).join('\n')}`);
  }
}

/** A file is named after the id it declares ("reisepass.yaml" has `id: reisepass`). */
function checkFileName<T>(f: ParsedFile<T>, field: string, value: string, problems: Problem[]): void {
  const expected = basename(f.file).replace(/\.ya?ml$/, '');
  if (value !== expected)
    problems.push({
      file: f.file,
      line: lineOf(f.doc, f.lines, [field]),
      message: `${field}: "${value}" must match the file name "${expected}"`,
    });
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The texts of a knowledge folder: its own texte/, or the shipped ones when it has none (a test fixture or a
 * Kommune's folder that does not change the wording).
 */
export function textsDirOf(dir: string): string {
  const own = join(dir, TEXTS_FOLDER);
  return existsSync(own) ? own : join(DEFAULT_KNOWLEDGE_DIR, TEXTS_FOLDER);
}

/**
 * Reads `dir` (with services/, tenants/, intents/, texte/) and returns the knowledge base or every problem found.
 * `displayBase` is the folder file names are shown relative to (default: the working directory).
 */
export function loadKnowledge(dir: string, displayBase = process.cwd()): LoadResult {
  const problems: Problem[] = [];
  const show = (f: string): string => relative(displayBase, f) || f;
  for (const sub of ['services', 'tenants']) {
    if (!existsSync(join(dir, sub))) problems.push({ file: show(join(dir, sub)), line: 1, message: 'folder is missing' });
  }

  const tenants = yamlFiles(join(dir, 'tenants')).map((f) => parseFile(f, show(f), tenantSchema, problems));
  const services = yamlFiles(join(dir, 'services')).map((f) => parseFile(f, show(f), serviceSchema, problems));
  const intents = yamlFiles(join(dir, 'intents')).map((f) => parseFile<IntentFile>(f, show(f), intentFileSchema, problems));
  const places = yamlFiles(join(dir, 'places')).map((f) => parseFile(f, show(f), placesFileSchema, problems));

  const texts = loadTexts(textsDirOf(dir), show, problems);

  const tenantMap = new Map<string, TenantFile>();
  const officeMap = new Map<string, Office & { tenant: string }>();
  for (const t of tenants) {
    if (!t) continue;
    checkFileName(t, 'id', t.data.id, problems);
    tenantMap.set(t.data.id, { ...t.data, texts: texts.forTenant(t, problems) });
    t.data.aemter.forEach((office, i) => {
      if (officeMap.has(office.id)) {
        problems.push({
          file: t.file,
          line: lineOf(t.doc, t.lines, ['aemter', i, 'id']),
          message: `aemter[${i}].id: office id "${office.id}" is used twice`,
        });
      }
      officeMap.set(office.id, { ...office, tenant: t.data.id });
    });
  }

  const serviceMap = new Map<string, ServiceFile>();
  for (const s of services) {
    if (!s) continue;
    const { data, file } = s;
    const lineAt = (path: PathKey[]): number => lineOf(s.doc, s.lines, path);
    checkFileName(s, 'id', data.id, problems);
    checkAlignment(s, problems);
    if (serviceMap.has(data.id)) problems.push({ file, line: lineAt(['id']), message: `id: service "${data.id}" is defined twice` });
    serviceMap.set(data.id, data);
    for (const [tenant, officeId] of Object.entries(data.zustaendigkeit)) {
      const at = (): number => lineAt(['zustaendigkeit', tenant]);
      if (!tenantMap.has(tenant)) {
        problems.push({ file, line: at(), message: `zustaendigkeit.${tenant}: unknown tenant "${tenant}"` });
        continue;
      }
      const office = officeMap.get(officeId);
      if (!office) problems.push({ file, line: at(), message: `zustaendigkeit.${tenant}: unknown office id "${officeId}"` });
      else if (office.tenant !== tenant)
        problems.push({ file, line: at(), message: `zustaendigkeit.${tenant}: office "${officeId}" belongs to tenant "${office.tenant}"` });
    }
    for (const tenant of tenantMap.keys()) {
      if (!(tenant in data.zustaendigkeit))
        problems.push({ file, line: lineAt(['zustaendigkeit']), message: `zustaendigkeit: no office for tenant "${tenant}"` });
    }
    for (const tenant of Object.keys(data.kommunen ?? {})) {
      if (!tenantMap.has(tenant))
        problems.push({ file, line: lineAt(['kommunen', tenant]), message: `kommunen.${tenant}: unknown tenant "${tenant}"` });
    }
  }

  const placeMap = new Map<string, PlacesFile>();
  for (const p of places) {
    if (!p) continue;
    const { data, file } = p;
    const lineAt = (path: PathKey[]): number => lineOf(p.doc, p.lines, path);
    checkFileName(p, 'kommune', data.kommune, problems);
    if (!tenantMap.has(data.kommune))
      problems.push({ file, line: lineAt(['kommune']), message: `kommune: unknown tenant "${data.kommune}"` });
    const ids = new Set<string>();
    data.verwaltungen.forEach((v, i) => {
      if (ids.has(v.id))
        problems.push({
          file,
          line: lineAt(['verwaltungen', i, 'id']),
          message: `verwaltungen[${i}].id: "${v.id}" is used twice`,
        });
      ids.add(v.id);
      for (const [group, concrete] of Object.entries(v.aemter ?? {})) {
        const at = (): number => lineAt(['verwaltungen', i, 'aemter', group]);
        const groupOffice = officeMap.get(group);
        if (!groupOffice) problems.push({ file, line: at(), message: `aemter.${group}: unknown office id "${group}"` });
        const office = officeMap.get(concrete);
        if (!office) problems.push({ file, line: at(), message: `aemter.${group}: unknown office id "${concrete}"` });
        else if (office.tenant !== data.kommune)
          problems.push({ file, line: at(), message: `aemter.${group}: office "${concrete}" belongs to tenant "${office.tenant}"` });
      }
    });
    placeMap.set(data.kommune, data);
  }

  const phraseMap = new Map<IntentId, string[]>();
  for (const f of intents) {
    if (!f) continue;
    checkFileName(f, 'intent', f.data.intent, problems);
    phraseMap.set(f.data.intent, [...(phraseMap.get(f.data.intent) ?? []), ...f.data.phrases]);
  }

  const otherMap = loadOtherServices(join(dir, OTHER_SERVICES_FILE), show, serviceMap, tenantMap, problems);

  const languages = loadLanguages(dir, phraseMap, show, problems);
  for (const t of tenants) {
    (t?.data.sprachen ?? []).forEach((code, i) => {
      if (!languages.has(code))
        problems.push({
          file: t!.file,
          line: lineOf(t!.doc, t!.lines, ['sprachen', i]),
          message: `sprachen: "${code}" is not a language of ${'sprachen.yaml'}`,
        });
    });
  }

  if (problems.length > 0) return { ok: false, problems };
  // The translation report is for check-knowledge: built when asked for (it reads the files' line positions).
  let report: TranslationFinding[] | undefined;
  const translationReport = (): TranslationFinding[] => {
    if (report) return report;
    const found: TranslationFinding[] = [];
    report = found;
    const offered = [...languages.values()].map((l) => ({ code: l.settings.code, full: l.settings.umfang === 'voll' }));
    for (const f of services) if (f) report.push(...translationFindings(f, offered));
    // Offices' notes: a note without a translation is shown in German, said to be German.
    for (const f of tenants) {
      if (!f) continue;
      f.data.aemter.forEach((office, i) => {
        if (!office.hinweis) return;
        const untranslated = offered.filter(({ code }) => code !== 'de' && !office.sprachen?.[code]).map(({ code }) => code);
        if (untranslated.length === 0) return;
        found.push({
          file: f.file,
          line: lineOf(f.doc, f.lines, ['aemter', i, 'hinweis']),
          language: untranslated[0],
          kind: 'missing',
          message: `aemter.${office.id}: the note is not translated into ${untranslated.join(', ')} (shown in German)`,
        });
      });
    }
    for (const { code } of offered) {
      if (code === 'de') continue;
      const byArea = new Map<string, string[]>();
      for (const id of texts.missing(code)) {
        const [area, key] = id.split('.');
        byArea.set(area, [...(byArea.get(area) ?? []), key]);
      }
      for (const [area, keys] of byArea) {
        report.push({
          file: show(join(textsDirOf(dir), code, `${area}.yaml`)),
          line: 1,
          language: code,
          kind: 'missing',
          message: `${code}: reply texts not translated (German is used): ${keys.join(', ')}`,
        });
      }
    }
    return report;
  };
  const views = new Map<LanguageCode, KnowledgeBase>();
  const knowledge: KnowledgeBase = {
    services: serviceMap,
    tenants: tenantMap,
    offices: officeMap,
    phrases: phraseMap,
    places: placeMap,
    otherServices: otherMap,
    languages,
    language: 'de',
    get translationReport() {
      return translationReport();
    },
    inLanguage(language) {
      // German is this very knowledge (also a copy of it with some parts replaced, as tests make).
      if (language === 'de' || !languages.has(language)) return this;
      let view = views.get(language);
      if (!view) views.set(language, (view = inLanguage(knowledge, language, texts)));
      return view;
    },
  };
  return { ok: true, knowledge };
}

/** The knowledge in the words of `language` (built once per language and load). */
function inLanguage(knowledge: KnowledgeBase, language: LanguageCode, texts: LoadedTexts): KnowledgeBase {
  const services = new Map([...knowledge.services].map(([id, s]) => [id, localizeService(s, language)]));
  const words = texts.inLanguage(language);
  const office = <O extends Office>(o: O): O => (language === 'de' ? o : localizeOffice(o, language, words));
  const tenants = new Map([...knowledge.tenants].map(([id, t]) => [id, { ...t, texts: words, aemter: t.aemter.map(office) }]));
  const offices = new Map([...knowledge.offices].map(([id, o]) => [id, office(o)]));
  return { ...knowledge, services, tenants, offices, language };
}

/** An office in another language: its note translated, or the German note said to be German. */
function localizeOffice<O extends Office>(office: O, language: LanguageCode, words: Texts): O {
  if (!office.hinweis) return office;
  const hinweis = office.sprachen?.[language]?.hinweis ?? words.render('sprache.aufDeutsch', { text: office.hinweis });
  return { ...office, hinweis };
}

function loadOtherServices(
  file: string,
  show: (f: string) => string,
  services: ReadonlyMap<string, ServiceFile>,
  tenants: ReadonlyMap<string, TenantFile>,
  problems: Problem[],
): Map<string, OtherService> {
  const others = new Map<string, OtherService>();
  if (!existsSync(file)) return others;
  const parsed = parseFile(file, show(file), otherServicesFileSchema, problems);
  if (!parsed) return others;
  const { data } = parsed;
  data.leistungen.forEach((other, i) => {
    const at = (...path: PathKey[]): number => lineOf(parsed.doc, parsed.lines, ['leistungen', i, ...path]);
    if (others.has(other.id))
      problems.push({ file: parsed.file, line: at('id'), message: `leistungen[${i}].id: "${other.id}" is used twice` });
    if (services.has(other.id))
      problems.push({ file: parsed.file, line: at('id'), message: `leistungen[${i}].id: "${other.id}" is an answered service` });
    (other.verwechselbarMit ?? []).forEach((near, k) => {
      if (!services.has(near))
        problems.push({
          file: parsed.file,
          line: at('verwechselbarMit', k),
          message: `leistungen[${i}].verwechselbarMit: unknown service "${near}"`,
        });
    });
    for (const tenant of Object.keys(other.kommunen ?? {})) {
      if (!tenants.has(tenant))
        problems.push({
          file: parsed.file,
          line: at('kommunen', tenant),
          message: `leistungen[${i}].kommunen.${tenant}: unknown tenant "${tenant}"`,
        });
    }
    others.set(other.id, other);
  });
  return others;
}

/** Loads or throws a KnowledgeError listing every problem. */
export function loadKnowledgeOrThrow(dir: string): KnowledgeBase {
  const result = loadKnowledge(dir);
  if (!result.ok) throw new KnowledgeError(result.problems);
  return result.knowledge;
}
