/**
 * Splits German compounds against a known vocabulary, so that "personalausweisverlaengerung" or
 * "reisepassgebuehr" are understood through their parts. Uses natural's Trie for the prefix search and a
 * second trie over reversed words for suffixes ("kinderreisepass").
 */
import Trie from 'natural/lib/natural/trie/trie';

const MIN_PART = 4;
const MIN_REST = 3;
/** A rest that is not a known word is kept only when it is this long (likely a real, unlisted word). */
const MIN_UNKNOWN_REST = 6;
/** German linking elements between compound parts ("Wohnsitz-s-anmeldung" is rare, "Hunde-steuer" common). */
const LINKERS = ['s', 'es', 'n', 'en'];

export class CompoundSplitter {
  private readonly prefixes = new Trie(true);
  private readonly suffixes = new Trie(true);
  private readonly words = new Set<string>();
  private readonly cache = new Map<string, string[]>();

  constructor(vocabulary: Iterable<string>) {
    for (const w of vocabulary) {
      if (w.length < MIN_PART || /^\d+$/.test(w) || this.words.has(w)) continue;
      this.words.add(w);
      this.prefixes.addString(w);
      this.suffixes.addString([...w].reverse().join(''));
    }
  }

  /** Whether the word is in the vocabulary as it is ("kennzeichen"). */
  knows(word: string): boolean {
    return this.words.has(word);
  }

  /** The token's parts, or the token alone when it is known or cannot be split. */
  split(token: string): string[] {
    const cached = this.cache.get(token);
    if (cached) return cached;
    const parts = this.splitUncached(token, 0);
    if (this.cache.size < 20_000) this.cache.set(token, parts);
    return parts;
  }

  /** The compound's last part when it is a known word ("kartenfuehrerschein" → "fuehrerschein"), known or not the whole. */
  head(token: string): string | undefined {
    const reversed = [...token].reverse().join('');
    const tails = this.suffixes.findMatchesOnPath(reversed).filter((p) => p.length >= MIN_PART && p.length <= token.length - MIN_REST);
    const longest = tails.sort((a, b) => b.length - a.length)[0];
    return longest ? [...longest].reverse().join('') : undefined;
  }

  private splitUncached(token: string, depth: number): string[] {
    if (this.words.has(token) || token.length < MIN_PART + MIN_REST || depth > 3) return [token];
    // Longest known prefix first; the rest is split again, or kept as it is.
    const heads = this.prefixes
      .findMatchesOnPath(token)
      .filter((p) => p.length >= MIN_PART)
      .sort((a, b) => b.length - a.length);
    for (const head of heads) {
      let rest = token.slice(head.length);
      if (rest.length < MIN_REST) continue;
      for (const l of LINKERS) {
        if (rest.startsWith(l) && this.words.has(rest.slice(l.length))) {
          rest = rest.slice(l.length);
          break;
        }
      }
      const restParts = this.splitUncached(rest, depth + 1);
      // An unknown short rest means the head was a chance prefix ("fuer|erschein" in a misspelt
      // "fuererschein"), not a compound part.
      if (rest.length < MIN_UNKNOWN_REST && !restParts.every((p) => this.words.has(p))) continue;
      return [head, ...restParts];
    }
    const last = this.head(token);
    return last ? [token.slice(0, token.length - last.length), last] : [token];
  }
}
