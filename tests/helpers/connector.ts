/**
 * A stand-in for a channel's connector: the bot sends proactive messages (agent messages, queue updates,
 * "connected", "ended") to the activity's serviceUrl, `POST /v3/conversations/:id/activities`. Tests give
 * citizens this server's URL as serviceUrl and read what arrived.
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

export interface ReceivedActivity {
  type: string;
  text?: string;
  textFormat?: string;
  speak?: string;
  locale?: string;
  replyToId?: string;
  from?: { id?: string; name?: string; role?: string };
  channelData?: Record<string, unknown>;
  suggestedActions?: { actions: { title: string }[] };
}

export class TestConnector {
  private server: Server | undefined;
  readonly received = new Map<string, ReceivedActivity[]>();
  /**
   * Conversations whose activities are refused. 403: the connector client does not retry it by itself (it does
   * retry 5xx), so what is not delivered stays with the bot.
   */
  readonly refusing = new Set<string>();
  /** How many activities were refused, per conversation. */
  readonly refused = new Map<string, number>();
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const m = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      let body = '';
      req.on('data', (d: Buffer) => {
        body += d.toString();
      });
      req.on('end', () => {
        if (req.method !== 'POST' || !m) {
          res.writeHead(404).end();
          return;
        }
        const conversation = decodeURIComponent(m[1]);
        if (this.refusing.has(conversation)) {
          this.refused.set(conversation, (this.refused.get(conversation) ?? 0) + 1);
          res.writeHead(403).end();
          return;
        }
        try {
          const activity = JSON.parse(body) as ReceivedActivity;
          this.received.set(conversation, [...(this.received.get(conversation) ?? []), activity]);
        } catch {
          /* ignore */
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `a${Date.now()}` }));
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  texts(conversation: string): string[] {
    return (this.received.get(conversation) ?? []).map((a) => a.text ?? '');
  }

  /** Waits until a proactive message to `conversation` matches. */
  async waitFor(conversation: string, pattern: RegExp, timeoutMs = 10000): Promise<ReceivedActivity> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const hit = (this.received.get(conversation) ?? []).find((a) => pattern.test(a.text ?? ''));
      if (hit) return hit;
      if (Date.now() > until)
        throw new Error(`no proactive message ${pattern} to ${conversation}; got:\n${this.texts(conversation).join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
