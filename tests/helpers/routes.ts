/**
 * A stand-in for the restify server when a feature is built in-process: it records the routes the feature
 * registers and serves none. (Loading restify itself would patch node's http module for the whole mocha
 * process, and other suites' plain node:http servers would break.)
 */
import type { Server } from 'restify';

export interface RouteRecorder {
  server: Server;
  /** "GET /path", in the order registered. */
  routes: string[];
}

export function recordRoutes(): RouteRecorder {
  const routes: string[] = [];
  const record =
    (method: string) =>
    (path: unknown): void => {
      routes.push(`${method} ${String(path)}`);
    };
  const server = { get: record('GET'), post: record('POST'), put: record('PUT'), del: record('DELETE') } as unknown as Server;
  return { server, routes };
}
