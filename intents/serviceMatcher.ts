/**
 * Finds which service (Leistung) an utterance is about, from the services' names and synonyms in the
 * knowledge: robust to inflection (stems), compounds (split against the vocabulary), typos (Jaro-Winkler)
 * and words in between ("mein altes Auto abmelden"). Also reports where the service was named, so that
 * the intent classifier can look at the rest of the sentence.
 */
import JaroWinklerDistance from 'natural/lib/natural/distance/jaro-winkler_distance';
import { tokenize, stem, FILLER_WORDS } from './normalize';
import type { CompoundSplitter } from './compounds';

export interface ServiceName {
  serviceId: string;
  text: string;
}

export interface ServiceMatch {
  serviceId: string | null;
  /** Services that fit equally well (more than one: ask the citizen which one). */
  candidates: string[];
  /** Indexes into `tokens` that named the service. */
  span: number[];
  /** 1 for exact words, lower when typos had to be forgiven. */
  quality: number;
  /** `name`: a service's name was found; `shared-word`: only a word several services share ("anmelden"). */
  kind: 'name' | 'shared-word' | 'none';
  /** Letters of the words that named it: of two names of the same words, the longer is the more specific. */
  chars: number;
  /** How many services' names use its most shared word ("anmelden": several; "Hundesteuer": one). */
  shared: number;
  /** Named as what another thing is for or where it is done ("für das Visum", "bei der Zulassungsstelle"). */
  subordinate: boolean;
  /** Indexes of the utterance's words (before compound splitting) that named it. */
  words: number[];
}

/**
 * A token of the analysed utterance: the folded word and its stem, and which words of the text it stands
 * for (`source` to `to`: several where speech recognition split one word, "melde bescheinigung").
 */
export interface AnalysedToken {
  word: string;
  stem: string;
  source?: number;
  to?: number;
}

/** Speech recognition splits long words into at most this many parts ("bewohner park ausweis"). */
const MAX_JOINED_PARTS = 3;
/** Only a long word is taken for a split one: "ab melden" is two words as often as one. */
const MIN_JOINED_LENGTH = 8;
/** A particle is no split part ("ab meldebescheinigung" is not "Abmeldebescheinigung"). */
const MIN_JOINED_PART = 3;

interface Entry {
  serviceId: string;
  stems: string[];
}

/** Words that introduce what a question is for ("für den Reisepass", "zur Abmeldung"). */
const TARGET_WORDS = new Set(['fuer', 'fuers', 'zum', 'zur']);

/** Verbs whose object is the service the citizen wants ("ich brauche einen Reisepass"). */
const NEED_VERB = /^(brauch|benoetig|beantrag|bekomm|krieg|bestell)\w*$/;

/** How far apart the words of a multi-word name may stand ("Auto ... anmelden"). */
const MAX_GAP = 3;
const FUZZY_MIN_LENGTH = 5;
/** Name words two services share when they are one family (Wohnsitz-An- and -Abmeldung share six). */
const FAMILY_AFFINITY = 4;
const FUZZY_THRESHOLD = 0.92;

export class ServiceMatcher {
  private readonly entries: Entry[] = [];
  /** Stems that are a name on their own ("Führerschein"). */
  private readonly oneWordNames = new Set<string>();
  /** The folded words of the names as written ("meldebescheinigung"): what a split word joined again may be. */
  private readonly nameWords = new Set<string>();
  /** Stems that occur in some name, for fuzzy look-up. */
  private readonly nameStems = new Set<string>();
  /**
   * Stem → the services whose names use it, each with how many of its names do: the basis for "which one did
   * you mean?", and a word of many names of a service ("Kennzeichen") is core to it.
   */
  private readonly stemServices = new Map<string, Map<string, number>>();
  /**
   * First stem of a name → indexes into `entries`: a name can only be found where its first word is, so
   * match() looks at the few entries the utterance's words start instead of all of them (hundreds).
   */
  private readonly entriesByFirstStem = new Map<string, number[]>();

  /**
   * `fuzzy`: forgive typos in names (Jaro-Winkler against every name word). The catalogue of services not
   * answered yet is matched exactly: it is large, and a typo there may not cost an answered service.
   */
  constructor(
    names: readonly ServiceName[],
    private readonly splitter: CompoundSplitter,
    private readonly fuzzy = true,
  ) {
    const seen = new Set<string>();
    for (const { serviceId, text } of names) {
      for (const w of tokenize(text)) this.nameWords.add(w);
      const stems = this.analyse(text)
        .map((t) => t.stem)
        .filter((s) => !FILLER_WORDS.has(s));
      const key = `${serviceId}|${stems.join(' ')}`;
      if (stems.length === 0 || seen.has(key)) continue;
      seen.add(key);
      this.entries.push({ serviceId, stems });
      if (stems.length === 1) this.oneWordNames.add(stems[0]);
      for (const s of new Set(stems)) {
        this.nameStems.add(s);
        const users = this.stemServices.get(s) ?? new Map<string, number>();
        users.set(serviceId, (users.get(serviceId) ?? 0) + 1);
        this.stemServices.set(s, users);
      }
    }
    // Longer names first: "Auto abmelden" must win over "Auto".
    this.entries.sort((a, b) => b.stems.length - a.stems.length);
    this.entries.forEach((entry, index) => {
      const first = entry.stems[0];
      if (!this.entriesByFirstStem.has(first)) this.entriesByFirstStem.set(first, []);
      this.entriesByFirstStem.get(first)?.push(index);
    });
    // Look-ups made while the names were still being added saw only some of them.
    this.resolved.clear();
  }

  /** Folds, tokenises, splits compounds and stems the text. */
  analyse(text: string): AnalysedToken[] {
    return this.joinSplitWords(tokenize(text)).flatMap(({ word, source, to }) => {
      // A (misspelt) name word stays whole: "personalauswies" is a typo, not "person" + "alauswies".
      const whole = { word, stem: stem(word), source, to };
      const resolved = this.nameStems.size > 0 ? this.resolve(whole) : undefined;
      if (resolved && !this.oneWordNames.has(resolved.stem)) {
        // A compound is what its last part names ("Kartenführerschein" is a Führerschein), even where the
        // whole word also occurs in a longer name ("Umtausch Kartenführerschein").
        const head = this.splitter.head(word);
        if (head && this.oneWordNames.has(stem(head))) {
          const modifier = word.slice(0, word.length - head.length);
          return [
            { word: modifier, stem: stem(modifier), source, to },
            { word: head, stem: stem(head), source, to },
          ];
        }
      }
      if (resolved) return [whole];
      return this.splitter.split(word).map((part) => ({ word: part, stem: stem(part), source, to }));
    });
  }

  /**
   * Words speech recognition (or a hurried typist) split apart are joined again where together they are a
   * known word: "melde bescheinigung", "bewohner park ausweis", "kenn zeichen".
   */
  private joinSplitWords(words: readonly string[]): { word: string; source: number; to: number }[] {
    const out: { word: string; source: number; to: number }[] = [];
    for (let i = 0; i < words.length;) {
      let joined: string | undefined;
      let k = Math.min(MAX_JOINED_PARTS, words.length - i);
      for (; k >= 2; k--) {
        const parts = words.slice(i, i + k);
        const candidate = parts.join('');
        if (candidate.length < MIN_JOINED_LENGTH || parts.some((p) => p.length < MIN_JOINED_PART || /\d/.test(p))) continue;
        if (this.splitter.knows(candidate) || this.nameWords.has(candidate) || this.nameStems.has(stem(candidate))) {
          joined = candidate;
          break;
        }
      }
      if (joined) {
        out.push({ word: joined, source: i, to: i + k - 1 });
        i += k;
      } else {
        out.push({ word: words[i], source: i, to: i });
        i++;
      }
    }
    return out;
  }

  private readonly resolved = new Map<string, { stem: string; quality: number } | undefined>();

  /**
   * The stem of a name word this token stands for (itself, or the closest one when it is a typo). Cached:
   * the typo search compares with every name stem, and the same words come again and again.
   */
  private resolve(token: AnalysedToken): { stem: string; quality: number } | undefined {
    const key = `${token.word} ${token.stem}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    const result = this.resolveUncached(token);
    if (this.resolved.size < 50_000) this.resolved.set(key, result);
    return result;
  }

  private resolveUncached(token: AnalysedToken): { stem: string; quality: number } | undefined {
    if (this.nameStems.has(token.stem)) {
      // The stemmer cuts some long words down to a short name: "persönlich" → "perso". Inflection adds
      // a few letters at most.
      if (token.stem.length >= 6 || token.word.length <= token.stem.length + 3) return { stem: token.stem, quality: 1 };
      return undefined;
    }
    if (!this.fuzzy || token.word.length < FUZZY_MIN_LENGTH) return undefined;
    let best: { stem: string; quality: number } | undefined;
    for (const s of this.nameStems) {
      if (Math.abs(s.length - token.stem.length) > 3 || s.length < FUZZY_MIN_LENGTH - 1) continue;
      // A longer word that merely starts with a short name is another word, not a typo of it:
      // "persönlich" and "Person" are not "Perso".
      const shorter = Math.min(s.length, token.stem.length);
      if (shorter < 7 && (token.stem.startsWith(s) || s.startsWith(token.stem))) continue;
      const q = JaroWinklerDistance(token.stem, s);
      if (q >= FUZZY_THRESHOLD && (!best || q > best.quality)) best = { stem: s, quality: q };
    }
    return best;
  }

  private readonly families = new Map<string, string[]>();
  private readonly affinities = new Map<string, number>();

  /**
   * The service and the services of its family: those sharing at least FAMILY_AFFINITY name words with it
   * (Kfz-Zulassung and Kfz-Abmeldung share "Auto", "Kfz", "Fahrzeug", "Kennzeichen", …).
   */
  familyOf(serviceId: string): string[] {
    let family = this.families.get(serviceId);
    if (!family) {
      const all = new Set(this.entries.map((e) => e.serviceId));
      family = [...all].filter((other) => other === serviceId || this.affinity(serviceId, other) >= FAMILY_AFFINITY);
      this.families.set(serviceId, family);
    }
    return family;
  }

  /** How many of the service's names use the stem: a word of many names ("Kennzeichen") is core to it. */
  namesUsing(stemOf: string, serviceId: string): number {
    return this.stemServices.get(stemOf)?.get(serviceId) ?? 0;
  }

  /** Services whose names use the stem ("abmeld" → Wohnsitz, Kfz and Gewerbe). */
  servicesUsing(stemOf: string): string[] {
    return [...(this.stemServices.get(stemOf)?.keys() ?? [])];
  }

  /**
   * How closely two services are related, by the name words they share (Kfz-Zulassung and Kfz-Abmeldung
   * share "Auto", "Kfz", "Fahrzeug"): the family a short, ambiguous name is read in.
   */
  affinity(a: string, b: string): number {
    if (a === b) return Number.POSITIVE_INFINITY;
    // Asked on every short, shared name: counted once per pair, not over every name word each time.
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    let shared = this.affinities.get(key);
    if (shared === undefined) {
      shared = 0;
      for (const services of this.stemServices.values()) if (services.has(a) && services.has(b)) shared++;
      this.affinities.set(key, shared);
    }
    return shared;
  }

  match(tokens: readonly AnalysedToken[]): ServiceMatch {
    const resolved = tokens.map((t) => this.resolve(t));
    // Every name found, then the best: most words, fewest typos, longest text, named first. Two services
    // tie (and the citizen is asked) only when the same words name both ("Auto melden"); when two are
    // named in different places ("Passfoto für den Personalausweis"), the more specific one wins.
    const found: { serviceId: string; span: number[]; quality: number; words: number; target: number; shared: number; chars: number }[] =
      [];
    // The entries whose first stem occurs, in the order of `entries` (ties keep that order below).
    const candidateEntries = new Set<number>();
    for (const r of resolved) for (const index of (r && this.entriesByFirstStem.get(r.stem)) || []) candidateEntries.add(index);
    for (const index of [...candidateEntries].sort((a, b) => a - b)) {
      const entry = this.entries[index];
      const f = findInOrder(entry.stems, resolved);
      if (!f) continue;
      const chars = f.span.reduce((n, i) => n + tokens[i].word.length, 0);
      // "für den Reisepass": the service the question is for, rather than one mentioned on the way.
      const before = tokens.slice(Math.max(0, f.span[0] - 2), f.span[0]).map((t) => t.word);
      // "Was brauche ich außer dem Ausweis?": a service set aside is not the one asked about.
      if (before.includes('ausser')) continue;
      // What the citizen needs ("brauche eine Meldebescheinigung für die Wohngeldstelle") is as much the target.
      const target = before.some((w) => TARGET_WORDS.has(w) || NEED_VERB.test(w)) ? 1 : 0;
      // A word many services' names use ("anmelden") says less than one only a single service uses ("Hund").
      const shared = Math.max(...entry.stems.map((st) => this.stemServices.get(st)?.size ?? 1));
      found.push({ serviceId: entry.serviceId, span: f.span, quality: f.quality, words: entry.stems.length, target, shared, chars });
    }
    if (found.length > 0) {
      found.sort(
        (a, b) =>
          b.words - a.words ||
          b.quality - a.quality ||
          b.target - a.target ||
          a.shared - b.shared ||
          b.chars - a.chars ||
          a.span[0] - b.span[0],
      );
      const best = found[0];
      const sameWords = (x: typeof best) =>
        x.words === best.words &&
        Math.abs(x.quality - best.quality) < 1e-9 &&
        x.span.length === best.span.length &&
        x.span.every((i, k) => i === best.span[k]);
      const candidates = [...new Set(found.filter(sameWords).map((x) => x.serviceId))];
      return {
        serviceId: candidates.length === 1 ? candidates[0] : null,
        candidates,
        span: best.span,
        quality: best.quality,
        kind: 'name',
        chars: best.chars,
        shared: best.shared,
        words: wordsOf(best.span, tokens),
        subordinate: subordinate(best.span[0], tokens),
      };
    }
    // No full name, but a word that only a few services share ("anmelden"): candidates to ask about.
    for (let i = 0; i < resolved.length; i++) {
      const r = resolved[i];
      const services = r ? this.stemServices.get(r.stem) : undefined;
      if (services && services.size >= 2 && services.size <= 4) {
        return {
          serviceId: null,
          candidates: [...services.keys()].sort(),
          span: [i],
          quality: r?.quality ?? 0,
          kind: 'shared-word',
          chars: tokens[i].word.length,
          shared: services.size,
          words: wordsOf([i], tokens),
          subordinate: subordinate(i, tokens),
        };
      }
    }
    return { serviceId: null, candidates: [], span: [], quality: 0, kind: 'none', chars: 0, shared: 0, words: [], subordinate: false };
  }
}

/** Words that make a name what something else is for ("für das Visum") or, before an office, where it is done. */
const AT = new Set(['bei', 'beim']);
/** A name that is an office ("Zulassungsstelle", "Standesamt"): "bei der …" says where, not what. */
const OFFICE_WORD = /(stelle|amt|aemter|behoerde|buero|zentrum|kasse)$/;

function subordinate(start: number, tokens: readonly AnalysedToken[]): boolean {
  const before = tokens.slice(Math.max(0, start - 2), start).map((t) => t.word);
  return before.some((w) => TARGET_WORDS.has(w)) || (before.some((w) => AT.has(w)) && OFFICE_WORD.test(tokens[start].word));
}

/** The indexes of the text's words that the tokens at `span` stand for. */
function wordsOf(span: readonly number[], tokens: readonly AnalysedToken[]): number[] {
  const words = new Set<number>();
  for (const i of span) {
    const { source = i, to = source } = tokens[i];
    for (let w = source; w <= to; w++) words.add(w);
  }
  return [...words];
}

/** Finds `stems` in order among the resolved tokens, with at most MAX_GAP other words between them. */
function findInOrder(
  stems: readonly string[],
  resolved: readonly ({ stem: string; quality: number } | undefined)[],
): { span: number[]; quality: number } | undefined {
  for (let start = 0; start < resolved.length; start++) {
    if (resolved[start]?.stem !== stems[0]) continue;
    const span = [start];
    let quality = resolved[start]?.quality ?? 0;
    let pos = start;
    for (let k = 1; k < stems.length; k++) {
      let next = -1;
      for (let j = pos + 1; j <= Math.min(resolved.length - 1, pos + 1 + MAX_GAP); j++) {
        if (resolved[j]?.stem === stems[k]) {
          next = j;
          break;
        }
      }
      if (next < 0) {
        span.length = 0;
        break;
      }
      span.push(next);
      quality = Math.min(quality, resolved[next]?.quality ?? 0);
      pos = next;
    }
    if (span.length === stems.length) return { span, quality };
  }
  return undefined;
}
