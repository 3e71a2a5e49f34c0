/**
 * What the composition root (bot/app.ts) hands a feature's factory that keeps state and answers by the
 * knowledge (the assistant, handoff): its own configuration, the process's log, storage and metrics, the
 * live knowledge as the feature reads it, and the one clock the dialogs and the tickets share.
 */
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import type { StorageBackend } from './storage/backend';

export interface FeatureDeps<Options, Knowledge> {
  config: Options;
  log: Logger;
  backend: StorageBackend;
  metrics: Metrics;
  /** The live knowledge: read at each use, it changes when the knowledge folder is edited. */
  knowledge: () => Knowledge;
  /** The dialogs' clock: it decides wished callback times, and tickets are created, worked and found overdue by it (ASSISTANT_CLOCK_START in tests and demonstrations). */
  clock: () => Date;
}
