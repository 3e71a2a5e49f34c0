/** The turn lock of one process (SQLite): a queue per conversation, released on errors, with a bounded wait. */
import { strict as assert } from 'node:assert';
import { createLogger } from '../../../bot/logger';
import { LocalTurnLock, type TurnLockScope } from '../../../bot/storage/turnLock';
import { hangingTurn } from '../../helpers/turnLock';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the turn lock of one process', () => {
  it('runs turns of one conversation one after the other, in the order they came, other conversations alongside', async () => {
    const lock = new LocalTurnLock({ log: createLogger('silent') });
    const events: string[] = [];
    const turn = (name: string, ms: number) => async (): Promise<string> => {
      events.push(`${name}+`);
      await pause(ms);
      events.push(`${name}-`);
      return name;
    };
    const results = await Promise.all([
      lock.run('c', turn('1', 30)),
      lock.run('c', turn('2', 1)),
      lock.run('d', turn('x', 1)),
      lock.run('c', turn('3', 1)),
    ]);
    assert.deepEqual(results, ['1', '2', 'x', '3']);
    assert.deepEqual(
      events.filter((e) => e !== 'x+' && e !== 'x-'),
      ['1+', '1-', '2+', '2-', '3+', '3-'],
    );
    assert.ok(events.indexOf('x-') < events.indexOf('1-'), 'another conversation does not wait');
    assert.equal(lock.conversations, 0, 'nothing kept once all are done');
  });

  it('releases the lock when a turn fails', async () => {
    const lock = new LocalTurnLock({ log: createLogger('silent') });
    await assert.rejects(
      lock.run('c', async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await lock.run('c', async () => 'next'), 'next');
  });

  it('waits a bounded time for a turn that hangs, says so, and runs the turn anyway', async () => {
    const timeouts: TurnLockScope[] = [];
    const lock = new LocalTurnLock({ log: createLogger('silent'), waitMs: 100, onTimeout: (scope) => timeouts.push(scope) });
    const hanging = hangingTurn(lock, 'c');
    assert.equal(await lock.run('c', async () => 'ran'), 'ran');
    assert.deepEqual(timeouts, ['instance']);
    await hanging.end();
  });
});
