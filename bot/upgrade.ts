/**
 * One router for the server's WebSocket upgrades (Node's `upgrade` event sees every path): the Direct Line
 * stream, the streaming protocol on /api/messages, and whatever registers later (e.g. an agent console
 * socket). A handler that throws or rejects gets its socket answered and closed: an upgrade can never end
 * the process. Unknown paths get 404.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Logger } from './logger';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void | Promise<void>;
export type PathPredicate = (pathname: string) => boolean;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
};

/** Answers an upgrade request with a plain HTTP status and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, message = REASONS[status] ?? 'Error'): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code: REASONS[status] ?? 'Error', message } });
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  // end() flushes the answer; destroy soon after in case the client keeps the connection half open.
  setTimeout(() => socket.destroy(), 1000).unref();
}

/**
 * Pings an open WebSocket every `intervalMs` and terminates it when the ping before got no pong: a dead
 * connection (a laptop lid closed, a proxy that dropped it) is found without waiting for TCP. `beat` runs at
 * each ping (e.g. to end a socket whose session expired). Stops when the socket closes.
 */
export function keepAlive(ws: WebSocket, intervalMs: number, beat: () => void = () => undefined): void {
  let alive = true;
  ws.on('pong', () => {
    alive = true;
  });
  const timer = setInterval(() => {
    if (!alive) {
      ws.terminate();
      return;
    }
    alive = false;
    beat();
    try {
      ws.ping();
    } catch {
      /* closing */
    }
  }, intervalMs);
  timer.unref();
  ws.on('close', () => clearInterval(timer));
}

export class UpgradeRouter {
  private readonly routes: { matches: PathPredicate; handle: UpgradeHandler }[] = [];

  constructor(private readonly log: Logger) {}

  /** Adds a handler; the first registered route whose predicate matches the path wins. */
  register(matches: PathPredicate, handle: UpgradeHandler): this {
    this.routes.push({ matches, handle });
    return this;
  }

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      void this.route(req, socket, head);
    });
  }

  private async route(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // A socket error after the handshake (client gone) must not become an uncaught 'error' event.
    socket.on('error', (err) => this.log.debug({ err: err.message }, 'upgrade socket error'));
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      refuseUpgrade(socket, 400, 'invalid URL');
      return;
    }
    const route = this.routes.find((r) => r.matches(pathname));
    if (!route) {
      refuseUpgrade(socket, 404, 'no WebSocket endpoint at this path');
      return;
    }
    try {
      await route.handle(req, socket, head);
    } catch (err) {
      // Conversation ids stay out of the log (a stream's path carries one).
      this.log.warn(
        { path: pathname.replace(/\/conversations\/[^/]+/, '/conversations/:id'), err: (err as Error).message?.slice(0, 200) },
        'upgrade failed',
      );
      refuseUpgrade(socket, (err as { statusCode?: number }).statusCode === 401 ? 401 : 500);
    }
  }
}
