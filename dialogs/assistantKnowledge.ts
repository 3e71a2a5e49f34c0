/** Everything the dialogs answer from, built once from the knowledge (and built anew when it is reloaded). */
import type { KnowledgeBase } from '../knowledge/loader';
import type { LanguageCode } from '../knowledge/schema';
import { LanguageUnderstanding, type Understanding, type UnderstandingContext } from '../intents/understanding';
import { ForeignUnderstanding } from '../intents/foreignUnderstanding';
import { LanguageIdentifier, warmUpLanguageModel } from '../intents/languageId';
import { OfficeMatcher } from '../intents/officeMatcher';

/** What reads a citizen's message in one language. */
export interface Understander {
  understand(text: string, context?: UnderstandingContext): Understanding;
}

export interface AssistantKnowledge {
  readonly knowledge: KnowledgeBase;
  /** The German understanding. */
  readonly understanding: LanguageUnderstanding;
  readonly officeMatchers: ReadonlyMap<string, OfficeMatcher>;
  readonly languages: LanguageIdentifier;
  /** The understanding of an offered language (German's for a language that is not offered). */
  understandingIn(language: LanguageCode): Understander;
  /**
   * Builds what the first message in each language would otherwise wait for (the other languages' classifiers,
   * the language model), a language per event-loop turn, so that the start-up does not wait for it.
   */
  warmUp(): Promise<void>;
}

export function buildAssistantKnowledge(knowledge: KnowledgeBase): AssistantKnowledge {
  const officeMatchers = new Map<string, OfficeMatcher>();
  for (const tenant of knowledge.tenants.values()) {
    officeMatchers.set(tenant.id, new OfficeMatcher(tenant.aemter, [tenant.name, ...tenant.aemter.flatMap((o) => o.orte ?? [])]));
  }
  const understanding = LanguageUnderstanding.fromKnowledge(knowledge);
  const placeOf = understanding.placeOf.bind(understanding);
  const namesOffice = (text: string): boolean => [...officeMatchers.values()].some((m) => m.match(text) !== undefined);
  const foreign = new Map<LanguageCode, ForeignUnderstanding>();
  const understandingIn = (language: LanguageCode): Understander => {
    if (language === 'de' || !knowledge.languages.has(language)) return understanding;
    let own = foreign.get(language);
    if (!own) foreign.set(language, (own = ForeignUnderstanding.fromKnowledge(knowledge, language, placeOf, namesOffice)));
    return own;
  };
  // Built on first use (the first message, or the warm-up once the server listens): start-up need not wait for it.
  let languages: LanguageIdentifier | undefined;
  return {
    knowledge,
    understanding,
    officeMatchers,
    get languages() {
      return (languages ??= LanguageIdentifier.fromKnowledge(knowledge));
    },
    understandingIn,
    async warmUp() {
      void this.languages;
      warmUpLanguageModel();
      for (const language of knowledge.languages.keys()) {
        await new Promise((resolve) => setImmediate(resolve));
        understandingIn(language);
      }
    },
  };
}
