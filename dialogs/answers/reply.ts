/**
 * What a dialog says, independent of the Bot Framework: text, optional spoken form, buttons and cards.
 * dialogs/replyActivity.ts turns it into an activity; keeping answers free of SDK types keeps them easy to
 * test and to move to another SDK.
 */
export interface Reply {
  text: string;
  /** Buttons offered with the reply (sent as suggested actions: the button's title is sent back). */
  suggestions?: string[];
  /**
   * What some of these buttons send besides their title, by title: such a button goes out as messageBack (its title
   * as text, this as value), and the dialog reads the value instead of understanding the words.
   */
  buttonValues?: Record<string, ButtonValue>;
  /** Adaptive Card JSON, sent as an attachment after the text. */
  card?: Record<string, unknown>;
  /** True when the reply asks the citizen something. */
  expectsAnswer?: boolean;
  /**
   * What a voice says instead of a rendering of `text` (plain text, the fact first, one breath); rendered
   * for the ear (times, amounts, numbers) by the same code as every other spoken reply.
   */
  speak?: string;
  /** Complete SSML, for a reply that needs more than one language or voice (sent as it is). */
  ssml?: string;
  /**
   * How the client reads `text`: Markdown (the default: the assistant's own wording), or plain for what a person
   * typed (an agent's message), which no client may render as Markdown or HTML.
   */
  format?: 'markdown' | 'plain';
  /** Who speaks when it is not the assistant: the name citizens see (`from.name`), e.g. an agent's display name. */
  speaker?: string;
  /** An agent's message relayed to the citizen: the transcript has it as the agent's line already, not as the bot's. */
  relayed?: boolean;
}

/** A button's value: the service it chooses (a service's full name can read like a question of its own). */
export interface ButtonValue {
  service: string;
}

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
export function formatEuro(amount: number): string {
  return amount === 0 ? 'kostenlos' : euro.format(amount);
}

const FEMININE_COUNTS = ['keine', 'eine', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf'];
/** "3" → "drei", "1" → "eine" (for feminine nouns: "eine Unterlage"). */
export function countWordFeminine(n: number): string {
  return FEMININE_COUNTS[n] ?? String(n);
}

export function bulletList(items: readonly string[]): string {
  return items.map((i) => `- ${i}`).join('\n');
}

export function numberedList(items: readonly string[]): string {
  return items.map((item, i) => `${i + 1}. ${item}`).join('\n');
}

/** German list: "A, B und C". */
export function joinGerman(items: readonly string[], conjunction = 'und'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** Capitalises the first letter ("das Bürgerbüro" at the start of a sentence). */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "in" + the Kommune's name as German needs it: "im Landkreis Gifhorn", "in der Stadt Wolfsburg". */
export function inKommune(name: string): string {
  if (/^(Landkreis|Kreis|Bezirk)\b/.test(name)) return `im ${name}`;
  if (/^(Stadt|Gemeinde|Samtgemeinde|Hansestadt|Region)\b/.test(name)) return `in der ${name}`;
  return `in ${name}`;
}

/** "für" + the Kommune's name: "für den Landkreis Gifhorn", "für die Stadt Wolfsburg". */
export function forKommune(name: string): string {
  if (/^(Landkreis|Kreis|Bezirk)\b/.test(name)) return `für den ${name}`;
  if (/^(Stadt|Gemeinde|Samtgemeinde|Hansestadt|Region)\b/.test(name)) return `für die ${name}`;
  return `für ${name}`;
}

/** The kinds of Kommune in English: "Stadt Wolfsburg" is "the City of Wolfsburg". */
const ENGLISH_KINDS: Record<string, string> = {
  Stadt: 'City',
  Hansestadt: 'Hanseatic City',
  Landkreis: 'District',
  Kreis: 'District',
  Bezirk: 'District',
  Gemeinde: 'Municipality',
  Samtgemeinde: 'Joint Municipality',
  Region: 'Region',
};

/**
 * The Kommune's name after "for" or "in" in the texts' language: German with its article ("für die Stadt
 * Wolfsburg", "im Landkreis Gifhorn"), English with its kind translated ("for the City of Wolfsburg", "in the
 * District of Gifhorn"); the other languages' texts place the official name as it is ("Stadt Wolfsburg").
 */
export function kommuneAfter(preposition: 'fuer' | 'in', name: string, language: string): string {
  if (language === 'de') return preposition === 'fuer' ? forKommune(name) : inKommune(name);
  if (language !== 'en') return name;
  const [, kind, rest] = /^(\S+)\s+(.+)$/.exec(name) ?? [];
  const english = kind && ENGLISH_KINDS[kind] ? `the ${ENGLISH_KINDS[kind]} of ${rest}` : name;
  return `${preposition === 'fuer' ? 'for' : 'in'} ${english}`;
}
