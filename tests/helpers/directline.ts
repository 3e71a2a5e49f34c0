/** Test helpers for the local Direct Line, as Web Chat uses it: the page's token, posting, waiting for replies. */
import { strict as assert } from 'node:assert';
import type { DirectLine, Activity as DlActivity, Message } from 'botframework-directlinejs';

export interface TokenResponse {
  conversationId: string;
  token: string;
  expires_in: number;
  userId: string;
}

/** A Direct Line token as the chat page of a Kommune gets it. */
export async function pageToken(url: string, tenant = 'gifhorn'): Promise<TokenResponse> {
  const res = await fetch(`${url}/chat/${tenant}/token`, { method: 'POST' });
  assert.equal(res.status, 200);
  return (await res.json()) as TokenResponse;
}

/** Waits until the collected activities satisfy a predicate; on timeout, says what was awaited and what came. */
export function waitFor<T>(items: T[], predicate: (all: T[]) => boolean, what = 'the expected activities', ms = 15000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      if (predicate(items)) {
        resolve();
        return;
      }
      if (Date.now() - started > ms) {
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(items).slice(0, 3000)}`));
        return;
      }
      setTimeout(check, 50);
    };
    check();
  });
}

/** Posts an activity through botframework-directlinejs; resolves with its id. */
export function postActivity(dl: DirectLine, activity: Partial<Message>): Promise<string> {
  return new Promise((resolve, reject) => {
    dl.postActivity(activity as DlActivity).subscribe({ next: resolve, error: reject });
  });
}
