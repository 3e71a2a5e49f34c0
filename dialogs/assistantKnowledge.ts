/** Everything the dialogs answer from, built once from the knowledge (and built anew when it is reloaded). */
import type { KnowledgeBase } from '../knowledge/loader';
import { LanguageUnderstanding } from '../intents/understanding';
import { OfficeMatcher } from '../intents/officeMatcher';

export interface AssistantKnowledge {
  readonly knowledge: KnowledgeBase;
  readonly understanding: LanguageUnderstanding;
  readonly officeMatchers: ReadonlyMap<string, OfficeMatcher>;
}

export function buildAssistantKnowledge(knowledge: KnowledgeBase): AssistantKnowledge {
  const officeMatchers = new Map<string, OfficeMatcher>();
  for (const tenant of knowledge.tenants.values()) {
    officeMatchers.set(tenant.id, new OfficeMatcher(tenant.aemter, [tenant.name, ...tenant.aemter.flatMap((o) => o.orte ?? [])]));
  }
  return { knowledge, understanding: LanguageUnderstanding.fromKnowledge(knowledge), officeMatchers };
}
