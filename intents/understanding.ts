/**
 * Language understanding: which intent, which service, how sure. Built from the knowledge at start-up;
 * pure (no Bot Framework types), so that the dialogs, the CLI and the tests use the same thing.
 */
import type { KnowledgeBase } from '../knowledge/loader';
import type { IntentId } from '../knowledge/schema';
import { CompoundSplitter } from './compounds';
import { IntentClassifier, SERVICE_PLACEHOLDER, type IntentScore, type TrainingExample } from './intentClassifier';
import { FILLER_WORDS, foldGerman, tokenize } from './normalize';
import { ServiceMatcher, type AnalysedToken, type ServiceMatch } from './serviceMatcher';
import { SERVICE_SLOT, serviceNames, templates } from './trainingData';

export interface Understanding {
  intent: IntentId;
  /** The service named, or null (none named, or several fit: see serviceCandidates). */
  service: string | null;
  serviceCandidates: string[];
  /** 0..1: how likely intent and service are both right. */
  confidence: number;
  /** The utterance names a service and says nothing else ("und für den Reisepass?"). */
  serviceOnly: boolean;
  /** intent `none` because the best guess was too uncertain (rather than clearly out of scope). */
  unsure: boolean;
  alternatives: IntentScore[];
}

/**
 * A request to delete this conversation's data: a deleting verb and what is to go (folded: ö → oe). A rule,
 * not the classifier: deleting is irreversible (and confirmed once more), so it is never a guess, and its
 * everyday words ("Daten", "Nummer") must not pull out-of-scope questions into the domain.
 */
const DELETE_VERB = /\b(loesch\w*|entfern\w*|vergiss|vergessen|widerruf\w*)\b/;
const DELETE_OBJECT = /\b(daten|chatverlauf|verlauf|chat|gespraech\w*|telefonnummer|nummer|alles|einwilligung|angaben|rueckrufwunsch)\b/;

/** With a service named, `none` wins only when it is at least this sure. */
const NAMED_SERVICE_NONE_LIMIT = 0.5;

/** Below this, an utterance without a service is treated as not understood. */
export const MIN_CONFIDENCE = 0.4;
/** Without a service, at least this share of the content words must be known from in-scope phrases… */
const MIN_COVERAGE = 0.5;
/** …once there are this many content words (short questions are judged by the classifier alone). */
const MIN_CONTENT_FOR_COVERAGE = 2;

export class LanguageUnderstanding {
  private constructor(private readonly matcher: ServiceMatcher, private readonly classifier: IntentClassifier) {}

  static fromKnowledge(knowledge: KnowledgeBase): LanguageUnderstanding {
    const names = serviceNames(knowledge);
    const phrases = templates(knowledge);
    const vocabulary = new Set<string>();
    for (const n of names) for (const t of tokenize(n.text)) vocabulary.add(t);
    for (const p of phrases) for (const t of tokenize(p.template.split(SERVICE_SLOT).join(' '))) vocabulary.add(t);
    const matcher = new ServiceMatcher(names, new CompoundSplitter(vocabulary));

    const examples: TrainingExample[] = phrases.map(({ template, intent }) => {
      const parts = template.split(SERVICE_SLOT);
      const tokens: AnalysedToken[] = [];
      parts.forEach((part, i) => {
        if (i > 0) tokens.push({ word: SERVICE_PLACEHOLDER, stem: SERVICE_PLACEHOLDER });
        const analysed = matcher.analyse(part);
        // Out-of-scope phrases are not about our services even where they share a word ("Strom anmelden
        // nach dem Umzug"): learn their words as they are.
        tokens.push(...(intent === 'none' ? analysed : masked(analysed, matcher.match(analysed))));
      });
      return { tokens, intent };
    });
    return new LanguageUnderstanding(matcher, new IntentClassifier(examples));
  }

  understand(text: string): Understanding {
    const folded = foldGerman(text);
    if (DELETE_VERB.test(folded) && DELETE_OBJECT.test(folded)) {
      return { intent: 'delete-data', service: null, serviceCandidates: [], confidence: 0.95, serviceOnly: false, unsure: false, alternatives: [] };
    }
    const tokens = this.matcher.analyse(text);
    const match = this.matcher.match(tokens);
    const rest = masked(tokens, match);
    let scores = this.classifier.classify(rest);
    if (scores[0].intent === 'none' && match.kind === 'shared-word') {
      // A word several services share ("Was kostet es, mein Auto zu melden?") may stand for a service:
      // read it as one, and ask which service is meant, if the question then makes sense.
      const asService = this.classifier.classify(masked(tokens, { ...match, kind: 'name' }));
      if (asService[0].intent !== 'none') scores = asService;
    }
    const top = scores[0];
    const namesService = match.kind === 'name';
    const serviceOnly = namesService && rest.every((t) => t.word === SERVICE_PLACEHOLDER || FILLER_WORDS.has(t.word));

    const outOfScope = (confidence: number, unsure = false): Understanding =>
      ({ intent: 'none', service: null, serviceCandidates: [], confidence, serviceOnly: false, unsure, alternatives: scores });

    // Nothing in the sentence was ever seen in a question we answer: say so rather than guess.
    const coverage = this.classifier.domainCoverage(rest);
    if (!namesService && coverage.known === 0) return outOfScope(0.95);
    // Mostly words no in-scope question uses ("Wo kann ich mich gegen Grippe impfen lassen?").
    if (!namesService && coverage.content >= MIN_CONTENT_FOR_COVERAGE && coverage.known / coverage.content < MIN_COVERAGE) {
      return outOfScope(0.8);
    }
    // A service was named, yet the sentence looks out of scope ("Ich fliege in die USA und mein Reisepass ist
    // abgelaufen …"): unless that is clear, answer about the service with the best in-scope intent.
    if (top.intent === 'none' && namesService && top.probability < NAMED_SERVICE_NONE_LIMIT) {
      const inScope = scores.find((x) => x.intent !== 'none');
      if (inScope) return this.result(inScope, match, serviceOnly, scores);
    }
    if (top.intent === 'none') return outOfScope(top.probability);
    if (!namesService && top.probability < MIN_CONFIDENCE) return outOfScope(1 - top.probability, true);

    return this.result(top, match, serviceOnly, scores);
  }

  private result(top: IntentScore, match: ServiceMatch, serviceOnly: boolean, scores: IntentScore[]): Understanding {
    return {
      intent: top.intent,
      service: match.serviceId,
      serviceCandidates: match.candidates,
      confidence: top.probability * (match.kind === 'name' ? match.quality : 1),
      serviceOnly,
      unsure: false,
      alternatives: scores,
    };
  }
}

/** The tokens with the service's words replaced by one placeholder. */
function masked(tokens: readonly AnalysedToken[], match: ServiceMatch): AnalysedToken[] {
  if (match.kind !== 'name') return [...tokens];
  const span = new Set(match.span);
  const out: AnalysedToken[] = [];
  tokens.forEach((t, i) => {
    if (!span.has(i)) out.push(t);
    else if (i === match.span[0]) out.push({ word: SERVICE_PLACEHOLDER, stem: SERVICE_PLACEHOLDER });
  });
  return out;
}
