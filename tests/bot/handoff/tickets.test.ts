/**
 * Callback tickets and service levels through the real server process: the ticket API (context up to the request,
 * tel: link, number as typed, status history), the day's CSV export (BOM, semicolons, German dates, parsed back),
 * the wait told to a citizen while an agent is free, and /metrics (wait histogram, abandoned waits, turnaround).
 */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { replyText, say, type Citizen } from '../../helpers/server';
import { TestConnector } from '../../helpers/connector';
import { AgentSocket, login, useServerWithAgent } from '../../helpers/agent';
import { until } from '../../helpers/wait';

const PASSWORD = 'richtig-geheim-42';
const HUMAN = 'Ich möchte mit einem Mitarbeiter sprechen';

/** RFC 4180 with semicolons: quoted fields, doubled quotes, line breaks inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

interface TicketJson {
  id: number;
  reference: string;
  topic: string;
  service: string | null;
  serviceName: string | null;
  phone: string;
  phoneDisplay: string;
  phoneHref: string;
  createdAt: number;
  dueAt: number;
  overdue: boolean;
  status: string;
  history: { status: string; by: string | null; at: number }[];
  context?: { sender: string; text: string }[];
}

describe('callback tickets and service levels through the real server process', function () {
  this.timeout(90000);
  const connector = new TestConnector();
  const citizen = (tenant = 'wolfsburg'): Citizen => ({ conversationId: `t-${randomUUID()}`, tenant, serviceUrl: connector.url });
  let cookie = '';
  const api = async (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${server.url}${path}`, { ...init, headers: { cookie, 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const tickets = async (): Promise<TicketJson[]> =>
    ((await (await api('/agent/api/tickets')).json()) as { tickets: TicketJson[] }).tickets;

  before(() => connector.start());
  // Tuesday 24 Nov 2026, 10:00 in Berlin.
  const server = useServerWithAgent('assistant-tickets-', PASSWORD, {
    ASSISTANT_CLOCK_START: '2026-11-24T09:00:00Z',
    HANDOFF_TICK_MS: '200',
    HANDOFF_ACCEPT_TIMEOUT_SECONDS: '3',
  });
  after(() => connector.stop());
  before(async () => {
    cookie = (await login(server.url, 'anna', PASSWORD)).cookie ?? '';
  });

  /** A callback request through the dialog; resolves to its reference. */
  async function callback(who: Citizen, phone: string, when: string, topic?: string): Promise<string> {
    await say(server.url, who, 'Rückruf bitte');
    await say(server.url, who, phone);
    const afterTime = replyText(await say(server.url, who, when));
    if (topic !== undefined) {
      assert.match(afterTime, /Worum geht es/);
      await say(server.url, who, topic);
    }
    const reference = /RR-2026-\d{6}/.exec(replyText(await say(server.url, who, 'Ja, einverstanden')))?.[0];
    assert.ok(reference, 'a reference');
    return reference;
  }

  it('a ticket carries creation and due time, the number as typed with a tel: link, the conversation up to the request and its history', async () => {
    const who = citizen('gifhorn');
    await say(server.url, who, 'Was kostet ein Reisepass?');
    const reference = await callback(who, '0151 23456789', 'morgen um 10 Uhr');
    await say(server.url, who, 'Danke, das war alles');
    const t = (await tickets()).find((x) => x.reference === reference);
    assert.ok(t);
    assert.deepEqual([t.phone, t.phoneDisplay, t.phoneHref], ['+4915123456789', '0151 23456789', 'tel:+4915123456789']);
    assert.deepEqual([t.service, t.serviceName], ['reisepass', 'Reisepass beantragen']);
    assert.equal(new Date(t.dueAt).toISOString(), '2026-11-25T09:00:00.000Z');
    assert.ok(Math.abs(t.createdAt - Date.parse('2026-11-24T09:00:00Z')) < 60_000, "created by the dialogs' clock");
    assert.equal(t.overdue, false);
    assert.deepEqual(
      t.history.map((h) => [h.status, h.by]),
      [['offen', null]],
    );

    const detail = (await (await api(`/agent/api/tickets/${t.id}`)).json()) as TicketJson;
    const context = detail.context ?? [];
    assert.deepEqual(
      context.slice(0, 2).map((m) => [m.sender, m.text.slice(0, 25)]),
      [
        ['citizen', 'Was kostet ein Reisepass?'],
        ['bot', context[1]?.text.slice(0, 25)],
      ],
    );
    assert.match(context[1]?.text ?? '', /Reisepass/);
    assert.equal(context.at(-1)?.text, 'Ja, einverstanden', 'up to the request');
    assert.ok(!context.some((m) => /Danke, das war alles|RR-2026/.test(m.text)), 'nothing after it');
    assert.equal((await fetch(`${server.url}/agent/api/tickets/${t.id}`)).status, 401);
    assert.equal((await api('/agent/api/tickets/999999')).status, 404);

    for (const status of ['in_bearbeitung', 'nicht_erreicht', 'in_bearbeitung', 'erledigt']) {
      const res = await api(`/agent/api/tickets/${t.id}`, { method: 'POST', body: JSON.stringify({ status, note: 'Notiz' }) });
      assert.equal(res.status, 200);
    }
    const worked = (await tickets()).find((x) => x.reference === reference);
    assert.deepEqual(
      worked?.history.map((h) => [h.status, h.by]),
      [
        ['offen', null],
        ['in_bearbeitung', 'Frau Schmidt'],
        ['nicht_erreicht', 'Frau Schmidt'],
        ['in_bearbeitung', 'Frau Schmidt'],
        ['erledigt', 'Frau Schmidt'],
      ],
    );
    assert.ok(worked?.history.every((h, i, all) => i === 0 || h.at >= all[i - 1].at));
  });

  it('an English citizen: every question of the callback in English, "Monday at 10 am" understood and stored', async () => {
    const who = citizen();
    assert.match(replyText(await say(server.url, who, 'Do you speak English?')), /^Certainly, I will answer in English/);
    assert.match(replyText(await say(server.url, who, 'Call me back please')), /Which phone number/);
    assert.match(replyText(await say(server.url, who, '0151 7654321')), /^When may we call you\?/);
    assert.match(replyText(await say(server.url, who, 'Monday at 10 am')), /^What is it about/);
    assert.match(replyText(await say(server.url, who, 'my housing benefit application')), /Time: on Monday/);
    const reference = /RR-2026-\d{6}/.exec(replyText(await say(server.url, who, 'Yes, I agree')))?.[0];
    assert.ok(reference, 'a reference');
    const t = (await tickets()).find((x) => x.reference === reference);
    // Tuesday 24 November, 10:00 in Berlin: Monday the 30th, 10:00 in Berlin.
    assert.equal(new Date(t?.dueAt ?? 0).toISOString(), '2026-11-30T09:00:00.000Z');
    assert.equal(t?.phone, '+491517654321');
  });

  it("exports the day's tickets as CSV: UTF-8 BOM, semicolons, quoted fields, German dates; parsed back it is the same", async () => {
    const first = await callback(citizen(), '+49 171 1234567', 'Freitag um 10:30 Uhr', 'Frage; zum "Umzug"\nund Ummeldung');
    const second = await callback(citizen(), '05361 28-1234', 'morgen um 10 Uhr', '=HYPERLINK("http://evil.example","klick")');
    const res = await api('/agent/api/tickets/export.csv');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="rueckrufe-2026-11-24.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark (Excel reads UTF-8)');
    const text = bytes.toString('utf8').slice(1);
    assert.match(text, /^"Vorgang";"Erstellt";"Fällig";/);
    assert.ok(text.endsWith('\r\n'));
    const rows = parseCsv(text);
    const [header, ...body] = rows;
    // The header as a person reads it in the file (the columns, in this order).
    assert.equal(
      text.slice(0, text.indexOf('\r\n')),
      '"Vorgang";"Erstellt";"Fällig";"Wunschtermin";"Überfällig";"Kommune";"Leistung";"Anliegen";"Telefon";"Status";"Statusverlauf";"Notiz"',
    );
    assert.equal(header.length, 12);
    assert.ok(
      body.every((r) => r.length === header.length),
      'every row has every column',
    );
    const col = (row: string[], name: string): string => row[header.indexOf(name)];
    const byRef = new Map(body.map((r) => [r[0], r]));
    const a = byRef.get(first);
    const b = byRef.get(second);
    assert.ok(a && b, "both of today's tickets");
    assert.ok(body.length >= 3, 'and the one of the first test');
    for (const r of body) assert.match(col(r, 'Erstellt'), /^24\.11\.2026 \d\d:\d\d$/);
    assert.equal(col(a, 'Fällig'), '27.11.2026 10:30');
    assert.equal(col(a, 'Wunschtermin'), 'Fr, 27.11.2026, 10:30 Uhr');
    assert.equal(col(a, 'Anliegen'), 'Frage; zum "Umzug"\nund Ummeldung', 'semicolons, quotes and a line break survive');
    assert.equal(col(a, 'Telefon'), '0171 1234567');
    assert.equal(col(a, 'Kommune'), 'Stadt Wolfsburg');
    assert.equal(col(a, 'Status'), 'offen');
    assert.equal(col(a, 'Überfällig'), 'nein');
    assert.match(col(a, 'Statusverlauf'), /^offen 24\.11\.2026 \d\d:\d\d$/);
    assert.equal(col(b, 'Telefon'), '05361 28-1234');
    assert.equal(col(b, 'Anliegen'), '\'=HYPERLINK("http://evil.example","klick")', 'no formula runs in the spreadsheet');
    const worked = body.find((r) => col(r, 'Status') === 'erledigt');
    assert.match(
      col(worked ?? [], 'Statusverlauf'),
      /^offen 24\.11\.2026 \d\d:\d\d → in Bearbeitung 24\.11\.2026 \d\d:\d\d \(Frau Schmidt\) → /,
    );

    const other = await api('/agent/api/tickets/export.csv?date=2026-11-23');
    assert.equal(parseCsv((await other.text()).slice(1)).length, 1, 'another day: the header only');
    assert.equal((await api('/agent/api/tickets/export.csv?date=2026-13-40')).status, 400);
    assert.equal((await fetch(`${server.url}/agent/api/tickets/export.csv`)).status, 401, 'auth like the other routes');
  });

  it('tells "gleich" while an agent is free, minutes while busy, and exports waits, abandoned waits and callback turnaround in /metrics', async () => {
    const agent = await AgentSocket.open(server.url, cookie);
    try {
      const first = citizen();
      assert.match(replyText(await say(server.url, first, HUMAN)), /Sie sind als Nächstes an der Reihe; gleich ist jemand für Sie da\./);
      const [waiting] = await agent.queue((items) => items.length === 1);
      await new Promise((r) => setTimeout(r, 300));
      agent.send({ type: 'accept', id: waiting.id });
      await connector.waitFor(first.conversationId, /verbunden/);

      const second = citizen();
      assert.match(
        replyText(await say(server.url, second, HUMAN)),
        /an der Reihe; die Wartezeit beträgt etwa 4 Minuten/,
        'the only agent is busy',
      );
      assert.match(replyText(await say(server.url, second, 'abbrechen')), /Warteschlange verlassen/);
      const third = citizen();
      await say(server.url, third, HUMAN);
      await until(async () => (await agent.queue(() => true)).length === 0, "the third citizen's wait timing out");
    } finally {
      await agent.close();
    }

    const metrics = async (): Promise<string> => (await fetch(`${server.url}/metrics`)).text();
    await until(
      async () => /kommune_handoff_abandoned_total\{tenant="wolfsburg",reason="timeout"\} 1/.test(await metrics()),
      'the timeout counted',
    );
    const text = await metrics();
    assert.match(text, /# TYPE kommune_handoff_wait_seconds histogram/);
    assert.match(text, /kommune_handoff_wait_seconds_count\{tenant="wolfsburg"\} 1\n/);
    assert.match(text, /kommune_handoff_wait_seconds_bucket\{le="10",tenant="wolfsburg"\} 1\n/, 'accepted within a second');
    const sum = Number(/kommune_handoff_wait_seconds_sum\{tenant="wolfsburg"\} ([\d.]+)/.exec(text)?.[1]);
    assert.ok(sum >= 0.3 && sum < 10, `waited ${sum} s`);
    assert.match(text, /# TYPE kommune_handoff_abandoned_total counter/);
    assert.match(text, /kommune_handoff_abandoned_total\{tenant="wolfsburg",reason="left"\} 1\n/);
    assert.match(text, /kommune_handoff_abandoned_total\{tenant="wolfsburg",reason="timeout"\} 1\n/);
    assert.match(text, /kommune_handoff_abandoned_wait_seconds_count\{reason="timeout"\} 1\n/);
    assert.match(text, /# TYPE kommune_callback_turnaround_seconds histogram/);
    assert.match(
      text,
      /kommune_callback_turnaround_seconds_count\{tenant="gifhorn"\} 1\n/,
      "the first test's ticket, set to erledigt once",
    );
    assert.match(text, /kommune_callback_turnaround_seconds_bucket\{le="900",tenant="gifhorn"\} 1\n/);
  });
});
