/**
 * Which of the offered languages a message is in. Chat messages are short and borrow German official words
 * ("Anmeldung nasıl?", "Ausländerbehörde телефон", "my Führerschein expired"), so a general identifier alone
 * misreads them; this one reads them in three steps:
 * 1. The script: Arabic letters are Arabic; Cyrillic is Ukrainian or Russian (letters only one of them has, then
 *    the words); another script is a language the assistant does not offer.
 * 2. In Latin script, the German names of services, offices and places say nothing about the language the
 *    citizen writes in and are left out; letters only Turkish has (ı ş ğ ç) settle it.
 * 3. The rest is weighed by words only one language has (from the knowledge: each language's training phrases,
 *    service names and facet words) and by tinyld's character n-gram model, restricted to the offered languages.
 * A message that gives too little evidence (one borrowed word, "ok", a number) is undecided: the conversation
 * keeps its language (the caller's fallback, then German). German wins every tie: a German question must never be
 * taken for another language.
 * Pure and synchronous after construction.
 */
import type { detectAll as DetectAll } from 'tinyld';
import type { KnowledgeBase } from '../knowledge/loader';
import type { LanguageCode } from '../knowledge/schema';
import { ENGLISH_WORDS, GERMAN_WORDS } from './language';
import { plainWords } from './normalize';

export interface LanguageGuess {
  /** The language, or undefined when the message does not say (keep the conversation's). */
  language: LanguageCode | undefined;
  /** A script or language the assistant does not offer (Chinese, Greek, French…). */
  unsupported: boolean;
}

const ARABIC = /\p{Script=Arabic}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const OTHER_SCRIPT =
  /[\p{Script=Hebrew}\p{Script=Greek}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Devanagari}\p{Script=Armenian}\p{Script=Georgian}]/u;
const UKRAINIAN_LETTERS = /[іїєґ]/;
const RUSSIAN_LETTERS = /[ыэёъ]/;
/** Letters German and English never write and Turkish does. */
const TURKISH_LETTERS = /[ışğç]/;
const LATIN_LETTER = /\p{Script=Latin}/u;
const GERMAN_LETTERS = /[äß]/;

/** Lowercase words, in any script; digits, URLs and e-mail addresses left out. */
function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .replace(/\b(?:https?:\/\/|www\.)\S+|\S+@\S+/gi, ' ')
      .replace(/İ/g, 'i')
      .toLowerCase()
      .match(/[\p{L}\p{M}]+(?:['’][\p{L}]+)?/gu) ?? []
  ).map((w) => w.replace(/’/g, "'").replace(/'.*$/, ''));
}

/**
 * tinyld's model, loaded on first use: it takes a quarter of a second to load, which the start-up need not wait
 * for (most messages are decided by their script or words; warmUp() loads it once the server listens).
 */
let detectAll: typeof DetectAll | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const model = (): typeof DetectAll => (detectAll ??= (require('tinyld') as { detectAll: typeof DetectAll }).detectAll);
export const warmUpLanguageModel = (): void => void model();

/** Evidence needed to leave the conversation's language: a margin of this much, in words. */
const MARGIN = 1;
/** How much tinyld's probability counts against one word of a language's own. */
const MODEL_WEIGHT = 1.5;

/** A request for a language ("in English please"), and how many words the message has besides it. */
export interface LanguageRequest {
  language: LanguageCode;
  /** Words besides the request: a question asked with it is answered in that language. */
  otherWords: number;
}

/** A request in plain words: lowercase, punctuation gone, spaces single. */
const plain = plainWords;

export class LanguageIdentifier {
  private constructor(
    private readonly offered: ReadonlySet<LanguageCode>,
    /** Each language's ways to ask for it (facetten.yaml `sprachwahl`, its own name), longest first. */
    private readonly requests: readonly { language: LanguageCode; phrase: string }[],
    /** Per language, the words that language alone has among the offered ones. */
    private readonly own: ReadonlyMap<LanguageCode, ReadonlySet<string>>,
    /** German names of services, offices and places: no evidence for any language. */
    private readonly names: ReadonlySet<string>,
  ) {}

  static fromKnowledge(knowledge: KnowledgeBase): LanguageIdentifier {
    const offered = new Set(knowledge.languages.keys());
    const lexicon = new Map<LanguageCode, Set<string>>();
    const add = (code: LanguageCode, text: string): void => {
      const set = lexicon.get(code) ?? lexicon.set(code, new Set()).get(code)!;
      for (const w of wordsOf(text.replace(/\{service\}/g, ' '))) set.add(w);
    };
    const names = new Set<string>();
    const addNames = (text: string): void => {
      for (const w of wordsOf(text)) if (w.length >= 4) names.add(w);
    };
    for (const [code, language] of knowledge.languages) {
      for (const phrases of language.phrases.values()) for (const p of phrases) add(code, p);
      for (const list of [...Object.values(language.words?.facetten ?? {}), ...Object.values(language.words?.faelle ?? {})])
        for (const w of list ?? []) add(code, w);
    }
    for (const s of knowledge.services.values()) {
      for (const n of [s.name, s.kurzname ?? '', ...s.synonyme]) addNames(n);
      for (const [code, t] of Object.entries(s.sprachen ?? {}) as [LanguageCode, { name: string; synonyme: string[] }][]) {
        if (offered.has(code)) for (const n of [t.name, ...t.synonyme]) add(code, n);
      }
    }
    for (const o of knowledge.otherServices.values()) for (const n of [o.name, ...o.synonyme]) addNames(n);
    for (const t of knowledge.tenants.values()) {
      addNames(t.name);
      for (const o of t.aemter) for (const n of [o.name, o.kurzname ?? '', ...(o.orte ?? [])]) addNames(n);
    }
    for (const p of knowledge.places.values())
      for (const v of p.verwaltungen) {
        addNames(v.name);
        for (const g of v.gemeinden) for (const n of [g.name, ...(g.ortsteile ?? [])]) addNames(n);
      }
    for (const w of GERMAN_WORDS) lexicon.get('de')?.add(w);
    if (offered.has('en')) for (const w of ENGLISH_WORDS) lexicon.get('en')?.add(w);
    // A word of several languages ("in", "a", "termin" borrowed by all) is evidence for none of them.
    const own = new Map<LanguageCode, Set<string>>();
    for (const [code, words] of lexicon) {
      own.set(code, new Set([...words].filter((w) => ![...lexicon].some(([other, ws]) => other !== code && ws.has(w)))));
    }
    // A German name is evidence for no language, however many languages borrow it: "Reisepass randevusu" is
    // Turkish, "sperrmüll termin" German, "Anmeldung appointment" English.
    for (const words of own.values()) for (const n of names) words.delete(n);
    const requests: { language: LanguageCode; phrase: string }[] = [];
    for (const [code, language] of knowledge.languages) {
      for (const phrase of [language.settings.name, ...(language.settings.wahl ?? []), ...(language.words?.sprachwahl ?? [])]) {
        const p = plain(phrase);
        if (p) requests.push({ language: code, phrase: p });
      }
    }
    requests.sort((a, b) => b.phrase.length - a.phrase.length);
    return new LanguageIdentifier(offered, requests, own, names);
  }

  /** The language the message asks for, if it asks for one ("in English please", "Türkçe", "auf Deutsch"). */
  requested(text: string): LanguageRequest | undefined {
    const t = ` ${plain(text)} `;
    for (const { language, phrase } of this.requests) {
      const at = t.indexOf(` ${phrase} `);
      if (at < 0) continue;
      const rest = (t.slice(0, at) + t.slice(at + phrase.length + 2)).trim();
      const otherWords = rest ? rest.split(' ').length : 0;
      // A language's bare name in a longer sentence names it rather than asking for it ("Almanca bilmiyorum").
      if (!phrase.includes(' ') && otherWords > 2) continue;
      return { language, otherWords };
    }
    return undefined;
  }

  /**
   * The message's language; `conversation`: the language the conversation is in so far, kept when the message
   * does not say otherwise.
   */
  identify(text: string, conversation?: LanguageCode): LanguageGuess {
    const guess = this.guess(text);
    if (guess.language !== undefined || guess.unsupported || !conversation || !this.offered.has(conversation)) return guess;
    return { language: conversation, unsupported: false };
  }

  private guess(text: string): LanguageGuess {
    if (ARABIC.test(text)) return this.offer('ar');
    if (CYRILLIC.test(text)) return this.cyrillic(text);
    if (OTHER_SCRIPT.test(text)) return { language: undefined, unsupported: true };
    if (!LATIN_LETTER.test(text)) return { language: undefined, unsupported: false };
    const words = wordsOf(text).filter((w) => !this.names.has(w));
    if (words.length === 0) return { language: undefined, unsupported: false };
    if (this.offered.has('tr') && words.some((w) => TURKISH_LETTERS.test(w))) return { language: 'tr', unsupported: false };
    const candidates = (['de', 'en', 'tr'] as const).filter((c) => this.offered.has(c));
    return { language: this.weigh(words, candidates), unsupported: false };
  }

  private offer(code: LanguageCode): LanguageGuess {
    return this.offered.has(code) ? { language: code, unsupported: false } : { language: undefined, unsupported: true };
  }

  private cyrillic(text: string): LanguageGuess {
    const t = text.toLowerCase();
    const uk = UKRAINIAN_LETTERS.test(t);
    const ru = RUSSIAN_LETTERS.test(t);
    if (uk !== ru) return this.offer(uk ? 'uk' : 'ru');
    const candidates = (['uk', 'ru'] as const).filter((c) => this.offered.has(c));
    if (candidates.length === 0) return { language: undefined, unsupported: true };
    const words = wordsOf(text).filter((w) => CYRILLIC.test(w));
    // Undecided (a word both write, "телефон"): the conversation's language if it is one of them, else the model's.
    return { language: this.weigh(words, candidates, true), unsupported: false };
  }

  /** The language with the most evidence by a margin; undefined when none stands out (German first on a tie). */
  private weigh(words: readonly string[], candidates: readonly LanguageCode[], sure = false): LanguageCode | undefined {
    if (candidates.length === 1) return candidates[0];
    const score = new Map<LanguageCode, number>(candidates.map((c) => [c, 0]));
    for (const w of words) {
      for (const c of candidates) if (this.own.get(c)?.has(w)) score.set(c, score.get(c)! + 1);
      // Letters only German writes (of the offered languages): a German word the knowledge does not have.
      if (score.has('de') && GERMAN_LETTERS.test(w)) score.set('de', score.get('de')! + 1);
    }
    // Two words of one language's own and none of another's decide without the character model (most messages).
    const counted = [...score.values()].sort((a, b) => b - a);
    const clear = counted[0] >= 2 && (counted[1] ?? 0) === 0;
    const sample = words.join(' ');
    if (!clear && sample.length >= 4) {
      for (const { lang, accuracy } of model()(sample, { only: [...candidates] })) {
        const c = lang as LanguageCode;
        if (score.has(c)) score.set(c, score.get(c)! + MODEL_WEIGHT * accuracy);
      }
    }
    const ranked = [...score].sort((a, b) => b[1] - a[1] || (a[0] === 'de' ? -1 : b[0] === 'de' ? 1 : 0));
    const [best, second] = ranked;
    if (best[1] - (second?.[1] ?? 0) < MARGIN && !sure) return best[0] === 'de' && best[1] > 0 ? 'de' : undefined;
    return best[0];
  }
}
