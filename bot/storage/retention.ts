/**
 * The retention job (DSGVO: keep no longer than needed): transcripts, Direct Line activities, conversation
 * state and references older than the transcript retention, callback tickets older than the ticket retention
 * (the promise of the consent text), unanswered questions older than theirs, and expired agent sessions are
 * deleted. It runs at start-up and then hourly, on the leading instance only (both backends).
 */
import type { Logger } from '../logger';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionTargets {
  transcriptDays: number;
  ticketDays: number;
  /** Each deletes what is older than `before` and resolves to how many rows. */
  transcripts: (before: number) => Promise<number>;
  tickets: (before: number) => Promise<number>;
  /** Deletes what is past its own retention (unanswered questions, expired sessions). */
  others: (now: number) => Promise<number>;
}

export interface RetentionReport {
  transcripts: number;
  tickets: number;
  others: number;
}

export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RetentionReport | undefined> | undefined;

  constructor(
    private readonly targets: RetentionTargets,
    private readonly isLeader: () => boolean,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  /** One run now; undefined when another instance leads (it runs the job there). */
  run(): Promise<RetentionReport | undefined> {
    this.running ??= this.runOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runOnce(): Promise<RetentionReport | undefined> {
    if (!this.isLeader()) return undefined;
    const now = this.clock();
    try {
      const report = {
        transcripts: await this.targets.transcripts(now - this.targets.transcriptDays * DAY_MS),
        tickets: await this.targets.tickets(now - this.targets.ticketDays * DAY_MS),
        others: await this.targets.others(now),
      };
      if (report.transcripts + report.tickets + report.others > 0) this.log.info(report, 'retention: expired data deleted');
      return report;
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'retention job failed; it runs again in the next period');
      return undefined;
    }
  }

  start(periodMs = 60 * 60 * 1000): void {
    void this.run();
    this.timer = setInterval(() => {
      void this.run();
    }, periodMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}

/** What one feature deletes at retention time (RetentionTargets' three kinds; a kind it keeps nothing of is left out). */
export interface RetentionPart {
  transcripts?: (before: number) => Promise<number>;
  tickets?: (before: number) => Promise<number>;
  others?: (now: number) => Promise<number>;
}

/** The features' parts as one set of targets: each kind runs the parts in the order given, one after the other. */
export function retentionTargets(transcriptDays: number, ticketDays: number, parts: readonly RetentionPart[]): RetentionTargets {
  const all =
    (kind: keyof RetentionPart) =>
    async (at: number): Promise<number> => {
      let removed = 0;
      for (const part of parts) removed += (await part[kind]?.(at)) ?? 0;
      return removed;
    };
  return { transcriptDays, ticketDays, transcripts: all('transcripts'), tickets: all('tickets'), others: all('others') };
}

export interface RetentionSchedule {
  transcriptDays: number;
  ticketDays: number;
  /** The features' parts, in the order they run. */
  parts: readonly RetentionPart[];
  /** True on the instance that runs the job (every instance on SQLite; the leader on PostgreSQL). */
  isLeader: () => boolean;
  /** The first run waits this long (e.g. until leadership among instances is settled). */
  firstRunDelayMs: number;
  log: Logger;
}

/** Builds the job from the features' parts and starts it after `firstRunDelayMs`; `stop` ends it. */
export function scheduleRetention(schedule: RetentionSchedule): { stop(): Promise<void> } {
  const job = new RetentionJob(
    retentionTargets(schedule.transcriptDays, schedule.ticketDays, schedule.parts),
    schedule.isLeader,
    schedule.log,
  );
  const start = setTimeout(() => job.start(), schedule.firstRunDelayMs).unref();
  return {
    async stop() {
      clearTimeout(start);
      await job.stop();
    },
  };
}
