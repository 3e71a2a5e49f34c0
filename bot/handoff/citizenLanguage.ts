/**
 * The citizen's language as the handoff sees it, and the contract with the dialogs it rests on.
 *
 * The contract (the dialogs keep it, the handoff reads it; nothing else decides the language here):
 * - Every reply activity the bot sends in a conversation whose language is not German carries
 *   `channelData.language` (ISO 639-1, e.g. "en") and, when the German wording is known, `channelData.original`
 *   (the German text of the same reply). Either may be set anywhere on the way out (the dialog, or a middleware after
 *   the handoff's: bot/voiceMiddleware.ts sets the language): the transcript reads them once the send pipeline has
 *   run, and keeps both beside the text (handoffMiddleware.ts). The agent console shows the original beside (on a
 *   narrow screen: under) the translation, marked "Deutsch:".
 * - The handoff request (dialogs/handoffPort.ts) may name `language`; the handoff row keeps it. The texts the handoff
 *   itself sends a waiting citizen (still queued, left, ended, and the notices of dialogs/handoffNotifier.ts) are the
 *   Kommune's texts in that language (`textsFor(tenant, language)`); without one, German.
 * - A citizen's `activity.locale` is the client's setting (a browser's language), not what the citizen writes in:
 *   it decides nothing here.
 * - Agents' messages go to the citizen exactly as typed, in whatever language the agent writes: nothing is translated.
 */
import type { Activity } from 'botbuilder';

/** German: the language of the Kommunen's own texts, shown to agents without a label. */
export const GERMAN = 'de';

/** Longest German original kept beside a translated bot line (as for any line of the transcript). */
const MAX_ORIGINAL_CHARS = 4000;

/**
 * An ISO 639-1 code from what a client or the dialogs sent ("en", "EN", "en-GB" → "en"), or null when it is none.
 * Three-letter codes (ISO 639-2/3) pass too, for languages without a two-letter one.
 */
export function languageCode(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const primary = value.trim().toLowerCase().split(/[-_]/)[0];
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

/**
 * What a bot reply says of its language (channelData.language, channelData.original): the code, and the German
 * original when it is given and differs from the text (a German reply has no original to show).
 */
export function replyLanguage(activity: Partial<Activity>): { language: string | null; original: string | null } {
  const data = activity.channelData as { language?: unknown; original?: unknown } | undefined;
  const language = languageCode(data?.language);
  const original =
    language !== null &&
    language !== GERMAN &&
    typeof data?.original === 'string' &&
    data.original.trim() !== '' &&
    data.original !== activity.text
      ? data.original.slice(0, MAX_ORIGINAL_CHARS)
      : null;
  return { language, original };
}

const names = new Map<string, string>();

/**
 * A language's name in that language ("English", "Türkçe", "Українська", "العربية", "Русский"), from the runtime's
 * Unicode data; the code itself when the runtime knows no name for it.
 */
export function languageName(code: string): string {
  let name = names.get(code);
  if (name === undefined) {
    try {
      const own = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code);
      name = own ? own.charAt(0).toLocaleUpperCase(code) + own.slice(1) : code;
    } catch {
      name = code;
    }
    names.set(code, name);
  }
  return name;
}
