/** Turns that hold a conversation's lock, for the tests of both turn locks (one process, PostgreSQL). */
import type { TurnLock } from '../../bot/storage/turnLock';

/** Starts a turn of `conversationId` on `lock` that hangs until `end()`; resolves when that turn has ended. */
export function hangingTurn(lock: TurnLock, conversationId: string): { end(): Promise<void> } {
  let release: (() => void) | undefined;
  const turn = lock.run(
    conversationId,
    () =>
      new Promise<void>((resolve) => {
        release = resolve;
      }),
  );
  return {
    async end() {
      if (!release) throw new Error(`the hanging turn of ${conversationId} never started`);
      release();
      await turn;
    },
  };
}
