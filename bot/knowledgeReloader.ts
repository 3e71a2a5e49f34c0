/**
 * Knowledge hot reload: the knowledge folder is watched, and an edit is loaded, validated and trained
 * while the server keeps answering. A bad edit never goes live: the last good knowledge stays, and the
 * problems are logged as `file:line: problem` for the editor to fix.
 */
import { watch, type FSWatcher } from 'node:fs';
import { loadKnowledge, formatProblem } from '../knowledge/loader';
import { buildAssistantKnowledge, type AssistantKnowledge } from '../dialogs/assistantKnowledge';
import type { Logger } from './logger';

/** Editors save several files, or one file in several writes: wait until the folder is quiet. */
const QUIET_MS = 300;

export class KnowledgeReloader {
  private live: AssistantKnowledge;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Bumped on every successful reload; lets tests and /health see which version is live. */
  private generation = 0;

  constructor(
    private readonly dir: string,
    initial: AssistantKnowledge,
    private readonly log: Logger,
    /** Keeps the rest of the system consistent with the knowledge (e.g. a tenant that must exist). */
    private readonly accept: (next: AssistantKnowledge) => string | undefined = () => undefined,
  ) {
    this.live = initial;
  }

  current(): AssistantKnowledge {
    return this.live;
  }

  version(): number {
    return this.generation;
  }

  start(): void {
    this.watcher = watch(this.dir, { recursive: true }, (_event, file) => {
      if (file && !/\.ya?ml$/i.test(String(file))) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reload(), QUIET_MS);
    });
    this.watcher.on('error', (err) => this.log.error({ err: err.message }, 'knowledge watcher failed; hot reload is off'));
  }

  stop(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
  }

  /** Loads the folder now; returns whether the new knowledge went live. */
  reload(): boolean {
    const started = Date.now();
    const result = loadKnowledge(this.dir);
    if (!result.ok) {
      this.log.error({ problems: result.problems.map(formatProblem) }, 'knowledge edit rejected, the last good version stays live');
      return false;
    }
    const next = buildAssistantKnowledge(result.knowledge);
    const refused = this.accept(next);
    if (refused) {
      this.log.error({ problem: refused }, 'knowledge edit rejected, the last good version stays live');
      return false;
    }
    this.live = next;
    this.generation++;
    this.log.info(
      {
        services: result.knowledge.services.size,
        tenants: result.knowledge.tenants.size,
        ms: Date.now() - started,
        version: this.generation,
      },
      'knowledge reloaded',
    );
    return true;
  }
}
