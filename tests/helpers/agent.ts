/** Test helpers for agents: create an account through the real CLI, log in over HTTP, and a console WebSocket. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ROOT } from './paths';
import { useServer, type SuiteServer, type SuiteServerOptions } from './server';

/**
 * Adds an agent with the real CLI, in `dataDir` (or where `env` says: DATABASE_URL), with more arguments if given
 * (`['--display-name', 'Frau Schmidt']`); resolves to its output.
 */
export function addAgent(
  dataDir: string,
  name: string,
  password: string,
  env: Record<string, string> = {},
  args: readonly string[] = [],
): string {
  return execFileSync(process.execPath, [join(ROOT, 'dist', 'bot', 'cli', 'agentAdd.js'), '--name', name, ...args], {
    input: `${password}\n`,
    env: { ...process.env, DATA_DIR: dataDir, ...env },
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export async function login(url: string, name: string, password: string): Promise<{ status: number; cookie?: string; body: unknown }> {
  const res = await fetch(`${url}/agent/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const setCookie = res.headers.get('set-cookie') ?? undefined;
  return { status: res.status, cookie: setCookie?.split(';')[0], body: await res.json().catch(() => null) };
}

export interface ConsoleMessage {
  type: string;
  items?: QueueItem[];
  handoffId?: string;
  message?: { sender: string; text: string; author: string | null };
  by?: string;
  [k: string]: unknown;
}
export interface QueueItem {
  id: string;
  tenant: string;
  topic: string;
  position?: number;
  reason: string;
  transcript: { sender: string; text: string }[];
}

export class AgentSocket {
  readonly messages: ConsoleMessage[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      try {
        this.messages.push(JSON.parse(d.toString()) as ConsoleMessage);
      } catch {
        /* ignore */
      }
    });
  }

  static open(url: string, cookie: string | undefined): Promise<AgentSocket> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/agent/ws`, { headers: cookie ? { cookie } : {} });
    const socket = new AgentSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  async waitFor(predicate: (m: ConsoleMessage) => boolean, timeoutMs = 10000): Promise<ConsoleMessage> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const hit = [...this.messages].reverse().find(predicate);
      if (hit) return hit;
      if (Date.now() > until) throw new Error(`no console message matched; got types: ${this.messages.map((m) => m.type).join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * The latest queue once it satisfies `predicate`: only the newest queue message counts (the queue as it is
   * now), since updates arrive asynchronously and an older one can match what no longer holds.
   */
  async queue(predicate: (items: QueueItem[]) => boolean, timeoutMs = 10000): Promise<QueueItem[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const latest = [...this.messages].reverse().find((m) => m.type === 'queue');
      if (latest && predicate(latest.items ?? [])) return latest.items ?? [];
      if (Date.now() > until) throw new Error(`no queue matched; the latest: ${JSON.stringify(latest?.items?.map((i) => i.id))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) {
        resolve();
        return;
      }
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/**
 * The server of a mocha suite (useServer) with the agent 'anna', whom citizens meet as 'Frau Schmidt', added with
 * the CLI before the first start.
 */
export function useServerWithAgent(prefix: string, password: string, env: SuiteServerOptions['env']): SuiteServer {
  return useServer({
    prefix,
    prepare: (dir) => {
      addAgent(dir, 'anna', password, {}, ['--display-name', 'Frau Schmidt']);
    },
    env,
  });
}
