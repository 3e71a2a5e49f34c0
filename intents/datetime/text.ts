/**
 * Length-preserving folding for the recognizers. The package matches on a copy of the input whose
 * word-initial and word-final diacritics are stripped (`removeDiacriticsFromWordBoundaries`), and JS `\b`
 * is not Unicode-aware, so "übermorgen" never meets a pattern "übermorgen". We fold input and patterns
 * alike: lowercase, ä→a, ö→o, ü→u, ß→s (one character each, so offsets into the folded text are offsets
 * into the original). Patterns are written in folded spelling and also accept the ae/oe/ue/ss spellings.
 */
const FOLD: Record<string, string> = { ä: 'a', ö: 'o', ü: 'u', ß: 's', ẞ: 's', é: 'e', è: 'e', à: 'a', '\u202f': ' ', '\u00a0': ' ' };

export function foldKeepLength(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const one = lower.length === ch.length ? lower : ch;
    const folded = FOLD[one] ?? one;
    // keep UTF-16 length identical (astral characters stay as they are)
    out += folded.length === ch.length ? folded : ch;
  }
  return out;
}

/** The original text of a span, lowercased the way the package reports `text`. */
export function originalSpan(original: string, start: number, endInclusive: number): string {
  return original.substring(start, endInclusive + 1).toLowerCase();
}
