/**
 * Intent classification on natural's Bayes model. natural counts the features per intent; we score in log
 * space (natural's own scoring multiplies probabilities and underflows) and normalise to a confidence.
 * Features: word stems, stem bigrams and character 3–5-grams (these forgive typos and inflection).
 * The service's own words are replaced by one placeholder, so that "Was kostet X?" is learned once for all
 * services.
 */
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier';
import type { IntentId } from '../knowledge/schema';
import type { AnalysedToken } from './serviceMatcher';
import { FILLER_WORDS } from './normalize';

export const SERVICE_PLACEHOLDER = 'xservicex';

export interface IntentScore {
  intent: IntentId;
  probability: number;
}

/** German question words carry the intent ("Wo kann ich … beantragen?" asks for the place, not the
 * procedure), yet are short and would be outweighed by the longer words around them. */
const QUESTION_WORDS = new Set(['wo', 'wohin', 'woher', 'wer', 'wen', 'wem', 'wann', 'welche', 'welches', 'welcher']);
const QUESTION_WORD_WEIGHT = 2;

/** Weight of one word's character n-grams together, relative to one word feature. */
const CHAR_GRAMS_WEIGHT = 1;

/**
 * Features of an utterance whose service words are already replaced by SERVICE_PLACEHOLDER, with their
 * weights. A long word has many character n-grams; counted one by one they would outvote short words
 * that decide the intent ("wo", "wer", "wann"), so a word's n-grams share one weight.
 */
const gramCache = new Map<string, readonly string[]>();
/** A word's character 3–5-grams (cached: citizens' words repeat, and building them dominated the allocations). */
function charGrams(word: string): readonly string[] {
  let grams = gramCache.get(word);
  if (!grams) {
    const padded = `<${word}>`;
    const out: string[] = [];
    for (let n = 3; n <= 5; n++) {
      for (let k = 0; k + n <= padded.length; k++) out.push(`c:${padded.slice(k, k + n)}`);
    }
    grams = out;
    if (gramCache.size < 50_000) gramCache.set(word, grams);
  }
  return grams;
}

export function weightedFeatures(tokens: readonly AnalysedToken[]): Map<string, number> {
  const out = new Map<string, number>();
  const add = (f: string, w: number) => out.set(f, Math.max(out.get(f) ?? 0, w));
  for (let i = 0; i < tokens.length; i++) {
    const { word, stem } = tokens[i];
    add(`w:${stem}`, QUESTION_WORDS.has(word) ? QUESTION_WORD_WEIGHT : 1);
    if (i > 0) add(`b:${tokens[i - 1].stem}_${stem}`, 1);
    if (word === SERVICE_PLACEHOLDER || word.length < 4) continue;
    const grams = charGrams(word);
    for (const g of grams) add(g, CHAR_GRAMS_WEIGHT / grams.length);
  }
  if (tokens.length === 0) add('w:<empty>', 1);
  // Whether a service was named is evidence too: "Was kostet ein Deutschlandticket?" has the words of a
  // fee question but, unlike the fee questions we answer, no service.
  if (!tokens.some((t) => t.word === SERVICE_PLACEHOLDER)) add('w:<noservice>', 1);
  return out;
}

function features(tokens: readonly AnalysedToken[]): string[] {
  return [...weightedFeatures(tokens).keys()];
}

export interface TrainingExample {
  tokens: AnalysedToken[];
  intent: IntentId;
}

export class IntentClassifier {
  private readonly intents: IntentId[];
  /** Word features seen in the training phrases of each intent: "was any in-domain word said?". */
  private readonly domainWords = new Set<string>();
  /** Examples per intent. apparatus (natural's Bayes backend) counts these only for dense observations,
   * not for the sparse ones we give it, so we keep them ourselves. */
  private readonly exampleCounts = new Map<IntentId, number>();
  /**
   * Per known feature, log((count or smoothing) / total) for each intent (in `intents` order), and the log
   * prior of each intent: the model does not change after training, so classify() adds up precomputed
   * numbers instead of taking about a hundred logarithms and object look-ups per intent and utterance.
   * The values are the very ones classify() used to compute, so the scores are identical. Only features seen in
   * training have a row: a feature no intent has seen says nothing about any of them; scoring it with the
   * smoothing value would favour the intents with the fewest examples. natural's model itself is not kept: it
   * holds every training example's features, which nothing reads after this.
   */
  private readonly logLikelihood = new Map<string, Float64Array>();
  private readonly logPrior: Float64Array;
  private readonly smoothing: number;

  constructor(
    examples: readonly TrainingExample[],
    private readonly temperature = 2,
  ) {
    const model = new BayesClassifier(undefined, 0.1).classifier;
    const known = new Set<string>();
    const seen = new Set<IntentId>();
    for (const ex of examples) {
      const f = features(ex.tokens);
      for (const x of f) known.add(x);
      model.addExample(Object.fromEntries(f.map((x, i) => [String(i), x])), ex.intent);
      seen.add(ex.intent);
      this.exampleCounts.set(ex.intent, (this.exampleCounts.get(ex.intent) ?? 0) + 1);
      if (ex.intent !== 'none') for (const x of f) if (x.startsWith('w:')) this.domainWords.add(x);
    }
    this.intents = [...seen];

    const { classFeatures, smoothing } = model;
    this.smoothing = smoothing;
    const totalExamples = [...this.exampleCounts.values()].reduce((a, b) => a + b, 0);
    // +1 as apparatus does: a feature seen in every example of a class has a count of examples + smoothing.
    const totals = this.intents.map((intent) => (this.exampleCounts.get(intent) ?? 0) + 1);
    this.logPrior = Float64Array.from(totals, (total) => Math.log(total / totalExamples));
    for (const x of known) {
      this.logLikelihood.set(
        x,
        Float64Array.from(this.intents, (intent, i) => Math.log(((classFeatures[intent] ?? {})[x] ?? smoothing) / totals[i])),
      );
    }
  }

  /** The utterance's content words (not function words, not the service) and how many of them occur in
   * in-domain training phrases: a question we answer is mostly made of words we have seen. */
  domainCoverage(tokens: readonly AnalysedToken[], fillers: ReadonlySet<string> = FILLER_WORDS): { content: number; known: number } {
    const content = tokens.filter((t) => !fillers.has(t.word) && t.word !== SERVICE_PLACEHOLDER);
    return { content: content.length, known: content.filter((t) => this.domainWords.has(`w:${t.stem}`)).length };
  }

  /** All intents with a normalised probability, best first. */
  classify(tokens: readonly AnalysedToken[]): IntentScore[] {
    const rows: Float64Array[] = [];
    const weights: number[] = [];
    for (const [x, w] of weightedFeatures(tokens)) {
      const row = this.logLikelihood.get(x);
      if (row) {
        rows.push(row);
        weights.push(w);
      }
    }
    if (rows.length === 0) {
      // '<empty>' is a training feature (utterances of no words); without a row it scores as unseen.
      rows.push(this.logLikelihood.get('w:<empty>') ?? this.unseenRow());
      weights.push(1);
    }
    // Feature by feature, as before: each intent's sum is added up in the same order.
    const logScores = Float64Array.from(this.logPrior);
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k];
      const w = weights[k];
      for (let i = 0; i < logScores.length; i++) logScores[i] += w * row[i];
    }
    const weight = weights.reduce((n, w) => n + w, 0);
    // Naive Bayes is overconfident: many correlated n-gram features each count as independent evidence.
    // Scaling by the feature count and a temperature turns the scores into a usable confidence.
    const scale = this.temperature / Math.sqrt(weight);
    const max = Math.max(...logScores);
    const exp = logScores.map((l) => Math.exp((l - max) * scale));
    const sum = exp.reduce((a, b) => a + b, 0);
    return this.intents.map((intent, i) => ({ intent, probability: exp[i] / sum })).sort((a, b) => b.probability - a.probability);
  }

  /** The log-likelihoods of a feature no intent has seen (smoothing only). */
  private unseenRow(): Float64Array {
    return Float64Array.from(this.logPrior, (_, i) => Math.log(this.smoothing / ((this.exampleCounts.get(this.intents[i]) ?? 0) + 1)));
  }
}
