/**
 * Training phrases from the knowledge: the intents' phrases, with `{service}` standing for any service.
 * The classifier learns each template once (the service is a placeholder there); the `training-data`
 * command shows them expanded with real service names.
 */
import type { KnowledgeBase } from '../knowledge/loader';
import type { IntentId } from '../knowledge/schema';

export const SERVICE_SLOT = '{service}';

export interface TrainingPhrase {
  text: string;
  intent: IntentId;
  service: string | null;
}

export interface Template {
  template: string;
  intent: IntentId;
}

export function templates(knowledge: KnowledgeBase): Template[] {
  const out: Template[] = [];
  for (const [intent, phrases] of knowledge.phrases) for (const template of phrases) out.push({ template, intent });
  return out;
}

/** Every service's display name and synonyms (what the service matcher looks for). */
export function serviceNames(knowledge: KnowledgeBase): { serviceId: string; text: string }[] {
  const out: { serviceId: string; text: string }[] = [];
  for (const s of knowledge.services.values()) {
    out.push({ serviceId: s.id, text: s.name });
    for (const syn of s.synonyme) out.push({ serviceId: s.id, text: syn });
  }
  return out;
}

/** Templates expanded: each `{service}` template once per service, cycling through its names. */
export function expandedPhrases(knowledge: KnowledgeBase): TrainingPhrase[] {
  const services = [...knowledge.services.values()];
  const out: TrainingPhrase[] = [];
  templates(knowledge).forEach(({ template, intent }, i) => {
    if (!template.includes(SERVICE_SLOT)) {
      out.push({ text: template, intent, service: null });
      return;
    }
    for (const s of services) {
      const names = [s.name, ...s.synonyme];
      out.push({ text: template.split(SERVICE_SLOT).join(names[i % names.length]), intent, service: s.id });
    }
  });
  return out;
}
