/**
 * A multinomial logistic regression (softmax) over the same sparse features as the Bayes classifier
 * (intentClassifier.ts: word stems, stem bigrams, character n-grams), trained by stochastic gradient descent
 * with a decaying rate. Naive Bayes counts each feature independently, so the many words two intents share ("I", "need",
 * "my") outvote the few that tell them apart; a discriminative model learns which features separate them. Used
 * where the training phrases are the only knowledge of a language (foreignUnderstanding.ts); `natural`'s own
 * logistic regression trains in seconds per model and can fail to converge. Deterministic: a fixed shuffle.
 */
import type { IntentId } from '../knowledge/schema';
import { weightedFeatures, type IntentScore, type TrainingExample } from './intentClassifier';
import type { AnalysedToken } from './serviceMatcher';

const EPOCHS = 12;
const LEARNING_RATE = 0.5;
const L2 = 1e-4;

export class SoftmaxClassifier {
  private readonly intents: IntentId[];
  /** Feature → one weight per intent. */
  private readonly weights = new Map<string, Float64Array>();
  private readonly bias: Float64Array;

  constructor(examples: readonly TrainingExample[]) {
    this.intents = [...new Set(examples.map((e) => e.intent))];
    const k = this.intents.length;
    // Features as numbers and weights in one array (row f·k … f·k+k−1): training touches no map.
    const index = new Map<string, number>();
    const data = examples.map((e) => {
      const features = [...weightedFeatures(e.tokens)];
      const ids = Int32Array.from(features, ([f]) => index.get(f) ?? index.set(f, index.size).get(f)!);
      return { ids, values: Float64Array.from(features, ([, v]) => v), y: this.intents.indexOf(e.intent) };
    });
    const w = new Float64Array(index.size * k);
    const b = new Float64Array(k);
    const scores = new Float64Array(k);
    // A fixed pseudo-random order per epoch (linear congruential), so that training is reproducible.
    let seed = 42;
    const order = data.map((_, i) => i);
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const j = seed % (i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      const rate = LEARNING_RATE / (1 + epoch);
      for (const n of order) {
        const { ids, values, y } = data[n];
        scores.set(b);
        for (let m = 0; m < ids.length; m++) {
          const row = ids[m] * k;
          for (let c = 0; c < k; c++) scores[c] += w[row + c] * values[m];
        }
        const p = softmax(scores);
        for (let c = 0; c < k; c++) b[c] -= rate * (p[c] - (c === y ? 1 : 0));
        for (let m = 0; m < ids.length; m++) {
          const row = ids[m] * k;
          for (let c = 0; c < k; c++) w[row + c] -= rate * ((p[c] - (c === y ? 1 : 0)) * values[m] + L2 * w[row + c]);
        }
      }
    }
    for (const [f, id] of index) this.weights.set(f, w.subarray(id * k, id * k + k));
    this.bias = b;
  }

  classify(tokens: readonly AnalysedToken[]): IntentScore[] {
    const k = this.intents.length;
    const scores = Float64Array.from(this.bias);
    for (const [f, v] of weightedFeatures(tokens)) {
      const row = this.weights.get(f);
      if (row) for (let c = 0; c < k; c++) scores[c] += row[c] * v;
    }
    const p = softmax(scores);
    return this.intents.map((intent, c) => ({ intent, probability: p[c] })).sort((a, b) => b.probability - a.probability);
  }
}

function softmax(scores: Float64Array): Float64Array {
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const total = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / total);
}
