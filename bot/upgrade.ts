/**
 * Routes HTTP upgrade requests (WebSockets) by path. The Node server emits one `upgrade` event for every
 * path; several features need one (the agent console here; Direct Line streams and the Bot Framework
 * streaming protocol elsewhere), so each registers a predicate and a handler instead of adding listeners
 * that would all see every socket. A handler that throws or rejects gets its socket answered and closed:
 * an upgrade never ends the process.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void | Promise<void>;

interface Route { matches: (path: string) => boolean; handler: UpgradeHandler }

/** Ends an upgrade request with a plain HTTP status. */
export function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  try {
    socket.end(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
  } catch { /* already gone */ }
  setTimeout(() => socket.destroy(), 1000).unref();
}

export class UpgradeRouter {
  private readonly routes: Route[] = [];

  constructor(private readonly onError: (err: Error, path: string) => void = () => undefined) {}

  register(matches: (path: string) => boolean, handler: UpgradeHandler): void {
    this.routes.push({ matches, handler });
  }

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => { void this.route(req, socket, head); });
  }

  async route(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    let path = '/';
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch { /* keep "/" */ }
    const route = this.routes.find((r) => r.matches(path));
    if (!route) {
      rejectUpgrade(socket, 404, 'Not Found');
      return;
    }
    try {
      await route.handler(req, socket, head);
    } catch (err) {
      this.onError(err as Error, path);
      rejectUpgrade(socket, 500, 'Internal Server Error');
    }
  }
}
