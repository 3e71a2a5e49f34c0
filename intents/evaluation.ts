/** Measures the understanding on a labelled set: joint intent+service accuracy and out-of-scope rejection. */
import type { IntentId } from '../knowledge/schema';
import type { LanguageUnderstanding } from './understanding';

export interface LabelledUtterance { text: string; intent: IntentId; service: string | null }

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
  errors: { text: string; expected: string; got: string; confidence: number }[];
}

export function evaluate(understanding: LanguageUnderstanding, set: readonly LabelledUtterance[]): EvaluationReport {
  let inScope = 0; let joint = 0; let intentOk = 0; let oos = 0; let rejected = 0; let falseRejected = 0;
  const errors: EvaluationReport['errors'] = [];
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
    if (!ok) errors.push({ text: u.text, expected: `${u.intent}/${u.service}`, got: `${got.intent}/${got.service}`, confidence: Math.round(got.confidence * 100) / 100 });
  }
  return {
    total: set.length,
    inScope,
    jointAccuracy: inScope ? joint / inScope : 0,
    intentAccuracy: inScope ? intentOk / inScope : 0,
    outOfScope: oos,
    outOfScopeRejection: oos ? rejected / oos : 0,
    falseRejection: inScope ? falseRejected / inScope : 0,
    errors,
  };
}
