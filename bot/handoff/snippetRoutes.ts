/**
 * The agent console's read-only knowledge routes (the session is checked by the caller, as for every /agent/api route):
 * - GET /agent/api/tenants: the Kommunen the service center answers for, for the console's per-Kommune filter;
 * - GET /agent/api/snippets?handoff=<id>: the Textbausteine for that conversation's Kommune, its service first.
 * Both read the live knowledge on every request, so an edited and reloaded knowledge is used without a restart.
 */
import type { Request, Response, Server } from 'restify';
import type { KnowledgeBase } from '../../knowledge/loader';
import { agentSnippets } from '../../dialogs/answers/agentSnippets';
import type { AgentSession } from './agentAuth';
import type { HandoffStore } from './handoffStore';

export interface SnippetRouteDeps {
  server: Server;
  store: HandoffStore;
  /** The knowledge now live (the reloader's current version). */
  knowledge: () => KnowledgeBase;
  /** The session, or undefined with a 401 already sent. */
  session: (req: Request, res: Response) => Promise<AgentSession | undefined>;
}

export function registerSnippetRoutes(deps: SnippetRouteDeps): void {
  const { server, store, knowledge, session } = deps;

  server.get('/agent/api/tenants', async (req: Request, res: Response) => {
    if (!(await session(req, res))) return;
    const tenants = [...knowledge().tenants.values()]
      .map((t) => ({ id: t.id, name: t.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'de'));
    res.send(200, { tenants });
  });

  server.get('/agent/api/snippets', async (req: Request, res: Response) => {
    if (!(await session(req, res))) return;
    const id = new URL(req.url ?? '', 'http://console').searchParams.get('handoff') ?? '';
    const h = id ? await store.handoff(id) : undefined;
    if (!h) {
      res.send(404, { error: 'Dieses Gespräch gibt es nicht (mehr).' });
      return;
    }
    const set = agentSnippets(knowledge(), h.tenant, h.service);
    if (!set) {
      res.send(404, { error: 'Für diese Kommune gibt es keine Textbausteine.' });
      return;
    }
    res.header('Cache-Control', 'no-store');
    res.send(200, set);
  });
}
