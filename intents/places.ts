/**
 * Finds the place a citizen names ("Ich wohne in Wasbüttel") in the Kommunen's gazetteers
 * (knowledge/places/): a Stadt, Gemeinde, Samtgemeinde or Ortsteil, resolved to the Verwaltung that serves
 * it (Wasbüttel → Samtgemeinde Isenbüttel). Works on folded tokens, so "Hankensbuettel" and ASR-style
 * lowercase text match alike.
 */
import type { PlaceVerwaltung, PlacesFile } from '../knowledge/schema';
import { foldGerman, tokenize } from './normalize';

export interface Place {
  /** Stable id: the Verwaltung's id, a Gemeinde's slug, or "<gemeinde>-<ortsteil>" for an Ortsteil. */
  id: string;
  /** The name as the gazetteer writes it ("Wasbüttel"). */
  name: string;
  kind: 'verwaltung' | 'gemeinde' | 'ortsteil';
  /** The Kommune (tenant) whose gazetteer lists it. */
  tenant: string;
  verwaltung: PlaceVerwaltung;
  /** The Gemeinde an Ortsteil belongs to (its own name for a Gemeinde). */
  gemeinde?: string;
}

export interface PlaceMatch {
  place: Place;
  /** Indexes into tokenize(text) that named the place. */
  span: number[];
}

function slug(name: string): string {
  return foldGerman(name).replace(/ /g, '-');
}

/** Words before a place name that make it one even when the word is also an ordinary word. */
const PLACE_PREPOSITIONS = new Set(['in', 'aus', 'nach', 'bei', 'von', 'wohne', 'wohnen', 'ortsteil', 'gemeinde', 'samtgemeinde', 'stadt']);
/** "Landkreis Gifhorn" names the Kommune, not the Stadt Gifhorn. */
const KOMMUNE_WORDS = new Set(['landkreis', 'kreis', 'lk', 'kreisverwaltung']);
/** Words in Verwaltung names that are not a place ("Samtgemeinde Isenbüttel" → "isenbuettel"). */
const KIND_WORDS = new Set(['stadt', 'gemeinde', 'samtgemeinde', 'sg']);

interface Entry {
  tokens: string[];
  place: Place;
}

export class PlaceMatcher {
  /** First token → entries starting with it, longest first. */
  private readonly byFirst = new Map<string, Entry[]>();

  /**
   * `ordinaryWords`: words citizens use in questions anyway (the understanding's vocabulary); a place named
   * by such a word alone counts only after a preposition ("in Hehlingen" yes, "mitte" alone no).
   */
  constructor(
    gazetteers: Iterable<PlacesFile>,
    private readonly ordinaryWords: ReadonlySet<string> = new Set(),
  ) {
    for (const g of gazetteers) {
      for (const v of g.verwaltungen) {
        const base = { tenant: g.kommune, verwaltung: v };
        const core = v.name
          .split(/\s+/)
          .filter((w) => !KIND_WORDS.has(foldGerman(w)))
          .join(' ');
        this.add(v.name, { ...base, id: v.id, name: v.name, kind: 'verwaltung' });
        // Named as the citizen says it ("Sassenburg"), not as the Verwaltung is called ("Gemeinde Sassenburg").
        if (core && core !== v.name) this.add(core, { ...base, id: v.id, name: core, kind: 'verwaltung' });
        for (const gemeinde of v.gemeinden) {
          const gid = slug(gemeinde.name);
          this.add(gemeinde.name, { ...base, id: gid, name: gemeinde.name, kind: 'gemeinde', gemeinde: gemeinde.name });
          for (const ortsteil of gemeinde.ortsteile ?? []) {
            if (slug(ortsteil) === gid) continue;
            this.add(ortsteil, { ...base, id: `${gid}-${slug(ortsteil)}`, name: ortsteil, kind: 'ortsteil', gemeinde: gemeinde.name });
          }
        }
      }
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length || rank(a.place) - rank(b.place));
  }

  private add(name: string, place: Place): void {
    const tokens = tokenize(name);
    if (tokens.length === 0) return;
    const list = this.byFirst.get(tokens[0]) ?? [];
    list.push({ tokens, place });
    this.byFirst.set(tokens[0], list);
  }

  /**
   * The first place named in the tokens (of tokenize(text)), or undefined. Where a name is used in two
   * Kommunen (Kästorf in Gifhorn and in Wolfsburg), the one of `tenant` (the chat's Kommune) wins.
   */
  matchTokens(tokens: readonly string[], tenant?: string): PlaceMatch | undefined {
    for (let i = 0; i < tokens.length; i++) {
      const before = tokens[i - 1];
      if (before !== undefined && KOMMUNE_WORDS.has(before)) continue;
      const found = (this.byFirst.get(tokens[i]) ?? []).filter(
        (entry) =>
          entry.tokens.every((t, k) => tokens[i + k] === t) &&
          !(entry.tokens.length === 1 && this.ordinaryWords.has(tokens[i]) && !(before !== undefined && PLACE_PREPOSITIONS.has(before))),
      );
      if (found.length === 0) continue;
      const longest = found[0].tokens.length;
      const entry = found.find((e) => e.tokens.length === longest && e.place.tenant === tenant) ?? found[0];
      // "Samtgemeinde Isenbüttel": the kind word belongs to the name.
      const start = before !== undefined && KIND_WORDS.has(before) ? i - 1 : i;
      return { place: entry.place, span: Array.from({ length: longest + i - start }, (_, k) => start + k) };
    }
    return undefined;
  }

  match(text: string, tenant?: string): PlaceMatch | undefined {
    return this.matchTokens(tokenize(text), tenant);
  }
}

/** Among places of the same name: the Verwaltung, then the Gemeinde, then an Ortsteil. */
function rank(p: Place): number {
  return p.kind === 'verwaltung' ? 0 : p.kind === 'gemeinde' ? 1 : 2;
}
