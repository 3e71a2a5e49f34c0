/** Measures the understanding on a labelled set: joint intent+service accuracy and out-of-scope rejection. */
import type { IntentId } from '../knowledge/schema';
import type { Understanding } from './understanding';

export interface LabelledUtterance {
  text: string;
  intent: IntentId;
  service: string | null;
}

export interface EvaluationReport {
  total: number;
  inScope: number;
  /** In-scope utterances whose intent and service are both right. */
  jointAccuracy: number;
  intentAccuracy: number;
  outOfScope: number;
  /** Out-of-scope utterances answered with `none`. */
  outOfScopeRejection: number;
  /** In-scope utterances wrongly answered with `none`. */
  falseRejection: number;
  /** Expected calibration error: how far the confidence is from the accuracy, over ten confidence bins
   * (0 = a confidence of 0.8 is right 80 % of the time). */
  calibrationError: number;
  errors: { text: string; expected: string; got: string; confidence: number }[];
}

export function evaluate(understanding: { understand(text: string): Understanding }, set: readonly LabelledUtterance[]): EvaluationReport {
  let inScope = 0;
  let joint = 0;
  let intentOk = 0;
  let oos = 0;
  let rejected = 0;
  let falseRejected = 0;
  const errors: EvaluationReport['errors'] = [];
  const bins = Array.from({ length: 10 }, () => ({ n: 0, right: 0, confidence: 0 }));
  for (const u of set) {
    const got = understanding.understand(u.text);
    const ok = got.intent === u.intent && (got.service ?? null) === (u.service ?? null);
    if (u.intent === 'none') {
      oos++;
      if (got.intent === 'none') rejected++;
    } else {
      inScope++;
      if (ok) joint++;
      if (got.intent === u.intent) intentOk++;
      if (got.intent === 'none') falseRejected++;
    }
    const bin = bins[Math.min(9, Math.floor(got.confidence * 10))];
    bin.n++;
    bin.right += ok ? 1 : 0;
    bin.confidence += got.confidence;
    if (!ok)
      errors.push({
        text: u.text,
        expected: `${u.intent}/${u.service}`,
        got: `${got.intent}/${got.service}`,
        confidence: Math.round(got.confidence * 100) / 100,
      });
  }
  return {
    total: set.length,
    inScope,
    jointAccuracy: inScope ? joint / inScope : 0,
    intentAccuracy: inScope ? intentOk / inScope : 0,
    outOfScope: oos,
    outOfScopeRejection: oos ? rejected / oos : 0,
    falseRejection: inScope ? falseRejected / inScope : 0,
    calibrationError: bins.reduce((e, b) => e + (b.n ? Math.abs(b.right - b.confidence) / set.length : 0), 0),
    errors,
  };
}
