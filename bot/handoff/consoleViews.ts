/**
 * What the agent console shows of handoffs: the queue and an agent's own chats, each with its transcript. A citizen
 * who does not speak German shows with their language ("English (en)"), and each bot line said in it with its German
 * original (see citizenLanguage.ts for where both come from).
 */
import { GERMAN, languageName } from './citizenLanguage';
import type { Handoff, HandoffStore, Message } from './handoffStore';

export interface TranscriptLine {
  id: number;
  sender: string;
  author: string | null;
  /** As the citizen read it (a bot line: in the citizen's language). */
  text: string;
  at: number;
  /** A bot line's language (ISO 639-1) when it was not German; null otherwise. */
  language: string | null;
  /** A translated bot line's German wording (the console shows it marked "Deutsch:"); null when there is none. */
  original: string | null;
}

/** What the console shows of a handoff. */
export interface HandoffView {
  id: string;
  tenant: string;
  tenantName: string;
  topic: string;
  intent: string | null;
  service: string | null;
  reason: string;
  status: string;
  queuedAt: number;
  acceptedAt: number | null;
  position?: number;
  /** The citizen's language (ISO 639-1) when it is not German; null for German or not said. */
  language: string | null;
  /** That language's name in itself ("English", "Türkçe", "Українська"); null with `language`. */
  languageName: string | null;
  transcript: TranscriptLine[];
}

export function transcriptLine(m: Message): TranscriptLine {
  const language = m.language === GERMAN ? null : m.language;
  return { id: m.id, sender: m.sender, author: m.author, text: m.text, at: m.at, language, original: language ? m.original : null };
}

/** How many waiters the queue view lists, and how much of each transcript the views carry. */
const QUEUE_ITEMS = 100;
const QUEUE_TRANSCRIPT_LINES = 60;
const SESSION_TRANSCRIPT_LINES = 300;

/** The citizen's language as the console shows it: none for German. */
function languageOf(h: Handoff): { language: string | null; languageName: string | null } {
  return h.language && h.language !== GERMAN
    ? { language: h.language, languageName: languageName(h.language) }
    : { language: null, languageName: null };
}

export class ConsoleViews {
  constructor(
    private readonly store: HandoffStore,
    /** A Kommune's name by its id (from the live knowledge). */
    private readonly tenantName: (id: string) => string,
  ) {}

  async queueView(): Promise<HandoffView[]> {
    const queued = (await this.store.queued()).slice(0, QUEUE_ITEMS);
    return (await this.views(queued, QUEUE_TRANSCRIPT_LINES)).map((view, i) => ({ ...view, position: i + 1 }));
  }

  async sessionsView(agentId: number): Promise<HandoffView[]> {
    const mine = (await this.store.active()).filter((h) => h.agentId === agentId);
    return this.views(mine, SESSION_TRANSCRIPT_LINES);
  }

  /** The console's view of handoffs, with the last `limit` lines of each transcript (read in one query). */
  private async views(handoffs: readonly Handoff[], limit: number): Promise<HandoffView[]> {
    const transcripts = await this.store.transcripts([...new Set(handoffs.map((h) => h.conversationId))], limit);
    return handoffs.map((h) => ({
      id: h.id,
      tenant: h.tenant,
      tenantName: this.tenantName(h.tenant),
      topic: h.topic,
      intent: h.intent,
      service: h.service,
      reason: h.reason,
      status: h.status,
      queuedAt: h.queuedAt,
      acceptedAt: h.acceptedAt,
      ...languageOf(h),
      transcript: (transcripts.get(h.conversationId) ?? []).map(transcriptLine),
    }));
  }
}
