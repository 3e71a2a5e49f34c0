/** Starts the real server (`node dist/bot/index.js`) as a child process and talks to it over HTTP. */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { KNOWLEDGE_DIR, ROOT } from './paths';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stderr: () => string;
}

export function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'bot', 'index.js')], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${err}`));
    }, 20000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/localhost:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child, stderr: () => err });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${err}`));
    });
  });
}

export function stopServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) {
      resolve(server.child.exitCode);
      return;
    }
    server.child.removeAllListeners('exit');
    server.child.once('exit', (code) => resolve(code));
    server.child.kill(signal);
  });
}

/** The server of one mocha suite (see useServer); each property reads the process running now. */
export interface SuiteServer {
  readonly url: string;
  readonly child: ChildProcess;
  stderr(): string;
  /** The suite's temporary folder: the server's DATA_DIR unless `env` sets another. */
  readonly dir: string;
  /** Stops the process (SIGTERM unless told) and starts it again on the same folder and env; resolves with the stopped one's exit code. */
  restart(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface SuiteServerOptions {
  /** The start of the temporary folder's name, e.g. 'assistant-http-'. */
  prefix: string;
  /** More environment over DATA_DIR=<the folder>; a function is called at every start, so it may use what an earlier hook set up. */
  env?: Record<string, string> | ((dir: string) => Record<string, string>);
  /** Fills the new folder before the first start (e.g. agents added with the CLI). */
  prepare?: (dir: string) => void | Promise<void>;
}

/**
 * A real server process for the calling mocha suite: started in a fresh temporary folder before the suite,
 * stopped and the folder deleted after it. Many suites need exactly this, so it registers mocha's before()
 * and after() itself. Mocha runs a suite's hooks in the order they are declared: hooks declared above the
 * call run before the start and before the stop, hooks below it after the start and after the stop.
 */
export function useServer(options: SuiteServerOptions): SuiteServer {
  let dir: string | undefined;
  let current: ServerProcess | undefined;
  const folder = (): string => {
    if (dir === undefined) throw new Error('useServer: the suite has not started yet');
    return dir;
  };
  const running = (): ServerProcess => {
    if (!current) throw new Error('useServer: the server has not started (or failed to)');
    return current;
  };
  const start = async (): Promise<void> => {
    const env = typeof options.env === 'function' ? options.env(folder()) : options.env;
    current = await startServer({ DATA_DIR: folder(), ...env });
  };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), options.prefix));
    await options.prepare?.(dir);
    await start();
  });
  after(async () => {
    if (current) await stopServer(current);
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get url() {
      return running().url;
    },
    get child() {
      return running().child;
    },
    stderr: () => running().stderr(),
    get dir() {
      return folder();
    },
    async restart(signal: NodeJS.Signals = 'SIGTERM') {
      const code = await stopServer(running(), signal);
      current = undefined;
      await start();
      return code;
    },
  };
}

/**
 * A suite's server (useServer) on its own copy of the shipped knowledge, `<dir>/knowledge`, which the tests may
 * edit while it runs; `change` alters the copy before the first start. `env` adds to KNOWLEDGE_DIR.
 */
export function useServerOnKnowledgeCopy(
  prefix: string,
  env: (dir: string) => Record<string, string> = () => ({}),
  change: (knowledgeDir: string) => void = () => undefined,
): SuiteServer {
  return useServer({
    prefix,
    prepare: (dir) => {
      // dereference: a knowledge folder reached through a symlink is copied, never written through.
      cpSync(KNOWLEDGE_DIR, join(dir, 'knowledge'), { recursive: true, dereference: true });
      change(join(dir, 'knowledge'));
    },
    env: (dir) => ({ KNOWLEDGE_DIR: join(dir, 'knowledge'), ...env(dir) }),
  });
}

export interface Citizen {
  conversationId: string;
  tenant?: string;
  serviceUrl?: string;
}

/** A citizen's message as a channel would post it, asking for the replies in the response body. */
export function messageActivity(citizen: Citizen, text: string): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    text,
    locale: 'de-DE',
    channelId: 'test',
    serviceUrl: citizen.serviceUrl ?? 'http://localhost:1',
    deliveryMode: 'expectReplies',
    from: { id: `citizen-${citizen.conversationId}`, role: 'user' },
    recipient: { id: 'assistant', role: 'bot' },
    conversation: { id: citizen.conversationId },
    ...(citizen.tenant ? { channelData: { tenant: citizen.tenant } } : {}),
  };
}

export interface BotReply {
  type: string;
  name?: string;
  value?: unknown;
  text?: string;
  attachments?: { contentType: string; content: unknown }[];
  suggestedActions?: { actions: { title: string }[] };
}

export async function say(url: string, citizen: Citizen, text: string): Promise<BotReply[]> {
  return post(url, messageActivity(citizen, text));
}

/** Posts any activity and returns the replies of the response body. */
export async function post(url: string, activity: Record<string, unknown>): Promise<BotReply[]> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { activities: BotReply[] };
  return body.activities;
}

export function replyText(replies: BotReply[]): string {
  return replies.map((r) => r.text ?? '').join('\n');
}
