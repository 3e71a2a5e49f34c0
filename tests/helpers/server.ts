/** Starts the real server (`node dist/bot/index.js`) as a child process and talks to it over HTTP. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ROOT } from './paths';

export interface ServerProcess { url: string; child: ChildProcess; stderr: () => string }

export function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'bot', 'index.js')], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${err}`)), 20000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/localhost:\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ url: m[1], child, stderr: () => err }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${err}`)); });
  });
}

export function stopServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) { resolve(server.child.exitCode); return; }
    server.child.removeAllListeners('exit');
    server.child.once('exit', (code) => resolve(code));
    server.child.kill(signal);
  });
}

export interface Citizen { conversationId: string; tenant?: string; serviceUrl?: string }

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

export interface BotReply { type: string; name?: string; value?: unknown; text?: string; attachments?: { contentType: string; content: unknown }[]; suggestedActions?: { actions: { title: string }[] } }

export async function say(url: string, citizen: Citizen, text: string): Promise<BotReply[]> {
  return post(url, messageActivity(citizen, text));
}

/** Posts any activity and returns the replies of the response body. */
export async function post(url: string, activity: Record<string, unknown>): Promise<BotReply[]> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  const body = await res.json() as { activities: BotReply[] };
  return body.activities;
}

export function replyText(replies: BotReply[]): string {
  return replies.map((r) => r.text ?? '').join('\n');
}
