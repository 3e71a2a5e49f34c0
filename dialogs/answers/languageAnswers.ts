/**
 * What the assistant says about languages: a message that asks nothing, a language it does not speak (the ones it
 * does, as buttons), the switch to another language, the note under a translated answer, and a service not yet
 * translated into the conversation's language (said honestly, with the languages it is explained in). Pure, like
 * every answer. The texts: knowledge/texte/<sprache>/sprache.yaml.
 */
import type { KnowledgeBase } from '../../knowledge/loader';
import type { LanguageCode, TenantFile } from '../../knowledge/schema';
import type { Texts } from '../../knowledge/texts/texts';
import type { Reply } from './reply';
import { examples } from './conversationAnswers';

/** Emoji, "???", "asdf": no question, so nothing misunderstood; a friendly nudge with examples. */
export function noiseAnswer(texts: Texts): Reply {
  return {
    text: texts.render('sprache.unklar'),
    suggestions: examples(texts),
    expectsAnswer: true,
  };
}

/** The languages a Kommune offers (all of the knowledge's unless its file names some; German always), in the knowledge's order. */
export function offeredLanguages(knowledge: KnowledgeBase, tenant: TenantFile): LanguageCode[] {
  const own = tenant.sprachen;
  return [...knowledge.languages.keys()].filter((code) => code === 'de' || !own || own.includes(code));
}

/** The languages by their own names ("Deutsch", "English", "Türkçe"): what a citizen recognises and can press. */
export function languageNames(knowledge: KnowledgeBase, codes: readonly LanguageCode[]): string[] {
  return codes.map((code) => knowledge.languages.get(code)?.settings.name ?? code);
}

/** A language the assistant does not speak: the ones it does, each a button that switches to it. */
export function otherLanguageAnswer(knowledge: KnowledgeBase, tenant: TenantFile): Reply {
  const names = languageNames(knowledge, offeredLanguages(knowledge, tenant));
  return { text: tenant.texts.render('sprache.andereSprache', { sprachen: names.join(', ') }), suggestions: names, expectsAnswer: true };
}

/** "in English please": from now on in that language, with examples of what to ask. */
export function languageChosenAnswer(texts: Texts): Reply {
  return { text: texts.render('sprache.gewechselt'), suggestions: examples(texts), expectsAnswer: true };
}

/** The note under an answer whose facts are translated: translated from German, the German source linked. */
export function translationNote(texts: Texts, source: string): string {
  return texts.render('sprache.uebersetzt', { quelle: source });
}

/**
 * A service not translated into the conversation's language ("core" languages have the most asked ones): which
 * services it explains in this language, and the offer of the full languages or a person.
 */
export function notTranslatedAnswer(knowledge: KnowledgeBase, tenant: TenantFile, serviceName: string): Reply {
  const translated = [...knowledge.services.values()]
    .filter((s) => s.sprachen?.[knowledge.language]?.kurz !== undefined)
    .map((s) => s.name);
  const full = offeredLanguages(knowledge, tenant).filter((code) => knowledge.languages.get(code)?.settings.umfang === 'voll');
  const names = languageNames(knowledge, full);
  const t = tenant.texts;
  return {
    text: t.render('sprache.nichtUebersetzt', { leistung: serviceName, leistungen: t.list(translated), sprachen: t.list(names, 'oder') }),
    suggestions: [...names, t.render('schaltflaechen.mitPersonSprechen')],
  };
}
