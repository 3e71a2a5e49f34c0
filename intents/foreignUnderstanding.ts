/**
 * Understanding in a language other than German, from that language's knowledge only: its intents' phrases
 * (knowledge/intents/<code>/), its names of the services (`sprachen.<code>` in each service file, with the German
 * names citizens borrow), and its facet and case words (facetten.yaml). Each language reads its words in its own
 * way (analysers below): English and Russian and Ukrainian through natural's stemmers, Turkish and Arabic, which
 * natural cannot stem, by folding their spelling variants and leaving inflection to the classifier's character
 * n-grams. The intent classifier is the German one (intentClassifier.ts), on these tokens.
 * The result is the German understanding's shape, so that everything after it (routing, answers) is shared.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import PorterStemmerRu from 'natural/lib/natural/stemmers/porter_stemmer_ru';
import PorterStemmerUk from 'natural/lib/natural/stemmers/porter_stemmer_uk';
import type { KnowledgeBase } from '../knowledge/loader';
import type { CaseId, FacetId, IntentId, LanguageCode, LanguageWords } from '../knowledge/schema';
import { IntentClassifier, SERVICE_PLACEHOLDER, type IntentScore, type TrainingExample } from './intentClassifier';
import type { AnalysedToken } from './serviceMatcher';
import { SoftmaxClassifier } from './softmaxClassifier';
import type { Understanding, UnderstandingContext } from './understanding';
import type { Place } from './places';
import { SERVICE_SLOT } from './trainingData';

/** How one language turns a word into its comparable form. */
interface Analyser {
  /** Spelling folded: case, diacritics citizens leave out, letter variants. */
  fold(text: string): string;
  stem(word: string): string;
}

const MARKS = /[\u0300-\u036f]/g;
/** Latin-script folding: "Führerschein" = "fuhrerschein", "kimliğimi" = "kimligimi", "ı" = "i". */
const foldLatin = (text: string): string => text.normalize('NFKD').replace(MARKS, '').replace(/ı/g, 'i').replace(/ß/g, 'ss').toLowerCase();
/** Cyrillic: "ё" is written "е"; the German words in Latin script are folded as above. */
const foldCyrillic = (text: string): string => foldLatin(text.replace(/[ёЁ]/g, 'е').replace(/[’'ʼ`]/g, ''));
/** Arabic: without short vowels and tatweel; the hamza forms of alif, ta marbuta and alif maqsura as written loosely. */
const foldArabic = (text: string): string =>
  foldLatin(
    text
      .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
      .replace(/[أإآٱ]/g, 'ا')
      .replace(/ة/g, 'ه')
      .replace(/ى/g, 'ي')
      .replace(/ؤ/g, 'و')
      .replace(/ئ/g, 'ي')
      .replace(/؟/g, '?')
      .replace(/،/g, ','),
  );
/** Arabic light stemming: the conjunction and the article ("والهوية" → "هويه"). */
const stemArabic = (word: string): string => {
  let w = word;
  if (w.length > 4 && (w.startsWith('وال') || w.startsWith('بال') || w.startsWith('كال') || w.startsWith('فال'))) w = w.slice(3);
  else if (w.length > 3 && (w.startsWith('ال') || w.startsWith('لل'))) w = w.slice(2);
  else if (w.length > 4 && w.startsWith('و')) w = w.slice(1);
  return w;
};
const latinStem = (word: string): string => (/^[a-z]+$/.test(word) ? PorterStemmer.stem(word) : word);

const ANALYSERS: Record<Exclude<LanguageCode, 'de'>, Analyser> = {
  en: { fold: foldLatin, stem: latinStem },
  tr: { fold: foldLatin, stem: (w) => w },
  uk: { fold: foldCyrillic, stem: (w) => (/^[а-яіїєґ]+$/.test(w) ? PorterStemmerUk.stem(w) : w) },
  ru: { fold: foldCyrillic, stem: (w) => (/^[а-я]+$/.test(w) ? PorterStemmerRu.stem(w) : w) },
  ar: { fold: foldArabic, stem: stemArabic },
};

const WORD = /[\p{L}\p{N}]+/gu;

/** A service's name as the matcher compares it: its words' comparable forms. */
interface NameForm {
  service: string;
  words: string[];
  /** Each word's key (wordKey): a message without all of them cannot name it. */
  keys: string[];
  /** A German name citizens borrow: its words are folded but not stemmed. */
  borrowed: boolean;
}

/** What two words that sameWord() takes for one have in common: the word itself when short, else its beginning. */
const wordKey = (w: string): string => (w.length < 4 ? w : w.slice(0, 4));

/** Other words a name's words may have between them, beyond one ("register three new vehicles"). */
const NAME_GAP = 1;
/** And words like "my" and "the" besides. */
const MAX_FUNCTION_WORDS_BETWEEN = 1;

/** The longest ending (case, possessive, plural) two forms of one word differ by. */
const MAX_ENDING = 4;
/**
 * The endings a borrowed German name takes in English: German's own ("Kopien", "des Passes"), so that
 * "Servicekonto" is no "services" and "Pass" no "passed". (Turkish and Arabic add their own endings to German
 * words, "Anmeldungumu": there sameWord's endings apply.)
 */
const GERMAN_ENDINGS = new Set(['e', 'n', 's', 'en', 'es', 'er', 'em', 'ern', 'ens']);

/** One slip of the keyboard apart: a letter changed, left out, added, or two letters swapped ("pasport", "adress"). */
export function oneSlipApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.slice(i) === long.slice(i + 1);
}

/** The shortest word read as a slip of another: shorter words are too often other words ("cart", "card"). */
const SHORTEST_SLIP = 6;

/** What mending slips needs (NameReader.mended): the words known, and the names' long words by how many names use them. */
function slipsOf(phraseWords: ReadonlySet<string>, nameWords: readonly string[]): { known: Set<string>; nameWords: Map<string, number> } {
  const uses = new Map<string, number>();
  for (const w of nameWords) if (w.length >= SHORTEST_SLIP - 1) uses.set(w, (uses.get(w) ?? 0) + 1);
  return { known: new Set([...phraseWords, ...nameWords]), nameWords: uses };
}

/** A German word as written or with a German ending. */
function sameGermanWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.startsWith(short) && GERMAN_ENDINGS.has(long.slice(short.length));
}

/** Two comparable forms are the same word, inflection aside: equal, or sharing all but a short ending. */
function sameWord(a: string, b: string, shortest: number): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  // An ending, not another word: "kimliğimi" is "kimlik", "person" is no "Personalausweis" (nor "Perso").
  if (shorter < shortest || Math.abs(a.length - b.length) > MAX_ENDING) return false;
  const need = Math.max(4, shorter - 1);
  return a.slice(0, need) === b.slice(0, need);
}

/** Threshold under which the best intent is too uncertain to act on (as in the German understanding). */
const MIN_CONFIDENCE = 0.3;
/** As in the German understanding: of at least this many content words, this share must be known in-domain words. */
const MIN_CONTENT_FOR_COVERAGE = 2;
const MIN_COVERAGE = 0.5;
/** How likely a request for a person or a call must be, said in so many words, to go before the model's first reading. */
const REQUEST_PROBABILITY = 0.25;
const SMALL_TALK = new Set<IntentId>(['greeting', 'goodbye', 'help', 'agent', 'callback']);
/** Languages whose words natural stems (the others are compared by their beginnings). */
const STEMMED = new Set<LanguageCode>(['en', 'uk', 'ru']);
const SERVICE_INTENTS = new Set<IntentId>(['documents', 'fees', 'howto', 'contact', 'hours']);
/** Facets that are the question itself ("where", "how long", "online", "appointment"), not a case of it ("for my child"). */
const DECISIVE_FACETS = new Set<FacetId>(['ort', 'dauer', 'online', 'termin']);

/** The share of a language's phrases a word must appear in to be a function word ("the", "my", "bir", "для"). */
const FUNCTION_WORD_SHARE = 0.04;

/** What a message names: an answered service, several that share the word it used, or a service not answered yet. */
interface NameMatch {
  tokens: AnalysedToken[];
  service: string | null;
  candidates: string[];
  /** A service the assistant does not answer (weitere-leistungen.yaml), named more specifically than any answered one. */
  other: string | null;
  /** The message is the name and nothing else. */
  only: boolean;
  /** The name found when it is one word ("deregister"): what the sentence's other words may read in a family. */
  oneWord?: string;
}

/** Name words two services share when they are one family (as in the German matcher: FAMILY_AFFINITY). */
const FAMILY_AFFINITY = 4;
/** A name word more services use than this ("apply", "online") tells nothing about which one is meant. */
const MAX_USERS_OF_A_TELLING_WORD = 4;

/** The services' names in one language, and how a message's words are read and matched against them. */
class NameReader {
  /** The names by their first word's key, in the order of `names`. */
  private readonly byFirstKey = new Map<string, (NameForm & { other: boolean })[]>();
  /** Per name word, the answered services using it and in how many of their names ("car" → Zulassung 30, Abmeldung 25). */
  private readonly usage = new Map<string, Map<string, number>>();
  private readonly families = new Map<string, string[]>();

  private constructor(
    private readonly analyser: Analyser,
    names: readonly (NameForm & { other: boolean })[],
    /** A word that is the whole name of several services ("standesamt", "abmeldung") → those services. */
    private readonly sharedWords: ReadonlyMap<string, readonly string[]>,
    /** Words too common in the language's phrases to say anything (folded forms). */
    readonly functionWords: ReadonlySet<string>,
    /**
     * The shortest word compared by its beginning: where a stemmer has taken the endings off (English), only
     * longer borrowed words are; Turkish and Arabic inflect short words too ("هويتي" is "هوية").
     */
    private readonly shortestInflected: number,
    /** Facet words and one-word cases ("how long", "lost", "son"): they say what is asked, not which service. */
    readonly questionWords: ReadonlySet<string>,
    /** Whether a message's word is a borrowed German name's word. */
    private readonly sameBorrowed: (token: AnalysedToken, nameWord: string) => boolean,
    /** For mending slips: every word the phrases and names use, and the names' long words with how many names use each. */
    private readonly slips?: { known: ReadonlySet<string>; nameWords: ReadonlyMap<string, number> },
  ) {
    for (const name of names) {
      (this.byFirstKey.get(name.keys[0]) ?? this.byFirstKey.set(name.keys[0], []).get(name.keys[0])!).push(name);
      if (name.other) continue;
      for (const w of new Set(name.words)) {
        const users = this.usage.get(w) ?? this.usage.set(w, new Map()).get(w)!;
        users.set(name.service, (users.get(name.service) ?? 0) + 1);
      }
    }
  }

  /** The answered services whose names use the word in at least `atLeast` names. */
  private servicesUsing(word: string, atLeast = 1): string[] {
    return [...(this.usage.get(word) ?? [])].filter(([, n]) => n >= atLeast).map(([id]) => id);
  }

  /** The service and those sharing at least FAMILY_AFFINITY name words with it (car registration and deregistration). */
  private familyOf(service: string): string[] {
    let family = this.families.get(service);
    if (!family) {
      const shared = new Map<string, number>();
      for (const users of this.usage.values())
        if (users.has(service)) for (const other of users.keys()) shared.set(other, (shared.get(other) ?? 0) + 1);
      family = [...shared].filter(([other, n]) => other === service || n >= FAMILY_AFFINITY).map(([other]) => other);
      this.families.set(service, family);
    }
    return family;
  }

  /**
   * A short name several services use, read in the family the message's other words point to, as in German
   * ("his car is still registered … deregister it": the car's deregistration, not the address's). A word
   * counts for a service when several of its names use it ("car"), not one odd name; words most services use
   * ("apply") say nothing. Undefined when the words point nowhere or to two services alike.
   */
  inSentenceFamily(nameWord: string, named: readonly string[], others: readonly AnalysedToken[]): string | undefined {
    // Only a word several services' names use is read in a family; a service's own word ("passport") stays its.
    const using = this.servicesUsing(nameWord);
    if (using.length < 2) return undefined;
    const candidates = new Set(this.servicesUsing(nameWord, 2));
    for (const id of named) for (const member of this.familyOf(id)) if (using.includes(member)) candidates.add(member);
    // Both forms: the language's own words are compared stemmed, the borrowed German ones as written.
    const telling = [...new Set(others.flatMap((t) => [t.stem, t.word]))].filter((w) => {
      const users = this.servicesUsing(w).length;
      return w !== nameWord && !this.questionWords.has(w) && users > 0 && users <= MAX_USERS_OF_A_TELLING_WORD;
    });
    const uses = (id: string): number => telling.filter((w) => (this.usage.get(w)?.get(id) ?? 0) >= 2).length;
    const ranked = [...candidates].map((id) => ({ id, n: uses(id) })).sort((a, b) => b.n - a.n);
    const [best, second] = ranked;
    const current = named.length === 1 ? uses(named[0]) : 0;
    if (!best || best.n === 0 || best.n <= current || (second && second.n === best.n)) return undefined;
    return best.id;
  }

  static build(knowledge: KnowledgeBase, language: Exclude<LanguageCode, 'de'>, phrases: Iterable<string>): NameReader {
    const analyser = ANALYSERS[language];
    const folded = (text: string): string[] => analyser.fold(text).match(WORD) ?? [];
    const forms = (text: string): string[] => folded(text).map((w) => analyser.stem(w));
    // Function words, from how often they occur in the language's own phrases: no part of a name.
    const frequency = new Map<string, number>();
    let count = 0;
    const phrasesSeen: string[] = [];
    for (const p of phrases) {
      count++;
      phrasesSeen.push(p);
      for (const w of new Set(forms(p.split(SERVICE_SLOT).join(' ')))) frequency.set(w, (frequency.get(w) ?? 0) + 1);
    }
    const functionWords = new Set([...frequency].filter(([, n]) => n >= count * FUNCTION_WORD_SHARE).map(([w]) => w));
    const names: (NameForm & { other: boolean })[] = [];
    // The language's own names are compared by their stems; the German names citizens borrow as written, German
    // endings aside: German is not inflected the language's way ("Pass" is no "passed").
    const add = (service: string, text: string, other: boolean, borrowed: boolean): void => {
      const words = borrowed
        ? folded(text).filter((w) => !functionWords.has(analyser.stem(w)))
        : forms(text).filter((w) => !functionWords.has(w));
      if (words.length > 0) names.push({ service, words, keys: words.map(wordKey), other, borrowed });
    };
    // A German name among the language's names ("Pass" in the English list) is borrowed all the same.
    const ownNames: string[] = [];
    const addAll = (service: string, own: readonly string[], german: readonly string[], other: boolean): void => {
      ownNames.push(...own, ...german);
      const germanFolded = new Set(german.map((n) => analyser.fold(n)));
      for (const n of own) if (!germanFolded.has(analyser.fold(n))) add(service, n, other, false);
      for (const n of german) add(service, n, other, true);
    };
    for (const s of knowledge.services.values()) {
      const t = s.sprachen?.[language];
      addAll(s.id, t ? [t.name, ...t.synonyme] : [], [s.name, ...s.synonyme], false);
    }
    for (const o of knowledge.otherServices.values()) addAll(o.id, o.sprachen?.[language] ?? [], [o.name, ...o.synonyme], true);
    const single = new Map<string, Set<string>>();
    for (const n of names)
      if (n.words.length === 1 && !n.other) (single.get(n.words[0]) ?? single.set(n.words[0], new Set()).get(n.words[0])!).add(n.service);
    const sharedWords = new Map([...single].filter(([, ss]) => ss.size > 1).map(([w, ss]) => [w, [...ss]] as const));
    const functionFolded = new Set<string>();
    const vocabulary = new Set<string>();
    for (const p of phrasesSeen)
      for (const w of folded(p)) {
        vocabulary.add(w);
        if (functionWords.has(analyser.stem(w))) functionFolded.add(w);
      }
    const own = knowledge.languages.get(language)?.words;
    const facetWords = Object.values(own?.facetten ?? {}).flatMap((list) => (list ?? []).flatMap(forms));
    // A case said in one word ("son", "lost") is a question word; "new car" says which service as well.
    const caseWords = Object.values(own?.faelle ?? {}).flatMap((list) =>
      (list ?? [])
        .map(forms)
        .filter((l) => l.length === 1)
        .flat(),
    );
    const english = language === 'en';
    return new NameReader(
      analyser,
      names,
      sharedWords,
      functionFolded,
      english ? 6 : 4,
      new Set([...facetWords, ...caseWords]),
      // A word of the language's own phrases is that language's word: "person" is no inflected "Perso".
      // Elsewhere the German word may carry the language's article ("الـReisepass"), which the stemmer takes off.
      english
        ? ({ word }, nameWord) => word === nameWord || (!vocabulary.has(word) && sameGermanWord(word, nameWord))
        : ({ word, stem }, nameWord) => sameWord(word, nameWord, 4) || sameWord(stem, nameWord, 4),
      english ? slipsOf(vocabulary, ownNames.flatMap(folded)) : undefined,
    );
  }

  /**
   * The message's tokens with slips of the keyboard in service names mended: a long word the language's phrases
   * and names never use, one slip from a name's word ("pasport"), is read as that word. Of several, the word more
   * names use. Only where the language's own vocabulary is large enough to tell a slip from a word (`slips`).
   */
  mended(tokens: readonly AnalysedToken[]): AnalysedToken[] {
    if (!this.slips) return [...tokens];
    return tokens.map((t) => {
      if (t.word.length < SHORTEST_SLIP || this.slips!.known.has(t.word)) return t;
      let best: { word: string; uses: number } | undefined;
      for (const [word, uses] of this.slips!.nameWords)
        if (oneSlipApart(t.word, word) && (!best || uses > best.uses)) best = { word, uses };
      return best ? { word: best.word, stem: this.analyser.stem(best.word) } : t;
    });
  }

  /** A text's comparable forms (for facet and case words). */
  forms(text: string): string[] {
    return this.tokens(text).map((t) => t.stem);
  }

  /** The message's words, folded and stemmed. */
  tokens(text: string): AnalysedToken[] {
    return (this.analyser.fold(text).match(WORD) ?? []).map((word) => ({ word, stem: this.analyser.stem(word) }));
  }

  /**
   * The service the words name, its words replaced by the placeholder: of all names whose every word is there,
   * the longest. A word that is the whole name of several services ("Standesamt") names none of them alone but
   * offers them all; a longer name of a service not answered yet ("severely disabled person's pass") wins.
   */
  masked(tokens: readonly AnalysedToken[]): NameMatch {
    type Found = { name: NameForm & { other: boolean }; span: number[]; length: number };
    let best: Found | undefined;
    let bestAnswered: Found | undefined;
    const keys = new Set(tokens.flatMap((t) => [wordKey(t.stem), wordKey(t.word)]));
    // Only the names whose first word's key the message has (a name needs all its words): a few dozen of thousands.
    const candidates = new Set<NameForm & { other: boolean }>();
    for (const k of keys) for (const name of this.byFirstKey.get(k) ?? []) candidates.add(name);
    for (const name of candidates) {
      if (!name.keys.every((k) => keys.has(k))) continue;
      const span: number[] = [];
      for (const w of name.words) {
        const at = tokens.findIndex(
          (t, i) => !span.includes(i) && (name.borrowed ? this.sameBorrowed(t, w) : sameWord(t.stem, w, this.shortestInflected)),
        );
        if (at < 0) break;
        span.push(at);
      }
      if (span.length !== name.words.length) continue;
      // A name is said as a phrase: its words together, at most one other word between them besides words like
      // "my" and "the" ("take my German car off the road"), not scattered over a sentence ("lost … letter … tax ID").
      const from = Math.min(...span);
      const to = Math.max(...span);
      if (to - from > name.words.length + NAME_GAP + MAX_FUNCTION_WORDS_BETWEEN) continue;
      const between = tokens.slice(from, to + 1).filter((t, k) => !span.includes(from + k) && !this.functionWords.has(t.word));
      if (between.length > NAME_GAP + 1) continue;
      const length = span.reduce((n, i) => n + tokens[i].word.length, 0);
      const shared = name.words.length === 1 && this.sharedWords.has(name.words[0]);
      // Longer names first; of equal length, one service's own name before a word several share.
      // One service's own name before a word several share ("wedding" before "Standesamt"), then the longer.
      const sharedThan = (than: Found): boolean => than.name.words.length === 1 && this.sharedWords.has(than.name.words[0]);
      const better = (than: Found | undefined): boolean => !than || (shared === sharedThan(than) ? length > than.length : !shared);
      if (better(best)) best = { name, span, length };
      if (!name.other && better(bestAnswered)) bestAnswered = { name, span, length };
    }
    // A service not answered yet wins only where it names the same words more specifically ("disabled person's
    // pass" over "pass"); named apart ("I got citizenship, how do I get my first ID card?") the answered one is asked about.
    if (best?.name.other && bestAnswered && !bestAnswered.span.some((i) => best!.span.includes(i))) best = bestAnswered;
    if (!best) return { tokens: [...tokens], service: null, candidates: [], other: null, only: false };
    const { name, span } = best;
    const first = Math.min(...span);
    const out: AnalysedToken[] = [];
    tokens.forEach((t, i) => {
      if (!span.includes(i)) out.push(t);
      else if (i === first) out.push({ word: SERVICE_PLACEHOLDER, stem: SERVICE_PLACEHOLDER });
    });
    const only = out.length === 1;
    if (name.other) return { tokens: [...tokens], service: null, candidates: [], other: name.service, only: false };
    const oneWord = name.words.length === 1 ? name.words[0] : undefined;
    const shared = oneWord === undefined ? undefined : this.sharedWords.get(oneWord);
    if (shared) return { tokens: out, service: null, candidates: [...shared], other: null, only, oneWord };
    return { tokens: out, service: name.service, candidates: [name.service], other: null, only, oneWord };
  }
}

export class ForeignUnderstanding {
  private constructor(
    readonly language: Exclude<LanguageCode, 'de'>,
    private readonly reader: NameReader,
    /** Which words in-domain questions use (Bayes' counts: domainCoverage). */
    private readonly classifier: IntentClassifier,
    /** The intent's scores. */
    private readonly model: SoftmaxClassifier,
    private readonly facets: readonly [FacetId, string[][]][],
    private readonly cases: readonly [CaseId, string[][]][],
    private readonly placeOf: (text: string, tenant: string | undefined) => Place | null,
    /** Per request intent (agent, callback), the words that say it: without one, a message is no such request. */
    private readonly cues: ReadonlyMap<IntentId, ReadonlySet<string>>,
    /** Whether the text names an office by its German name ("Zulassungsstelle", "Fundbüro"). */
    private readonly namesOffice: (text: string) => boolean,
    /** The assistant's own button titles in this language (folded) → what pressing one asks. */
    private readonly buttons: ReadonlyMap<string, ButtonMeaning>,
    private readonly needing: NeedingWords | undefined,
  ) {}

  static fromKnowledge(
    knowledge: KnowledgeBase,
    language: Exclude<LanguageCode, 'de'>,
    placeOf: (text: string, tenant: string | undefined) => Place | null,
    namesOffice: (text: string) => boolean = () => false,
  ): ForeignUnderstanding {
    const own = knowledge.languages.get(language);
    if (!own) throw new Error(`no knowledge for language ${language}`);
    const reader = NameReader.build(knowledge, language, [...own.phrases.values()].flat());
    const needing: NeedingWords | undefined = own.words?.brauchen
      ? {
          needing: new Set(own.words.brauchen.flatMap((w) => reader.forms(w))),
          purpose: new Set((own.words.zweck ?? []).flatMap((w) => reader.forms(w))),
        }
      : undefined;
    const examples: TrainingExample[] = [];
    for (const [intent, phrases] of own.phrases) {
      for (const phrase of phrases) {
        const tokens: AnalysedToken[] = [];
        phrase.split(SERVICE_SLOT).forEach((part, i) => {
          if (i > 0) tokens.push({ word: SERVICE_PLACEHOLDER, stem: SERVICE_PLACEHOLDER });
          const analysed = reader.tokens(part);
          // Out-of-scope phrases keep their words even where they sound like a service ("lost my keys").
          tokens.push(...(intent === 'none' ? analysed : reader.masked(analysed).tokens));
        });
        examples.push({ tokens: withoutNeeding(tokens, needing), intent });
      }
    }
    const forms = (t: string): string[] => reader.forms(t);
    return new ForeignUnderstanding(
      language,
      reader,
      new IntentClassifier(examples),
      new SoftmaxClassifier(examples),
      phraseLists(own.words, 'facetten', forms) as [FacetId, string[][]][],
      phraseLists(own.words, 'faelle', forms) as [CaseId, string[][]][],
      placeOf,
      requestCues(examples),
      namesOffice,
      buttonMeanings(knowledge, language, (t) => reader.forms(t).join(' ')),
      needing,
    );
  }

  understand(text: string, context: UnderstandingContext = {}): Understanding {
    const tokens = this.reader.mended(this.reader.tokens(text));
    // A long message's story says who and why; what is asked stands in its question, as in German: a service
    // named there is the one asked about ("I have a residence permit. What do I need to register a trade?").
    const asked = questionOf(text);
    const inQuestion = asked === undefined ? undefined : this.reader.masked(this.reader.mended(this.reader.tokens(asked)));
    const named =
      inQuestion && (inQuestion.service !== null || inQuestion.candidates.length > 0 || inQuestion.other !== null)
        ? inQuestion
        : this.reader.masked(tokens);
    const family = named.oneWord === undefined ? undefined : this.reader.inSentenceFamily(named.oneWord, named.candidates, tokens);
    const match = family ? { ...named, service: family, candidates: [family] } : named;
    // A button of the assistant's own, pressed: what it asks, about the service it names or the conversation's.
    const pressed = this.buttons.get(tokens.map((t) => t.stem).join(' '));
    if (pressed) {
      const facets: FacetId[] = pressed.facet ? [pressed.facet] : [];
      return {
        intent: pressed.intent,
        service: SERVICE_INTENTS.has(pressed.intent) ? match.service : null,
        serviceCandidates: match.candidates,
        confidence: 0.95,
        serviceOnly: false,
        unsure: false,
        alternatives: [{ intent: pressed.intent, probability: 0.95 }],
        facet: pressed.facet ?? null,
        facets,
        conditions: { cases: [] },
        place: null,
        fullDetail: pressed.all,
        explicit: {
          fees: pressed.intent === 'fees',
          documents: pressed.intent === 'documents',
          hours: pressed.intent === 'hours',
          procedure: false,
        },
        residenceOnly: false,
        otherService: null,
      };
    }
    const featureTokens = withoutNeeding(match.tokens, this.needing);
    let scores: IntentScore[] = ensemble(this.classifier.classify(featureTokens), this.model.classify(featureTokens));
    const stems = tokens.map((t) => t.stem);
    const byBeginning = !STEMMED.has(this.language);
    // The facets named, the first named first: "Where can I hand it in personally?" asks where.
    const facets = this.facets
      .map(([f, lists]) => ({ f, at: Math.min(...lists.map((l) => phraseAt(stems, l, byBeginning))) }))
      .filter(({ at }) => at < Infinity)
      .sort((a, b) => a.at - b.at)
      .map(({ f }) => f);
    const cases = this.cases.filter(([, lists]) => lists.some((l) => containsPhrase(stems, l, byBeginning))).map(([c]) => c);
    const place = this.placeOf(text, context.tenant);
    const namesService = match.service !== null || match.candidates.length > 0;
    const says = (intent: IntentId): boolean => stems.some((s) => this.cues.get(intent)?.has(s) ?? false);
    // Asking for a person or a call starts a dialog that asks for a phone number: only with a word for it.
    for (const intent of ['agent', 'callback'] as const) {
      if (scores[0].intent === intent && !says(intent)) scores = scores.filter((x) => x.intent !== intent);
    }
    // And with a word for it, a request the model finds likely is the request ("Rückruf please, about my passport").
    const request = scores.slice(0, 2).find((x) => (x.intent === 'agent' || x.intent === 'callback') && says(x.intent));
    if (request && request !== scores[0] && request.probability >= REQUEST_PROBABILITY)
      scores = [request, ...scores.filter((x) => x !== request)];
    // A facet is what is asked, whatever the other words sound like (as in the German understanding): where → who is
    // responsible, how long, online, from what age … → how it works; unless fees or documents are named in so many words.
    const explicitFees = says('fees');
    const explicitDocuments = says('documents');
    const facet = facets[0];
    // An intent said in so many words ("what times", "contact person") stays.
    if (facet && DECISIVE_FACETS.has(facet) && !explicitFees && !explicitDocuments && !says(scores[0].intent)) {
      const asked: IntentId = facet === 'ort' ? (scores[0].intent === 'hours' ? 'hours' : 'contact') : 'howto';
      const wanted = scores.find((x) => x.intent === asked);
      if (wanted && SERVICE_INTENTS.has(scores[0].intent) && scores[0].intent !== asked)
        scores = [wanted, ...scores.filter((x) => x !== wanted)];
    }
    // Small talk does not name a service in a sentence of its own.
    if (namesService && (scores[0].intent === 'greeting' || scores[0].intent === 'goodbye' || scores[0].intent === 'help'))
      scores = scores.filter((x) => !SMALL_TALK.has(x.intent) || x.intent === 'agent' || x.intent === 'callback');
    // A named service with a facet of ours is a question about it, whatever else the sentence says.
    if (scores[0].intent === 'none' && namesService && facets.length > 0) scores = scores.filter((x) => x.intent !== 'none');
    const top = scores[0];
    const coverage = this.classifier.domainCoverage(match.tokens, this.reader.functionWords);
    // Nothing, or too little, of the sentence was ever seen in a question we answer.
    const unknown =
      !namesService &&
      ((coverage.content > 0 && coverage.known === 0) ||
        (coverage.content >= MIN_CONTENT_FOR_COVERAGE && coverage.known / coverage.content < MIN_COVERAGE));
    const base = {
      serviceCandidates: match.candidates,
      alternatives: scores,
      facet: facets[0] ?? null,
      facets,
      conditions: { cases },
      place,
      fullDetail: false,
      explicit: { fees: explicitFees, documents: explicitDocuments, hours: says('hours'), procedure: false },
      residenceOnly: false,
      otherService: match.other,
    };
    const outOfScope = (confidence: number, unsure: boolean): Understanding => ({
      ...base,
      intent: 'none',
      service: null,
      serviceCandidates: [],
      confidence,
      serviceOnly: false,
      unsure,
    });
    // A service not answered yet: out of scope, unless a person or a call is asked for.
    if (match.other)
      return top.intent === 'agent' || top.intent === 'callback'
        ? { ...base, intent: top.intent, service: null, confidence: top.probability, serviceOnly: false, unsure: false }
        : outOfScope(0.9, false);
    // Only the service's name ("passport?"): the conversation decides what is asked about it.
    if (match.only && match.service)
      return { ...base, intent: 'howto', service: match.service, confidence: 0.6, serviceOnly: true, unsure: false };
    const followUp = !namesService && context.service !== undefined && facets.length > 0;
    if (followUp && (top.intent === 'none' || top.probability < MIN_CONFIDENCE))
      return { ...base, intent: 'howto', service: null, confidence: 0.5, serviceOnly: false, unsure: false };
    if (unknown) return outOfScope(0.9, false);
    if (top.intent === 'none') return outOfScope(top.probability, false);
    if (!namesService && top.probability < MIN_CONFIDENCE) return outOfScope(1 - top.probability, true);
    // When an office named by its name is open is a question about the office, not its service (as in German).
    const aboutOffice = top.intent === 'hours' && this.namesOffice(text);
    const service =
      aboutOffice || (SMALL_TALK.has(top.intent) && top.intent !== 'agent' && top.intent !== 'callback') ? null : match.service;
    return { ...base, intent: top.intent, service, confidence: top.probability, serviceOnly: false, unsure: false };
  }
}

/** Two models' readings as one: the mean of their probabilities (they err on different questions). */
function ensemble(a: readonly IntentScore[], b: readonly IntentScore[]): IntentScore[] {
  const p = new Map<IntentId, number>();
  for (const x of [...a, ...b]) p.set(x.intent, (p.get(x.intent) ?? 0) + x.probability / 2);
  return [...p].map(([intent, probability]) => ({ intent, probability })).sort((x, y) => y.probability - x.probability);
}

/** The words that say a request for a person or a call: mostly (by this share) in that intent's phrases. */
const CUE_SHARE = 0.75;
function requestCues(examples: readonly TrainingExample[]): Map<IntentId, Set<string>> {
  const counts = new Map<string, Map<IntentId, number>>();
  for (const ex of examples) {
    for (const stem of new Set(ex.tokens.map((t) => t.stem))) {
      const byIntent = counts.get(stem) ?? counts.set(stem, new Map()).get(stem)!;
      byIntent.set(ex.intent, (byIntent.get(ex.intent) ?? 0) + 1);
    }
  }
  const cues = new Map<IntentId, Set<string>>();
  for (const intent of ['agent', 'callback', 'fees', 'documents', 'hours', 'contact'] as const) {
    const own = new Set<string>();
    for (const [stem, byIntent] of counts) {
      const n = byIntent.get(intent) ?? 0;
      const all = [...byIntent.values()].reduce((a, b) => a + b, 0);
      if (n >= 3 && n / all >= CUE_SHARE) own.add(stem);
    }
    cues.set(intent, own);
  }
  return cues;
}

/** The last sentence with a question mark of a message of several sentences, or undefined. */
function questionOf(text: string): string | undefined {
  const sentences = text.split(/(?<=[.!?؟])\s+/).filter((x) => x.trim());
  if (sentences.length < 2) return undefined;
  return [...sentences].reverse().find((x) => /[?؟]\s*$/.test(x));
}

/** What pressing one of the assistant's buttons asks. */
interface ButtonMeaning {
  intent: IntentId;
  facet?: FacetId;
  /** "All documents", "All costs": the whole list rather than the short answer. */
  all: boolean;
}

/** The buttons whose title is a question (knowledge/texte/<code>/schaltflaechen.yaml) and what each asks. */
const BUTTON_MEANINGS: Record<string, ButtonMeaning> = {
  alleUnterlagen: { intent: 'documents', all: true },
  welcheUnterlagen: { intent: 'documents', all: false },
  alleKosten: { intent: 'fees', all: true },
  kosten: { intent: 'fees', all: false },
  wasKostet: { intent: 'fees', all: false },
  ablauf: { intent: 'howto', all: false },
  wieLange: { intent: 'howto', facet: 'dauer', all: false },
  werZustaendig: { intent: 'contact', facet: 'ort', all: false },
  wannGeoeffnet: { intent: 'hours', all: false },
  mitPersonSprechen: { intent: 'agent', all: false },
  rueckrufVereinbaren: { intent: 'callback', all: false },
};

/** The language's titles of those buttons, as their comparable forms (`forms`). */
function buttonMeanings(knowledge: KnowledgeBase, language: LanguageCode, forms: (text: string) => string): Map<string, ButtonMeaning> {
  const out = new Map<string, ButtonMeaning>();
  const tenant = knowledge.inLanguage(language).tenants.values().next().value;
  if (!tenant || tenant.texts.language !== language) return out;
  for (const [key, meaning] of Object.entries(BUTTON_MEANINGS)) {
    const title = forms(tenant.texts.render(`schaltflaechen.${key}` as 'schaltflaechen.abbrechen'));
    if (title) out.set(title, meaning);
  }
  return out;
}

/** A language's word lists of one kind (facets or cases), each phrase as its comparable forms. */
function phraseLists(
  words: LanguageWords | undefined,
  kind: 'facetten' | 'faelle',
  forms: (t: string) => string[],
): [string, string[][]][] {
  return Object.entries(words?.[kind] ?? {}).map(([id, list]) => [id, (list ?? []).map(forms).filter((l) => l.length > 0)]);
}

/**
 * Where the phrase's words stand in the message, in this order and next to each other (Infinity: nowhere): the same stems where the
 * language has a stemmer, else the same beginnings (Turkish and Arabic inflect by endings the stemmer would cut).
 */
function phraseAt(stems: readonly string[], phrase: readonly string[], byBeginning: boolean): number {
  const same = (word: string, w: string): boolean =>
    byBeginning && w.length >= 4
      ? word.startsWith(w.slice(0, Math.max(4, w.length - 1))) && word.length - w.length <= MAX_ENDING
      : word === w;
  for (let i = 0; i + phrase.length <= stems.length; i++) {
    if (phrase.every((w, k) => same(stems[i + k], w))) return i;
  }
  return Infinity;
}

function containsPhrase(stems: readonly string[], phrase: readonly string[], byBeginning: boolean): boolean {
  return phraseAt(stems, phrase, byBeginning) < Infinity;
}

/** What says a need before a service's name, and what says what for (the language's `brauchen` and `zweck`). */
interface NeedingWords {
  needing: ReadonlySet<string>;
  purpose: ReadonlySet<string>;
}

/**
 * The tokens without a word of need right before the service's name (at most three words before it, no word of
 * purpose between): "I need a certificate of good conduct" is a question how to get one, "what do I need for
 * the certificate" one about documents. As the German understanding reads "Brauche ich eine Baugenehmigung?".
 */
function withoutNeeding(tokens: readonly AnalysedToken[], words: NeedingWords | undefined): AnalysedToken[] {
  const first = tokens.findIndex((t) => t.word === SERVICE_PLACEHOLDER);
  if (!words || first < 0) return [...tokens];
  const needed = (i: number): boolean =>
    i < first && first - i <= 3 && words.needing.has(tokens[i].stem) && tokens.slice(i + 1, first).every((t) => !words.purpose.has(t.stem));
  return tokens.filter((_, i) => !needed(i));
}
