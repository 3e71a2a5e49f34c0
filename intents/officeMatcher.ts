/**
 * Finds the office a citizen names ("Wann hat das Standesamt offen?") among one Kommune's offices, by the
 * distinctive words of the office's name and short name.
 */
import type { Office } from '../knowledge/schema';
import { FILLER_WORDS, stem, tokenize } from './normalize';

/** Words in office names that say nothing about which office is meant. */
const GENERIC = new Set([
  'stadt',
  'landkreis',
  'kreis',
  'gemeinde',
  'gemeinden',
  'samtgemeinde',
  'samtgemeinden',
  'amt',
  'stelle',
  'verwaltung',
  'kreisverwaltung',
  'fachbereich',
  'abteilung',
  'team',
  'service',
  'der',
  'des',
  'die',
  'das',
  'und',
  'fuer',
  'im',
  'in',
]);

export class OfficeMatcher {
  private readonly keys: { office: Office; stems: Set<string> }[];
  private readonly placeNames: Set<string>;

  constructor(offices: readonly Office[], placeNames: readonly string[]) {
    this.placeNames = new Set(placeNames.flatMap((p) => tokenize(p)));
    this.keys = offices.map((office) => ({
      office,
      stems: new Set(
        [office.name, office.kurzname ?? '']
          .flatMap((n) => tokenize(n))
          .filter((w) => w.length >= 4 && !GENERIC.has(w) && !FILLER_WORDS.has(w) && !this.placeNames.has(w))
          .map(stem),
      ),
    }));
  }

  /** The office whose distinctive name words the text uses most, or undefined. */
  match(text: string): Office | undefined {
    const stems = new Set(tokenize(text).map(stem));
    let best: { office: Office; score: number } | undefined;
    for (const { office, stems: keyStems } of this.keys) {
      let score = 0;
      for (const s of keyStems) if (stems.has(s)) score++;
      if (score > 0 && (!best || score > best.score)) best = { office, score };
    }
    return best?.office;
  }
}
