/**
 * Callback tickets in the agent console's API (under /agent/api, the session cookie required like every other
 * route there): the list with due times, overdue flags and status histories; one ticket with the conversation up
 * to the request; status and note changes (each new status recorded with the agent and the time); and the day's
 * tickets as a CSV file that Excel and LibreOffice open as they are (UTF-8 with BOM, semicolons, every field
 * quoted, German dates in Europe/Berlin).
 */
import type { Request, Response, Server } from 'restify';
import { addDays, berlinParts, fromBerlin, isoDate, type CivilDate } from '../../knowledge/calendar/berlinTime';
import type { AgentSession } from './agentAuth';
import type { ConsoleFanout } from './consoleFanout';
import { OPEN_TICKET_STATUSES, TICKET_STATUSES, type HandoffStore, type Ticket, type TicketEvent, type TicketStatus } from './handoffStore';

const MAX_NOTE = 2000;
const TICKET_BYTES = 16 * 1024;

/** How the console and the export name a status. */
export const TICKET_STATUS_LABEL: Record<TicketStatus, string> = {
  offen: 'offen',
  in_bearbeitung: 'in Bearbeitung',
  erledigt: 'erledigt',
  nicht_erreicht: 'nicht erreicht',
};

export interface TicketApiDeps {
  server: Server;
  store: HandoffStore;
  /** Tells every console that the tickets changed. */
  consoles: Pick<ConsoleFanout, 'ticketsChanged'>;
  tenantName: (id: string) => string;
  serviceName: (id: string) => string | undefined;
  /** The session, or a 401 already sent. */
  session: (req: Request, res: Response) => Promise<AgentSession | undefined>;
  /** Registers a state-changing POST (Origin check, JSON body within the limit). */
  change: (path: string, maxBytes: number, handler: (req: Request, res: Response) => Promise<void>) => void;
  /** The tickets' clock: created, changed, overdue, "today" (the dialogs' clock, so wished and created times agree). */
  clock: () => number;
  /** A ticket set to erledigt, with the seconds since the request (metrics). */
  done?: (ticket: Ticket, seconds: number) => void;
}

export interface TicketHistoryView {
  status: TicketStatus;
  statusLabel: string;
  by: string | null;
  at: number;
}

export interface TicketView extends Ticket {
  tenantName: string;
  serviceName: string | null;
  /** tel:+49…, for click-to-call. */
  phoneHref: string;
  statusLabel: string;
  /** From when an open ticket counts as overdue (due time and grace). */
  overdueAt: number;
  overdue: boolean;
  history: TicketHistoryView[];
}

/** A call at the wished time may take a few minutes: a ticket still open this long after it is due is overdue. */
export const OVERDUE_GRACE_MS = 15 * 60 * 1000;

export function isOverdue(t: Pick<Ticket, 'status' | 'dueAt'>, now: number): boolean {
  return OPEN_TICKET_STATUSES.includes(t.status) && t.dueAt + OVERDUE_GRACE_MS < now;
}

function historyView(e: TicketEvent): TicketHistoryView {
  return { status: e.status, statusLabel: TICKET_STATUS_LABEL[e.status] ?? e.status, by: e.agentName ?? e.agent, at: e.at };
}

export function ticketView(
  t: Ticket,
  history: readonly TicketEvent[],
  now: number,
  names: Pick<TicketApiDeps, 'tenantName' | 'serviceName'>,
): TicketView {
  return {
    ...t,
    tenantName: names.tenantName(t.tenant),
    serviceName: t.service ? (names.serviceName(t.service) ?? t.service) : null,
    phoneHref: `tel:${t.phone.replace(/[^+\d]/g, '')}`,
    statusLabel: TICKET_STATUS_LABEL[t.status] ?? t.status,
    overdueAt: t.dueAt + OVERDUE_GRACE_MS,
    overdue: isOverdue(t, now),
    history: history.map(historyView),
  };
}

// ---- the CSV export ---------------------------------------------------------------------------------

/** 1764576000000 → "01.12.2025 09:00" (Europe/Berlin, by the calendar's own Berlin clock). */
export function germanDateTime(ms: number): string {
  const { date, minutes } = berlinParts(new Date(ms));
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(date.d)}.${two(date.m)}.${date.y} ${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

/**
 * One CSV field: always quoted, quotes doubled. A field a spreadsheet would run as a formula (=, +, -, @, tab,
 * carriage return first: what a citizen typed as the topic) gets a leading apostrophe (OWASP CSV injection).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export const CSV_HEADER = [
  'Vorgang',
  'Erstellt',
  'Fällig',
  'Wunschtermin',
  'Überfällig',
  'Kommune',
  'Leistung',
  'Anliegen',
  'Telefon',
  'Status',
  'Statusverlauf',
  'Notiz',
];

/** The tickets as a CSV file: BOM, semicolons, CRLF line ends, every field quoted. */
export function ticketsCsv(views: readonly TicketView[]): string {
  const rows = [
    CSV_HEADER,
    ...views.map((t) => [
      t.reference,
      germanDateTime(t.createdAt),
      germanDateTime(t.dueAt),
      t.wishedText,
      t.overdue ? 'ja' : 'nein',
      t.tenantName,
      t.serviceName ?? '',
      t.topic,
      t.phoneDisplay,
      t.statusLabel,
      t.history.map((h) => `${h.statusLabel} ${germanDateTime(h.at)}${h.by ? ` (${h.by})` : ''}`).join(' → '),
      t.note,
    ]),
  ];
  return `\uFEFF${rows.map((r) => r.map(csvField).join(';')).join('\r\n')}\r\n`;
}

/** "2026-11-24" → that civil date, or undefined. */
function parseDay(text: string): CivilDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return isoDate(addDays(date, 0)) === text ? date : undefined;
}

// ---- routes -----------------------------------------------------------------------------------------

export function registerTicketApi(deps: TicketApiDeps): void {
  const { server, store, consoles, session, clock } = deps;

  const views = async (tickets: readonly Ticket[]): Promise<TicketView[]> => {
    const histories = await store.ticketHistories(tickets.map((t) => t.id));
    const now = clock();
    return tickets.map((t) => ticketView(t, histories.get(t.id) ?? [], now, deps));
  };

  server.get('/agent/api/tickets', async (req: Request, res: Response) => {
    if (!(await session(req, res))) return;
    res.header('Cache-Control', 'no-store');
    res.send(200, { now: clock(), tickets: await views(await store.tickets()) });
  });

  // The day's tickets (by creation, Europe/Berlin; ?date=YYYY-MM-DD, today by default) as a spreadsheet file.
  server.get('/agent/api/tickets/export.csv', async (req: Request, res: Response) => {
    if (!(await session(req, res))) return;
    const asked = new URL(req.url ?? '/', 'http://localhost').searchParams.get('date') ?? undefined;
    const day = asked === undefined ? berlinParts(new Date(clock())).date : parseDay(asked);
    if (!day) {
      res.send(400, { error: 'Erwartet: date=JJJJ-MM-TT.' });
      return;
    }
    const tickets = await store.ticketsCreatedBetween(fromBerlin(day, 0).getTime(), fromBerlin(addDays(day, 1), 0).getTime());
    const body = Buffer.from(ticketsCsv(await views(tickets)), 'utf8');
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="rueckrufe-${isoDate(day)}.csv"`,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(body);
  });

  server.get('/agent/api/tickets/:id', async (req: Request, res: Response) => {
    if (!(await session(req, res))) return;
    const id = Number(req.params.id);
    const ticket = Number.isSafeInteger(id) && id > 0 ? await store.ticket(id) : undefined;
    if (!ticket) {
      res.send(404, { error: 'Unbekanntes Ticket.' });
      return;
    }
    const [view] = await views([ticket]);
    const context = (await store.ticketContext(ticket)).map((m) => ({
      id: m.id,
      sender: m.sender,
      author: m.author,
      text: m.text,
      at: m.at,
    }));
    res.header('Cache-Control', 'no-store');
    res.send(200, { ...view, context });
  });

  deps.change('/agent/api/tickets/:id', TICKET_BYTES, async (req: Request, res: Response) => {
    const s = await session(req, res);
    if (!s) return;
    const id = Number(req.params.id);
    const body: unknown = req.body;
    const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
    if (!Number.isSafeInteger(id) || id <= 0) {
      res.send(404, { error: 'Unbekanntes Ticket.' });
      return;
    }
    if (
      !fields ||
      !TICKET_STATUSES.includes(fields.status as TicketStatus) ||
      (fields.note !== undefined && typeof fields.note !== 'string')
    ) {
      res.send(400, { error: `Erwartet: status (${TICKET_STATUSES.join(', ')}) und optional note (Text).` });
      return;
    }
    const note = String(fields.note ?? '');
    if (note.length > MAX_NOTE) {
      res.send(400, { error: `Die Notiz ist zu lang (höchstens ${MAX_NOTE} Zeichen).` });
      return;
    }
    const now = clock();
    const changed = await store.changeTicket(id, fields.status as TicketStatus, note, s.name, now, s.displayName ?? s.name);
    if (!changed) {
      res.send(404, { error: 'Unbekanntes Ticket.' });
      return;
    }
    if (changed.ticket.status === 'erledigt' && changed.previous !== 'erledigt')
      deps.done?.(changed.ticket, (now - changed.ticket.createdAt) / 1000);
    await consoles.ticketsChanged();
    const [view] = await views([changed.ticket]);
    res.send(200, view);
  });
}
