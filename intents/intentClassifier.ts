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

export interface IntentScore { intent: IntentId; probability: number }

/** Features of an utterance whose service words are already replaced by SERVICE_PLACEHOLDER. */
export function features(tokens: readonly AnalysedToken[]): string[] {
  const out = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const { word, stem } = tokens[i];
    out.add(`w:${stem}`);
    if (i > 0) out.add(`b:${tokens[i - 1].stem}_${stem}`);
    if (word === SERVICE_PLACEHOLDER || word.length < 4) continue;
    const padded = `<${word}>`;
    for (let n = 3; n <= 5; n++) {
      for (let k = 0; k + n <= padded.length; k++) out.add(`c:${padded.slice(k, k + n)}`);
    }
  }
  if (tokens.length === 0) out.add('w:<empty>');
  return [...out];
}

export interface TrainingExample { tokens: AnalysedToken[]; intent: IntentId }

export class IntentClassifier {
  private readonly model = new BayesClassifier(undefined, 0.1).classifier;
  private readonly intents: IntentId[];
  /** Word features seen in the training phrases of each intent: "was any in-domain word said?". */
  private readonly domainWords = new Set<string>();

  constructor(examples: readonly TrainingExample[], private readonly temperature = 6) {
    const seen = new Set<IntentId>();
    for (const ex of examples) {
      const f = features(ex.tokens);
      this.model.addExample(Object.fromEntries(f.map((x, i) => [String(i), x])), ex.intent);
      seen.add(ex.intent);
      if (ex.intent !== 'none') for (const x of f) if (x.startsWith('w:')) this.domainWords.add(x);
    }
    this.intents = [...seen];
  }

  /** How many of the utterance's content words (not function words) occur in in-domain training phrases. */
  domainWordCount(tokens: readonly AnalysedToken[]): number {
    return tokens.filter((t) => !FILLER_WORDS.has(t.word) && t.word !== SERVICE_PLACEHOLDER && this.domainWords.has(`w:${t.stem}`)).length;
  }

  /** All intents with a normalised probability, best first. */
  classify(tokens: readonly AnalysedToken[]): IntentScore[] {
    const f = features(tokens);
    const { classFeatures, classTotals, totalExamples, smoothing } = this.model;
    const logScores = this.intents.map((intent) => {
      const counts = classFeatures[intent] ?? {};
      const total = classTotals[intent] ?? 1;
      let log = Math.log(total / totalExamples);
      for (const x of f) log += Math.log((counts[x] ?? smoothing) / total);
      return log;
    });
    // Naive Bayes is overconfident: many correlated n-gram features each count as independent evidence.
    // Scaling by the feature count and a temperature turns the scores into a usable confidence.
    const scale = this.temperature / Math.sqrt(f.length);
    const max = Math.max(...logScores);
    const exp = logScores.map((l) => Math.exp((l - max) * scale));
    const sum = exp.reduce((a, b) => a + b, 0);
    return this.intents
      .map((intent, i) => ({ intent, probability: exp[i] / sum }))
      .sort((a, b) => b.probability - a.probability);
  }
}
