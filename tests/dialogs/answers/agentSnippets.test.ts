import { strict as assert } from 'node:assert';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadKnowledgeOrThrow } from '../../../knowledge/loader';
import { agentSnippets, plainText } from '../../../dialogs/answers/agentSnippets';
import { KNOWLEDGE_DIR } from '../../helpers/paths';
import { say, useServer, type Citizen } from '../../helpers/server';
import { TestConnector } from '../../helpers/connector';
import { AgentSocket, addAgent, login } from '../../helpers/agent';
import { until } from '../../helpers/wait';

const knowledge = loadKnowledgeOrThrow(KNOWLEDGE_DIR);

describe('Textbausteine for agents (from the knowledge)', () => {
  it("puts the waiter's service first, then the service center, then the other services of the Kommune", () => {
    const set = agentSnippets(knowledge, 'wolfsburg', 'reisepass');
    assert.ok(set);
    assert.deepEqual(set.tenant, { id: 'wolfsburg', name: 'Stadt Wolfsburg' });
    assert.deepEqual(set.service, { id: 'reisepass', name: 'Reisepass beantragen' });
    assert.deepEqual(
      set.snippets.slice(0, 6).map((s) => s.id),
      [
        'reisepass:unterlagen',
        'reisepass:kosten',
        'reisepass:zustaendig',
        'reisepass:oeffnungszeiten',
        'reisepass:ablauf',
        'servicecenter',
      ],
    );
    const fees = set.snippets[1];
    assert.equal(fees.title, 'Kosten – Reisepass');
    assert.match(
      fees.text,
      /^Reisepass – die Kosten in der Stadt Wolfsburg:\n- Reisepass \(32 Seiten\) für Personen ab 24 Jahren, 10 Jahre gültig: 70,00\s€\n/,
    );
    assert.match(fees.text, /Quelle: .*\(https:\/\/[^)]+\), Stand: \d\d\.\d\d\.\d{4}$/);
    assert.match(set.snippets[3].text, /^Öffnungszeiten – Bürgerdienste der Stadt Wolfsburg.*:\n- Mo: 08:30–16:30 Uhr/);
    assert.match(set.snippets[5].text, /Service-Center der Stadt Wolfsburg:\n- Mo: 07:00–18:00 Uhr[\s\S]*Telefon: 05361 28-1234/);
    // Every service the Kommune offers is there, once each.
    const services = new Set(set.snippets.filter((s) => s.kind === 'kosten').map((s) => s.service?.id));
    assert.equal(services.size, [...knowledge.services.keys()].filter((id) => knowledge.services.get(id)?.zustaendigkeit.wolfsburg).length);
  });

  it("names the Gemeinde's Bürgerbüro for ID cards in the Landkreis Gifhorn, not the Kreisverwaltung", () => {
    const set = agentSnippets(knowledge, 'gifhorn', 'personalausweis');
    const responsible = set?.snippets.find((s) => s.id === 'personalausweis:zustaendig');
    assert.match(
      responsible?.text ?? '',
      /^Personalausweis – zuständig im Landkreis Gifhorn ist das Bürgerbüro Ihrer Gemeinde oder Samtgemeinde, nicht die Kreisverwaltung\./,
    );
    assert.match(responsible?.text ?? '', /Samtgemeinde Papenteich/);
  });

  it('is plain text for every Kommune and service: no Markdown, no HTML', () => {
    for (const tenant of knowledge.tenants.keys()) {
      for (const s of agentSnippets(knowledge, tenant, null)?.snippets ?? []) {
        assert.doesNotMatch(s.text, /\*\*|\]\(|<[a-z/]/i, `${tenant} ${s.id}`);
        assert.ok(s.text.length > 20 && s.title.length > 3, `${tenant} ${s.id}`);
      }
    }
  });

  it('without a known service: the service center first; an unknown Kommune has none', () => {
    assert.equal(agentSnippets(knowledge, 'gifhorn', null)?.snippets[0].id, 'servicecenter');
    assert.equal(agentSnippets(knowledge, 'gifhorn', 'gibt-es-nicht')?.service, null);
    assert.equal(agentSnippets(knowledge, 'atlantis', 'reisepass'), undefined);
  });

  it("plainText keeps the words of an editor's Markdown", () => {
    assert.equal(
      plainText('Das ist **kostenlos**, siehe [Portal](https://example.de/a).'),
      'Das ist kostenlos, siehe Portal (https://example.de/a).',
    );
  });
});

describe('Textbausteine and Kommunen over the agent API (real server process)', function () {
  this.timeout(60000);
  const PASSWORD = 'richtig-geheim-42';
  const connector = new TestConnector();
  before(() => connector.start());
  const server = useServer({
    prefix: 'assistant-snippets-',
    prepare: (dir) => {
      cpSync(KNOWLEDGE_DIR, join(dir, 'knowledge'), { recursive: true });
      addAgent(dir, 'anna', PASSWORD);
    },
    env: (dir) => ({
      KNOWLEDGE_DIR: join(dir, 'knowledge'),
      ASSISTANT_CLOCK_START: '2026-11-24T09:00:00Z',
      HANDOFF_TICK_MS: '200',
      HANDOFF_WAIT_TARGET_SECONDS: '90',
    }),
  });
  after(() => connector.stop());

  it("needs a session; gives the Kommunen, the service level and the waiter's snippets, from the reloaded knowledge", async () => {
    for (const path of ['/agent/api/tenants', '/agent/api/snippets?handoff=x'])
      assert.equal((await fetch(`${server.url}${path}`)).status, 401, path);
    const { cookie } = await login(server.url, 'anna', PASSWORD);
    const headers = { cookie: cookie ?? '' };
    const tenants = (await (await fetch(`${server.url}/agent/api/tenants`, { headers })).json()) as {
      tenants: { id: string; name: string }[];
    };
    assert.deepEqual(tenants.tenants.map((t) => t.id).sort(), [...knowledge.tenants.keys()].sort());
    assert.equal((await fetch(`${server.url}/agent/api/snippets?handoff=unbekannt`, { headers })).status, 404);

    const agent = await AgentSocket.open(server.url, cookie);
    try {
      const hello = await agent.waitFor((m) => m.type === 'hello');
      assert.equal(hello.waitTargetSeconds, 90);
      const citizen: Citizen = { conversationId: `snip-${randomUUID()}`, tenant: 'wolfsburg', serviceUrl: connector.url };
      await say(server.url, citizen, 'Was kostet ein Führungszeugnis?');
      await say(server.url, citizen, 'Ich möchte mit einem Mitarbeiter sprechen');
      const [waiter] = await agent.queue((items) => items.length === 1);
      const snippets = async (): Promise<{ service: { id: string } | null; snippets: { id: string; text: string }[] }> => {
        const res = await fetch(`${server.url}/agent/api/snippets?handoff=${encodeURIComponent(waiter.id)}`, { headers });
        assert.equal(res.status, 200);
        return (await res.json()) as { service: { id: string } | null; snippets: { id: string; text: string }[] };
      };
      const first = await snippets();
      assert.equal(first.service?.id, 'fuehrungszeugnis');
      assert.equal(first.snippets[1].id, 'fuehrungszeugnis:kosten');
      assert.match(first.snippets[1].text, /13,00\s€/);

      const file = join(server.dir, 'knowledge', 'services', 'fuehrungszeugnis.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('betrag: 13.00', 'betrag: 14.50'));
      await until(async () => /14,50\s€/.test((await snippets()).snippets[1].text), 'the edited fee in the snippet', {
        timeoutMs: 15000,
        intervalMs: 200,
      });
    } finally {
      await agent.close();
    }
  });
});
