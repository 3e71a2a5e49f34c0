import { strict as assert } from 'node:assert';
import { RetentionJob, type RetentionTargets } from '../../../bot/storage/retention';
import { createLogger } from '../../../bot/logger';

const DAY = 24 * 60 * 60 * 1000;

describe('the retention job', () => {
  const NOW = Date.UTC(2026, 10, 26, 3, 0);
  const calls: { what: string; at: number }[] = [];
  const targets: RetentionTargets = {
    transcriptDays: 30,
    ticketDays: 30,
    transcripts: async (before) => {
      calls.push({ what: 'transcripts', at: before });
      return 3;
    },
    tickets: async (before) => {
      calls.push({ what: 'tickets', at: before });
      return 1;
    },
    others: async (now) => {
      calls.push({ what: 'others', at: now });
      return 0;
    },
  };
  beforeEach(() => {
    calls.length = 0;
  });

  it('deletes what is older than each retention, on the leader', async () => {
    const job = new RetentionJob(
      { ...targets, ticketDays: 7 },
      () => true,
      createLogger('silent'),
      () => NOW,
    );
    assert.deepEqual(await job.run(), { transcripts: 3, tickets: 1, others: 0 });
    assert.deepEqual(calls, [
      { what: 'transcripts', at: NOW - 30 * DAY },
      { what: 'tickets', at: NOW - 7 * DAY },
      { what: 'others', at: NOW },
    ]);
  });

  it('does nothing on an instance that does not lead (the leader runs it)', async () => {
    const job = new RetentionJob(
      targets,
      () => false,
      createLogger('silent'),
      () => NOW,
    );
    assert.equal(await job.run(), undefined);
    assert.deepEqual(calls, []);
  });

  it('survives a failing database and runs again next time; one run at a time', async () => {
    let fail = true;
    const job = new RetentionJob(
      {
        ...targets,
        transcripts: async () => {
          if (fail) throw new Error('database gone');
          return 0;
        },
      },
      () => true,
      createLogger('silent'),
      () => NOW,
    );
    assert.equal(await job.run(), undefined);
    fail = false;
    const [x, y] = [job.run(), job.run()];
    assert.equal(x, y, 'the second call joins the running one');
    assert.deepEqual(await x, { transcripts: 0, tickets: 1, others: 0 });
  });
});
