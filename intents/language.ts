/**
 * Which language a message is in, as far as this assistant needs to know today, and whether it is a
 * question at all. Two decisions only:
 * - German or English: a small function-word model, made for short chat messages. English is said only
 *   when English words clearly outweigh German ones, so that a German question with a loanword ("Kann ich
 *   das online machen?", "Ich brauche ein Update") is never taken for English. A later issue brings full
 *   language identification (de, en, tr, uk, ar, ru).
 * - A real question, or noise: emoji, punctuation, single characters, keyboard mashing and text in a
 *   script the assistant does not read are no question that it failed to understand.
 * Pure and synchronous (no SDK types, no I/O), like the rest of the understanding.
 */

import type { LanguageCode } from '../knowledge/schema';

/** `de`: German or undecided (the default); `en`: English. */
export type ChatLanguage = 'de' | 'en';

/**
 * Words that are English and no German word (after lowercasing, apostrophes kept): function words, the
 * question and request words of a citizen, and the service words they use. "an", "in", "so", "was",
 * "will", "am", "also", "hi", "hey", "sorry", "Person", "Mail", "online", "ok" are left out: German has them too.
 */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  `
the a of to and or is are be been being it its it's this that these those there here
i i'm i've i'd i'll me my mine you you're your yours we our us they their them he she his him
do does did don't doesn't didn't done can can't cannot could would should shall must may might
what what's where where's when when's which who whose whom why how how's
not no yes please thanks thank hello dear excuse
need needs want wants get got have has had make take bring apply applying register registered
deregister renew renewing lost lose find pay paid cost costs much many long does take open opening
closed hours today tomorrow speak speaking talk talking english language understand help call back
someone somebody anyone anybody human staff office town hall city council citizen citizens
appointment documents document papers card passport identity licence license driving driver
car vehicle address moved moving move new old child children kid son daughter wife husband
birth certificate marriage married wedding residence permit tax dog parking waste bulky
 trade vote voting postal letter forms fee fees price free number phone 
with without for from about at on by into after before out up just only too very
right now still yet again more some any all other another own same such than then if because 
`
    .trim()
    .split(/\s+/),
);

/**
 * German words (folded to lowercase, umlauts kept) that English does not have: a German message has
 * several, and one of them outweighs an English-looking word.
 */
export const GERMAN_WORDS: ReadonlySet<string> = new Set(
  `
der die das den dem des ein eine einen einem einer eines kein keine keinen keinem ich du er sie es wir ihr
mich mir dich dir sich uns euch ihn ihm ihnen mein meine meinen meinem meiner dein deine sein seine
unser unsere ist sind bist war waren wird werden wurde kann kannst können könnte muss müssen
musst soll sollen darf dürfen möchte möchten wollen hab habe hast hat haben hatte gibt geht
und oder aber nicht nur auch noch schon mal bitte danke ja nein doch wie wo wann wer wen wem
welche welcher welches welchen warum wieso weshalb wohin woher wieviel wieviele für mit von zu zum zur
bei beim auf aus nach vor über unter im ins vom um durch gegen ohne bis seit wegen
brauche brauchen braucht kostet kosten beantragen anmelden abmelden ummelden neuen neue neuer
ausweis personalausweis reisepass perso führerschein auto fahrzeug wohnung wohnsitz umzug
unterlagen termin öffnungszeiten geöffnet offen heute morgen hallo guten tag moin servus tschüss
sprechen englisch deutsch verstehe verstehen hilfe helfen frage fragen gern gerne mitarbeiter mensch
`
    .trim()
    .split(/\s+/),
);

/** Letters of English and German words; apostrophes inside words are kept ("don't"). */
function words(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .replace(/[’`´]/g, "'")
      .match(/[\p{L}]+(?:'[\p{L}]+)?/gu) ?? []
  );
}

/** Characters no English word has and German has: umlauts and ß settle it at once. */
const GERMAN_LETTERS = /[äöüß]/i;

/**
 * German or English. English needs at least two English words (one for a message of a single word, when
 * that word is unmistakable like "hello" or "please") and no German word; a message with umlauts or ß is
 * German.
 */
export function detectLanguage(text: string): ChatLanguage {
  if (GERMAN_LETTERS.test(text)) return 'de';
  const ws = words(text);
  if (ws.length === 0) return 'de';
  let en = 0;
  let de = 0;
  for (const w of ws) {
    if (GERMAN_WORDS.has(w)) de++;
    else if (ENGLISH_WORDS.has(w)) en++;
  }
  if (de > 0) return 'de';
  if (ws.length === 1) return UNMISTAKABLE_SINGLE.has(ws[0]) ? 'en' : 'de';
  // Two English words or more, and a third of the words at least: "How do I register my address?",
  // "What's the weather like in Berlin today?" (names and words neither list knows count for neither).
  return en >= 2 && en * 3 >= ws.length ? 'en' : 'de';
}

/** One English word that is a message of its own. */
const UNMISTAKABLE_SINGLE = new Set(['english', 'hello', 'please', 'thanks']);

/** "Sprechen Sie Englisch?", "Geht das auch auf Englisch?", "English?": the citizen asks for English. */
export function asksForEnglish(text: string): boolean {
  const t = text.toLowerCase();
  return /\b(englisch|english|engl\.)\b/.test(t) || /\bauf englisch\b/.test(t);
}

/** An English request for a person or a callback (the buttons of the English reply say them). */
export function englishRequest(text: string): 'agent' | 'callback' | undefined {
  const t = words(text).join(' ');
  if (/\b(call me( back)?|callback|call back|phone me|ring me)\b/.test(t)) return 'callback';
  if (
    /\b(talk|speak|chat|connect|put me through)\b.*\b(person|human|someone|somebody|staff|agent|member|people|employee)\b/.test(t) ||
    /^(a )?(person|human|agent)( please)?$/.test(t)
  )
    return 'agent';
  return undefined;
}

/** What kind of message it is, before it is understood: a question, or something that asks nothing. */
export type MessageKind = 'question' | 'noise' | 'foreign-script';

/** Scripts this assistant does not read (Cyrillic, Arabic, Hebrew, Greek, CJK, Thai, Devanagari, …). */
const FOREIGN_SCRIPT =
  /[\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Greek}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Devanagari}\p{Script=Armenian}\p{Script=Georgian}]/u;
/** Letters of Turkish that German never writes (a language the assistant does not speak). */
const TURKISH_LETTERS = /[ışğİŞĞ]/;
/** Rows of the German keyboard: a run along one of them is mashing ("asdfgh", "qwertz", "jklö"). */
const KEYBOARD_ROWS = ['qwertzuiopü', 'asdfghjklöä', 'yxcvbnm', 'qwertyuiop', 'zxcvbnm', '1234567890'];
const VOWELS = /[aeiouyäöü]/;

/** A word typed by running over the keyboard or hitting keys at random. */
function isMashed(word: string): boolean {
  if (word.length < 4) return false;
  // Along a keyboard row, forwards or backwards: "asdf", "qwertz", "lkjh".
  for (const row of KEYBOARD_ROWS) {
    const reversed = [...row].reverse().join('');
    for (let i = 0; i + 4 <= word.length; i++) {
      const piece = word.slice(i, i + 4);
      if (row.includes(piece) || reversed.includes(piece)) return true;
    }
  }
  // No vowel in five letters ("hjkll", "sdfgg") or one letter again and again ("aaaaa").
  if (word.length >= 5 && !VOWELS.test(word)) return true;
  return /(.)\1{3,}/.test(word);
}

/**
 * Whether a message is a question the assistant could have understood. Noise is what asks nothing: no
 * letters at all (emoji, "???", "..."), a single character, only interjections ("hmm", "äh"), or only
 * mashed words. Text in a script the assistant does not read is set apart: it may be a real question, but
 * not one the assistant failed on.
 */
export function messageKind(text: string): MessageKind {
  const t = text.normalize('NFC').trim();
  if (FOREIGN_SCRIPT.test(t) || TURKISH_LETTERS.test(t)) return 'foreign-script';
  const ws = t.toLowerCase().match(/\p{L}+/gu) ?? [];
  const letters = ws.join('').length;
  if (letters <= 1) return 'noise';
  if (ws.every((w) => INTERJECTIONS.has(w) || isMashed(w))) return 'noise';
  return 'question';
}

/** Sounds typed instead of words. */
const INTERJECTIONS = new Set([
  'hm',
  'hmm',
  'hmmm',
  'hmmmm',
  'äh',
  'ähm',
  'öh',
  'öhm',
  'eh',
  'ehm',
  'ah',
  'aha',
  'oh',
  'ohh',
  'uh',
  'uhm',
  'um',
  'umm',
  'mh',
  'mhm',
  'lol',
  'haha',
  'hahaha',
  'hihi',
  'xd',
  'ok',
  'okay',
  'jo',
  'na',
  'tja',
  'pff',
  'pfff',
  'test',
  'asdf',
]);

/** What a message is before its meaning is read: the dialogs decide with it (dialogs/routing.ts). */
export interface MessageTraits {
  kind: MessageKind;
  /** `other`: a language or script the assistant does not speak (intents/languageId.ts); `own`: one it does. */
  language: 'own' | 'other';
  /** "Talk to a person", "Call me back" (the buttons of a reply in another language, in any language). */
  request?: 'agent' | 'callback';
  /** "in English please", "auf Deutsch bitte": the language asked for. */
  switchTo?: LanguageCode;
}

export function traitsOf(text: string, language: 'own' | 'other' = 'own', switchTo?: LanguageCode): MessageTraits {
  const kind = messageKind(text);
  const request = englishRequest(text);
  return {
    kind: language === 'other' ? 'foreign-script' : kind === 'foreign-script' ? 'question' : kind,
    language,
    ...(request ? { request } : {}),
    ...(switchTo ? { switchTo } : {}),
  };
}
