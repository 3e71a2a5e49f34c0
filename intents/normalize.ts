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
const PARTICLES = new Set(['an', 'ab', 'um']);
/** Verbs whose separable forms name services ("Wie melde ich mein Auto ab?"). */
const SEPARABLE_VERB = /^(meld|mel)(e|est|et|en|ete|eten)?$/;

/**
 * German splits separable verbs: "Wie melde ich mein Auto an?" means "anmelden". Joins a finite form with
 * a particle that ends the clause (at the clause's end, where names have the infinitive), and undoes the infinitive "zu" ("abzumelden" → "abmelden"), so that
 * the service names ("Auto anmelden") are found.
 */
function joinSeparableVerbs(tokens: string[]): string[] {
  const out = tokens.map((t) => t.replace(/^(an|ab|um)zu(meld\w*)$/, '$1$2'));
  const last = out.length - 1;
  if (last > 0 && PARTICLES.has(out[last])) {
    for (let i = last - 1; i >= 0; i--) {
      if (SEPARABLE_VERB.test(out[i])) {
        // The joined verb takes the particle's place at the end, where the infinitive stands in names.
        out[last] = out[last] + out[i];
        out.splice(i, 1);
        break;
      }
    }
  }
  return out;
}

export function tokenize(text: string): string[] {
  const folded = foldGerman(text);
  return folded === '' ? [] : joinSeparableVerbs(folded.split(' '));
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
  'und', 'oder', 'aber', 'fuer', 'den', 'die', 'das', 'der', 'dem', 'des', 'ein', 'eine', 'einen', 'einem',
  'einer', 'eines', 'mein', 'meine', 'meinen', 'meinem', 'meiner', 'mit', 'bei', 'beim', 'zum', 'zur',
  'von', 'vom', 'im', 'in', 'am', 'an', 'auf', 'ist', 'es', 'ich', 'wir', 'sie', 'bitte', 'mal',
  'auch', 'noch', 'so', 'wie', 'ist', 'mit', 'dann', 'jetzt', 'nun', 'ok', 'okay', 'ja', 'hm', 'aeh',
  'ne', 'nee', 'also', 'gut', 'was', 'neuen', 'neue', 'neuer', 'neues', 'ueber', 'du', 'mir', 'mich', 'uns',
  'habe', 'hab', 'hat', 'haben', 'bin', 'sind', 'war', 'kann', 'koennen', 'koennte', 'muss', 'muessen',
  'will', 'moechte', 'moechten', 'wuerde', 'gern', 'gerne', 'da', 'hier', 'nicht', 'kein',
  'keine', 'man', 'sich', 'zu', 'wenn', 'weil', 'dass', 'ob', 'schon', 'nur', 'sehr', 'denn', 'doch',
  'eigentlich', 'einfach', 'dein', 'ihr', 'ihre', 'ihren', 'unser', 'unsere', 'alt', 'alte', 'alten', 'altes',
]);
