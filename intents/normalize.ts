/**
 * German text normalisation shared by every part of the understanding: written and ASR-style input,
 * umlauts typed as ae/oe/ue, ß as ss, punctuation, emoji and odd Unicode all end up as the same tokens.
 */
import PorterStemmerDe from 'natural/lib/natural/stemmers/porter_stemmer_de';

/** Longer input is cut: nobody asks a question in more, and it bounds the work per turn. */
export const MAX_UNDERSTOOD_CHARS = 1000;

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'ss' };

/** Lowercase, umlauts folded to ae/oe/ue, ß to ss, other diacritics dropped, anything else a space. */
export function foldGerman(text: string): string {
  return text
    .slice(0, MAX_UNDERSTOOD_CHARS)
    .normalize('NFC')
    .toLowerCase()
    .replace(/[äöüßẞ]/g, (c) => UMLAUTS[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Separable verb particles that change which service is meant ("melde ... an" vs "melde ... ab"). */
const PARTICLES = new Set(['an', 'ab', 'um', 'aus']);
/** Words that begin a new clause, so that a particle before them ends the one before. */
const SUBCLAUSE_START = new Set(['wenn', 'weil', 'dass', 'ob', 'falls', 'damit', 'sobald', 'nachdem', 'bevor', 'obwohl']);
const CLAUSE_START = new Set([...SUBCLAUSE_START, 'und', 'oder', 'aber', 'denn']);
/** Verbs whose separable forms name services ("Wie melde ich mein Auto ab?", "Wie trete ich aus der Kirche aus?"). */
const SEPARABLE_VERB = /^(meld|mel|tret|trit)(e|est|et|en|ete|eten|st|t)?$/;

/**
 * German splits separable verbs: "Wie melde ich mein Auto an?" means "anmelden". Joins a finite form with
 * a particle that ends the clause (at the clause's end, where names have the infinitive), and undoes the infinitive "zu" ("abzumelden" → "abmelden"), so that
 * the service names ("Auto anmelden") are found.
 */
function joinSeparableVerbs(tokens: string[]): string[] {
  const out = tokens.map((t) => t.replace(/^(an|ab|um)zu(meld\w*)$/, '$1$2'));
  // A clause ends at the message's end or where the next one begins ("wo melde ich mich an wenn ich …"):
  // speech transcripts have no commas.
  for (let end = out.length - 1; end > 0; end--) {
    const atClauseEnd = end === out.length - 1 || CLAUSE_START.has(out[end + 1]);
    if (!atClauseEnd || !PARTICLES.has(out[end])) continue;
    for (let i = end - 1; i >= 0 && !SUBCLAUSE_START.has(out[i]); i--) {
      if (SEPARABLE_VERB.test(out[i])) {
        // The joined verb takes the particle's place at the end, where the infinitive stands in names.
        out[end] = out[end] + out[i];
        out.splice(i, 1);
        break;
      }
    }
  }
  return out;
}

/**
 * Chat and spoken short forms, written out ("fürn Perso", "'nen Termin", "is nich", "gibts"): they are the
 * same words as in the knowledge's phrases and must count as such (folded forms).
 */
const SHORT_FORMS: Record<string, string[]> = {
  nen: ['einen'],
  nem: ['einem'],
  ner: ['einer'],
  nes: ['eines'],
  n: ['ein'],
  nich: ['nicht'],
  nix: ['nichts'],
  is: ['ist'],
  isn: ['ist', 'ein'],
  gibts: ['gibt', 'es'],
  gehts: ['geht', 'es'],
  fuern: ['fuer', 'den'],
  fuers: ['fuer', 'das'],
  ausm: ['aus', 'dem'],
  aufm: ['auf', 'dem'],
  inner: ['in', 'der'],
  anner: ['an', 'der'],
  zun: ['zu', 'den'],
  wat: ['was'],
  dat: ['das'],
  ick: ['ich'],
  ma: ['mal'],
  grad: ['gerade'],
  heut: ['heute'],
  wg: ['wegen'],
  bzgl: ['bezueglich'],
  telnr: ['telefonnummer'],
  tel: ['telefon'],
  nr: ['nummer'],
  tfn: ['telefonnummer'],
  kannste: ['kannst', 'du'],
  haste: ['hast', 'du'],
  brauchste: ['brauchst', 'du'],
  musste: ['musst', 'du'],
  u: ['und'],
};

/** Digits said as words ("null fünf drei sieben …", folded): a run of them is one number. */
export const DIGIT_WORDS: Readonly<Record<string, string>> = {
  null: '0',
  eins: '1',
  zwei: '2',
  zwo: '2',
  drei: '3',
  vier: '4',
  fuenf: '5',
  sechs: '6',
  sieben: '7',
  acht: '8',
  neun: '9',
};
/** Fewer digits in a row are a count ("zwei drei Kopien"), not a number read out. */
const MIN_SPOKEN_DIGITS = 4;

/** Runs of spoken digits (and digit groups) become one number: a phone number read out is one token. */
function joinSpokenDigits(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length;) {
    let j = i;
    let digits = '';
    let spoken = 0;
    while (j < tokens.length && (DIGIT_WORDS[tokens[j]] !== undefined || /^\d+$/.test(tokens[j]))) {
      if (DIGIT_WORDS[tokens[j]] !== undefined) spoken++;
      digits += DIGIT_WORDS[tokens[j]] ?? tokens[j];
      j++;
    }
    if (spoken >= MIN_SPOKEN_DIGITS) {
      out.push(digits);
      i = j;
    } else {
      out.push(tokens[i]);
      i++;
    }
  }
  return out;
}

/** Where a clause ends: a separable verb's particle stands at the end of its clause, not of the message. */
export const CLAUSE_END = /[,;:!?]+|\.(?=\s|$)/;

export function tokenize(text: string): string[] {
  return text
    .slice(0, MAX_UNDERSTOOD_CHARS)
    .split(CLAUSE_END)
    .flatMap((clause) => {
      const folded = foldGerman(clause);
      if (folded === '') return [];
      const words = folded.split(' ').flatMap((w) => SHORT_FORMS[w] ?? [w]);
      return joinSeparableVerbs(joinSpokenDigits(words));
    });
}

const stemCache = new Map<string, string>();
/** German Porter stem of a folded token (cached: the vocabulary is small and turns repeat words). */
export function stem(token: string): string {
  let s = stemCache.get(token);
  if (s === undefined) {
    s = /^\d+$/.test(token) ? token : PorterStemmerDe.stem(token);
    if (stemCache.size < 50_000) stemCache.set(token, s);
  }
  return s;
}

/**
 * Function words that carry no meaning of their own. Used only to decide whether an utterance says
 * anything beyond a service name ("und für den Reisepass?"), never to drop features: words such as
 * "wann", "wo" or "mensch" are exactly what intents live on.
 */
export const FILLER_WORDS = new Set([
  'und',
  'oder',
  'aber',
  'fuer',
  'den',
  'die',
  'das',
  'der',
  'dem',
  'des',
  'ein',
  'eine',
  'einen',
  'einem',
  'einer',
  'eines',
  'mein',
  'meine',
  'meinen',
  'meinem',
  'meiner',
  'mit',
  'bei',
  'beim',
  'zum',
  'zur',
  'von',
  'vom',
  'im',
  'in',
  'am',
  'an',
  'auf',
  'ist',
  'es',
  'ich',
  'wir',
  'sie',
  'bitte',
  'mal',
  'auch',
  'noch',
  'so',
  'wie',
  'ist',
  'mit',
  'dann',
  'jetzt',
  'nun',
  'ok',
  'okay',
  'ja',
  'hm',
  'aeh',
  'ne',
  'nee',
  'also',
  'gut',
  'was',
  'neuen',
  'neue',
  'neuer',
  'neues',
  'ueber',
  'du',
  'mir',
  'mich',
  'uns',
  'habe',
  'hab',
  'hat',
  'haben',
  'bin',
  'sind',
  'war',
  'kann',
  'koennen',
  'koennte',
  'muss',
  'muessen',
  'will',
  'moechte',
  'moechten',
  'wuerde',
  'gern',
  'gerne',
  'da',
  'hier',
  'nicht',
  'kein',
  'keine',
  'man',
  'sich',
  'zu',
  'wenn',
  'weil',
  'dass',
  'ob',
  'schon',
  'nur',
  'sehr',
  'denn',
  'doch',
  'eigentlich',
  'einfach',
  'dein',
  'ihr',
  'ihre',
  'ihren',
  'unser',
  'unsere',
  'alt',
  'alte',
  'alten',
  'altes',
  'seid',
  'ueberhaupt',
  'irgendwie',
  'vielleicht',
  'eventuell',
  'etwa',
  'bloss',
  'halt',
  'eben',
]);

/** Words of any script in plain form: lowercase, punctuation gone, single spaces (languages German folding would break). */
export function plainWords(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
