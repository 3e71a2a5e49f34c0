/**
 * The knowledge the bot answers from: loaded and checked at start-up (the server does not start on bad
 * knowledge), the classifier trained, and with KNOWLEDGE_HOT_RELOAD an edit of the folder loaded while the
 * server runs.
 */
import { loadKnowledgeOrThrow } from '../../knowledge/loader';
import { recognizeDateTime } from '../../intents/datetime';
import { buildAssistantKnowledge, type AssistantKnowledge } from '../../dialogs/assistantKnowledge';
import type { Logger } from '../logger';
import { KnowledgeReloader } from '../knowledgeReloader';

export interface KnowledgeOptions {
  knowledgeDir: string;
  defaultTenant: string;
  knowledgeHotReload: boolean;
}

export interface LiveKnowledge {
  /** The knowledge live now (it changes when the knowledge folder is edited). */
  live: () => AssistantKnowledge;
  /** Stops watching the folder. */
  stop(): void;
}

export function loadLiveKnowledge(config: KnowledgeOptions, log: Logger): LiveKnowledge {
  const started = Date.now();
  // Throws a KnowledgeError listing every `file:line: problem`: the server does not start on bad knowledge.
  const knowledge = loadKnowledgeOrThrow(config.knowledgeDir);
  if (!knowledge.tenants.has(config.defaultTenant)) {
    throw new Error(
      `DEFAULT_TENANT "${config.defaultTenant}" is not in the knowledge (known: ${[...knowledge.tenants.keys()].join(', ')})`,
    );
  }
  const assistant = buildAssistantKnowledge(knowledge);
  // Build the German date/time model now rather than in the first citizen's turn (it takes most of a second).
  recognizeDateTime('morgen um 10 Uhr', new Date());
  log.info(
    { services: knowledge.services.size, tenants: knowledge.tenants.size, ms: Date.now() - started },
    'knowledge loaded, classifier trained',
  );
  const reloader = new KnowledgeReloader(config.knowledgeDir, assistant, log, (next) =>
    next.knowledge.tenants.has(config.defaultTenant) ? undefined : `DEFAULT_TENANT "${config.defaultTenant}" would no longer exist`,
  );
  if (config.knowledgeHotReload) reloader.start();
  return { live: () => reloader.current(), stop: () => reloader.stop() };
}
