/**
 * The spoken form of every reply, for Direct Line Speech and other voice channels: one module, applied to
 * every outgoing message by bot/voiceMiddleware.ts, so that no dialog writes its own speech.
 *
 * Written for the ear: short (later paragraphs are dropped), lists summarised with their first items
 * ("Zur Vorsprache bringen Sie fünf Unterlagen mit: …, … und zwei weitere."), times, dates, euro amounts and
 * phone numbers in a form a German neural voice reads well, no URLs and no markdown; cards and buttons get a
 * spoken equivalent. Free of SDK types, like the answers.
 */

export const DEFAULT_VOICE = 'de-DE-KatjaNeural';

/** What the voice rendering needs to know of a message. */
export interface SpeakableMessage {
  /** The chat text (markdown as the answers write it). */
  text?: string;
  /** Titles of the buttons offered (suggested actions). */
  suggestions?: readonly string[];
  /** Cards attached: their own `speak` if they have one, else their title. */
  cards?: readonly { speak?: string; title?: string }[];
}

/** Longest spoken body in characters before later paragraphs are dropped (about 30 s of speech). */
const SPOKEN_BUDGET = 500;
/** Longest line of prose before its later sentences are dropped. */
const LINE_BUDGET = 200;
/** How many list items are read before "und … weitere". */
const LIST_ITEMS_READ = 3;

const NUMBER_WORDS = ['null', 'eine', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf'];
const ORDINALS = ['Erstens', 'zweitens', 'drittens', 'viertens', 'fünftens'];
const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
const WEEKDAYS: Record<string, string> = {
  Mo: 'Montag',
  Di: 'Dienstag',
  Mi: 'Mittwoch',
  Do: 'Donnerstag',
  Fr: 'Freitag',
  Sa: 'Samstag',
  So: 'Sonntag',
};
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bz\.\s?B\./g, 'zum Beispiel'],
  [/\bu\.\s?a\./g, 'unter anderem'],
  [/\bbzw\./g, 'beziehungsweise'],
  [/\bggf\./g, 'gegebenenfalls'],
  [/\busw\./g, 'und so weiter'],
  [/\binkl\./g, 'inklusive'],
  [/\bca\./g, 'circa'],
  [/\bNr\./g, 'Nummer'],
  [/\bd\.\s?h\./g, 'das heißt'],
];

/** "3" → "drei" (small counts read better as words; "eine" agrees with the feminine "Unterlage"). */
function countWord(n: number): string {
  return n >= 0 && n < NUMBER_WORDS.length ? NUMBER_WORDS[n] : String(n);
}

function joinOr(items: readonly string[], conjunction: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** Markdown to plain text: emphasis, code, links (their text stays), headings. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,:;!?]|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^#{1,6}\s+/gm, '');
}

/** No URLs in speech: a URL in parentheses disappears, a bare one becomes "der Website". */
function removeUrls(text: string): string {
  return text
    .replace(/\s*\((?:https?:\/\/|www\.)[^)]*\)/g, '')
    .replace(/(?:https?:\/\/|www\.)[^\s)]+?(?=[.,;:!?]?(?:\s|$|\)))/g, 'der Website');
}

/** "8" + ":30" → "8 Uhr 30"; ":00" is left out ("9 Uhr"). */
function clock(h: string, m: string): string {
  const hour = String(Number(h));
  return m === '00' ? `${hour} Uhr` : `${hour} Uhr ${m}`;
}

/** Times as a German voice should say them: "9:30 Uhr" → "9 Uhr 30", "07:00–18:00 Uhr" → "7 bis 18 Uhr". */
export function speakTimes(text: string): string {
  return (
    text
      // Ranges first: "07:00–18:00 Uhr", "8:30 - 12:00", "07:00 bis 18:00 Uhr".
      .replace(/\b(\d{1,2}):(\d{2})\s*(?:–|-|bis)\s*(\d{1,2}):(\d{2})(\s*Uhr)?/g, (_m, h1: string, m1: string, h2: string, m2: string) => {
        const from = m1 === '00' && m2 === '00' ? String(Number(h1)) : clock(h1, m1);
        return `${from} bis ${clock(h2, m2)}`;
      })
      .replace(/\b(\d{1,2}):(\d{2})(\s*Uhr)?/g, (_m, h: string, m: string) => clock(h, m))
  );
}

/** Weekday abbreviations of opening hours: "Mo–Fr:" → "Montag bis Freitag:", "Sa:" → "Samstag:". */
function speakWeekdays(text: string): string {
  return text
    .replace(
      /\b(Mo|Di|Mi|Do|Fr|Sa|So)\s*[–-]\s*(Mo|Di|Mi|Do|Fr|Sa|So)\b/g,
      (_m, a: string, b: string) => `${WEEKDAYS[a]} bis ${WEEKDAYS[b]}`,
    )
    .replace(/\b(Mo|Di|Mi|Do|Fr|Sa|So)\b(?=\s*[:,])/g, (d: string) => WEEKDAYS[d]);
}

/** "46,00 €" → "46 Euro", "37,50 €" → "37 Euro 50", "1.234,00 €" → "1234 Euro". */
export function speakEuro(text: string): string {
  return text.replace(/(\d{1,3}(?:\.\d{3})*|\d+)(?:,(\d{2}))?\s*(?:€|EUR\b|Euro\b)/g, (_m, whole: string, cents: string | undefined) => {
    const euros = whole.replace(/\./g, '');
    return cents && cents !== '00' ? `${euros} Euro ${cents}` : `${euros} Euro`;
  });
}

/** "25.11.2026" → "25. November 2026". */
function speakDates(text: string): string {
  return text.replace(/\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g, (m, d: string, mo: string, y: string) => {
    const month = MONTHS[Number(mo) - 1];
    return month ? `${Number(d)}. ${month} ${y}` : m;
  });
}

/**
 * Phone numbers digit by digit in their groups: "05371 82-0" → "0 5 3 7 1, 8 2, 0". A voice reads "05371"
 * as a number in the thousands otherwise. Only numbers with a leading 0 or +49 and at least two groups count,
 * so amounts, dates and postcodes stay as they are.
 */
export function speakPhoneNumbers(text: string): string {
  return text.replace(/(?<![\d.,:])(\+49 ?|0)(\d{1,5})((?:[ /-]+\d+)+)(?![\d,.]\d)/g, (_m, prefix: string, first: string, rest: string) => {
    const international = prefix.trim() === '+49';
    const groups = [international ? '+49' : `0${first}`, ...(international ? [first] : []), ...rest.split(/[ /-]+/).filter(Boolean)];
    return groups.map((g) => (g === '+49' ? 'plus 4 9' : g.split('').join(' '))).join(', ');
  });
}

/** E-mail addresses as said on the phone: "buergerbuero@wolfsburg.de" → "buergerbuero at wolfsburg Punkt de". */
function speakEmail(text: string): string {
  return text.replace(
    /([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)/g,
    (_m, local: string, domain: string) => `${local.replace(/\./g, ' Punkt ')} at ${domain.split('.').join(' Punkt ')}`,
  );
}

/** All text-level rewrites for the ear, in an order where one does not break the next. */
export function forTheEar(text: string): string {
  let t = removeUrls(stripMarkdown(text));
  t = speakEmail(t);
  t = speakDates(t);
  t = speakTimes(t);
  t = speakEuro(t);
  t = speakPhoneNumbers(t);
  t = speakWeekdays(t);
  for (const [re, replacement] of ABBREVIATIONS) t = t.replace(re, replacement);
  return t
    .replace(/[–—]/g, '-')
    .replace(/\s+-\s+/g, ', ')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s+([.,:;!?])/g, '$1')
    .trim();
}

/** Ends a spoken sentence with a full stop unless it already has punctuation. */
function sentence(s: string): string {
  const t = s.trim();
  if (!t) return '';
  return /[.!?]$/.test(t) ? t : `${t.replace(/[:,;]$/, '')}.`;
}

/**
 * A list item for speech: its first clause only (a document's explanation after the colon is too long to
 * hear, but a fee's amount after the colon is the point), no parenthesised conditions, no full stop.
 */
function listItem(line: string): string {
  let item = withoutParentheses(line.replace(/^\s*(?:[-*•]|\d+\.)\s+/, ''));
  item = item.split(/;\s|\.\s/)[0];
  const colon = item.indexOf(': ');
  if (colon > 0 && !/\d/.test(item.slice(colon))) item = item.slice(0, colon);
  return item.replace(/[.;]\s*$/, '').trim();
}

const DAY_LINE = /^\s*[-*•]\s+(Mo|Di|Mi|Do|Fr|Sa|So):\s*(.+)$/;

/** Opening hours read once for days alike: "Mo: 7–18", …, "Fr: 7–18" → "Mo–Fr: 7–18". */
function mergeWeekdays(lines: readonly string[]): string[] {
  if (!lines.every((l) => DAY_LINE.test(l))) return [...lines];
  const order = Object.keys(WEEKDAYS);
  const merged: { from: string; to: string; hours: string }[] = [];
  for (const line of lines) {
    const [, day, hours] = DAY_LINE.exec(line) as RegExpExecArray;
    const last = merged[merged.length - 1];
    if (last && last.hours === hours && order.indexOf(day) === order.indexOf(last.to) + 1) last.to = day;
    else merged.push({ from: day, to: day, hours });
  }
  return merged.map((m) => `- ${m.from === m.to ? m.from : `${m.from}–${m.to}`}: ${m.hours}`);
}

const LIST_LINE = /^\s*(?:[-*•]|\d+\.)\s+/;

/**
 * A list with its introduction, summarised: all items when there are few, else the first ones and how many
 * more. Document lists name their count ("bringen Sie fünf Unterlagen mit"), steps are counted off.
 */
export function summariseList(intro: string, lines: readonly string[]): string {
  const items = mergeWeekdays(lines).map(listItem).filter(Boolean);
  const numbered = lines.some((l) => /^\s*\d+\./.test(l));
  const head = intro.trim().replace(/:$/, '');
  const n = items.length;
  const read = n <= LIST_ITEMS_READ + 1 ? items : items.slice(0, LIST_ITEMS_READ);
  const more = n - read.length;

  if (numbered) {
    const steps = read.map((item, i) => `${ORDINALS[i] ?? `${i + 1}.`}: ${item}`).join('; ');
    const tail = more > 0 ? `; und ${countWord(more)} weitere Schritte` : '';
    return `${head ? `${head}, in ${countWord(n)} Schritten` : `${capitalise(countWord(n))} Schritte`}: ${steps}${tail}.`;
  }
  const documents = /bringen Sie mit|reichen Sie ein/.test(head);
  let lead = head;
  if (documents) {
    const noun = n === 1 ? 'Unterlage' : 'Unterlagen';
    lead = head
      .replace(/bringen Sie mit/, `bringen Sie ${countWord(n)} ${noun} mit`)
      .replace(/reichen Sie ein/, `reichen Sie ${countWord(n)} ${noun} ein`);
  }
  // Items that contain commas themselves are set apart by semicolons, or the ear loses where one ends.
  const separator = read.some((i) => i.includes(',')) ? '; ' : ', ';
  const listed =
    more > 0
      ? `${read.join(separator)} und ${countWord(more)} weitere`
      : `${read.slice(0, -1).join(separator)}${read.length > 1 ? ' und ' : ''}${read[read.length - 1] ?? ''}`;
  return lead ? `${lead}: ${listed}.` : `${listed}.`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Long lines are cut after the sentences that fit into LINE_BUDGET characters (at least one). */
function firstSentences(line: string): string {
  const sentences = line.match(/[^.!?]+(?:[.!?]+[“”"»)]*\.?(?=\s|$)|$)/g) ?? [line];
  let out = sentences[0];
  const rest = sentences.slice(1);
  for (const [i, s] of rest.entries()) {
    // A closing question is always kept: the citizen must hear what they are asked.
    if (out.length + s.length > LINE_BUDGET && !(i === rest.length - 1 && asksQuestion(s))) continue;
    out += s;
  }
  return out.trim();
}

/** Removes parenthesised asides, nested ones too. */
export function withoutParentheses(text: string): string {
  let t = text;
  for (let previous = ''; previous !== t;) {
    previous = t;
    t = t.replace(/\s*\([^()]*\)/g, '');
  }
  return t;
}

/** One paragraph of the chat text as speech. */
function speakParagraph(paragraph: string): string {
  // A line that is only a web address says nothing by voice.
  const lines = paragraph.split('\n').filter((l) => l.trim() !== '' && !/^\s*(?:Internet|Web|Website):\s*(?:der Website|\S+)\s*$/.test(l));
  const listLines = lines.filter((l) => LIST_LINE.test(l));
  if (listLines.length === 0) return lines.map((l) => sentence(firstSentences(l))).join(' ');
  const intro = lines.filter((l) => !LIST_LINE.test(l)).join(' ');
  return summariseList(intro, listLines);
}

/** "Quelle: Titel (url), Stand: 25.11.2026" → "Quelle: Titel, Stand 25.11.2026." (the date is spoken later). */
function speakSource(paragraph: string): string {
  return sentence(withoutParentheses(paragraph).replace(/Stand:\s*/, 'Stand '));
}

/** The spoken equivalent of buttons: questions are offered as examples, other choices as a choice. */
function speakSuggestions(suggestions: readonly string[]): string {
  const shown = suggestions
    .slice(0, 3)
    .map((s) => s.trim())
    .filter(Boolean);
  if (shown.length === 0) return '';
  if (shown.every((s) => s.endsWith('?'))) {
    return `Sie können zum Beispiel fragen: ${shown.map((s) => `„${s}“`).join(' oder ')}`;
  }
  return `Zur Auswahl stehen zum Beispiel: ${joinOr(shown, 'oder')}.`;
}

/** The whole spoken text of a message (plain text; toSsml wraps and escapes it). */
/** A dot after a digit ("am 05.12.", "der 3. Schritt") ends no sentence: kept apart while sentences are cut. */
const DIGIT_DOT = /(\d)\.(?=[\s\d,;:)]|$)/g;
const KEPT_DOT = '\u2024';

export function spokenText(message: SpeakableMessage): string {
  // Markdown, URLs and abbreviations go first: their dots would otherwise end sentences.
  let text = removeUrls(stripMarkdown(message.text ?? '')).replace(DIGIT_DOT, `$1${KEPT_DOT}`);
  for (const [re, replacement] of ABBREVIATIONS) text = text.replace(re, replacement);
  const body = spokenParagraphs(text, (p) => (/^Quelle:/.test(p) ? speakSource(p) : speakParagraph(p)));
  const extras = spokenCards(message);
  if (message.suggestions?.length) extras.push(speakSuggestions(message.suggestions));
  return forTheEar([...body, ...extras].filter(Boolean).join(' ').replaceAll(KEPT_DOT, '.'));
}

/** The paragraphs of a text, each spoken by `speak`: the first always, later ones while the reply stays short. */
function spokenParagraphs(text: string, speak: (paragraph: string) => string): string[] {
  const body: string[] = [];
  let length = 0;
  for (const p of text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const spoken = speak(p);
    if (body.length > 0 && length + spoken.length > SPOKEN_BUDGET) break;
    body.push(spoken);
    length += spoken.length;
  }
  return body;
}

/** The cards' own spoken text, or their titles, a sentence each. */
function spokenCards(message: SpeakableMessage): string[] {
  return (message.cards ?? []).map((card) => card.speak ?? card.title).flatMap((said) => (said ? [sentence(said)] : []));
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** SSML for Direct Line Speech: the reply's language (`xml:lang`, German by default), its neural voice, the text XML-escaped. */
export function toSsml(spoken: string, voice: string = DEFAULT_VOICE, locale = 'de-DE'): string {
  return (
    `<speak version="1.0" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="${escapeXml(locale)}">` +
    `<voice name="${escapeXml(voice)}">${escapeXml(spoken)}</voice></speak>`
  );
}

/** Who reads a reply: the neural voice and the locale of its language. */
export interface Voice {
  name: string;
  /** `xml:lang`, e.g. de-DE, en-GB. */
  locale: string;
}

/** "€46.00" → "46 euros", "€27.60" → "27 euros 60": amounts as an English ear expects them. */
function speakEuroEnglish(text: string): string {
  return text.replace(/€\s?(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{2}))?/g, (_m, whole: string, cents?: string) => {
    const euros = `${whole} ${whole === '1' ? 'euro' : 'euros'}`;
    return cents && cents !== '00' ? `${euros} ${Number(cents)}` : euros;
  });
}

/**
 * The spoken text of a message in a language other than German: the German rules (number words, "Uhr", German
 * abbreviations) do not apply; what holds in every language does: no Markdown, no URLs, no brackets, the first
 * paragraphs only, a list read as its first items.
 */
function spokenOtherLanguage(message: SpeakableMessage, language: string): string {
  const text = stripMarkdown(message.text ?? '')
    .replace(/\s*\((?:https?:\/\/|www\.)[^)]*\)/g, '')
    .replace(/(?:https?:\/\/|www\.)\S+/g, '');
  const body = spokenParagraphs(text, (p) => {
    const lines = p.split('\n').map((l) => l.trim());
    const items = lines.filter((l) => LIST_LINE.test(l)).map((l) => withoutParentheses(l.replace(LIST_LINE, '')).replace(/[.;:]\s*$/, ''));
    const prose = lines.filter((l) => !LIST_LINE.test(l)).map((l) => withoutParentheses(l));
    return [...prose.map(sentence), items.length ? sentence(items.slice(0, LIST_ITEMS_READ).join(', ')) : ''].filter(Boolean).join(' ');
  });
  body.push(...spokenCards(message));
  const spoken = body.join(' ').replace(/\s+/g, ' ').trim();
  return language === 'en' ? speakEuroEnglish(spoken) : spoken;
}

/** A reply's own spoken text (`Reply.speak`) for the ear of its language. */
export function forTheEarIn(language: string, text: string): string {
  if (language === 'de') return forTheEar(text);
  const plain = stripMarkdown(text)
    .replace(/(?:https?:\/\/|www\.)\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return language === 'en' ? speakEuroEnglish(plain) : plain;
}

/** The spoken text of a message in `language` (German: every rule of this module). */
export function spokenTextIn(language: string, message: SpeakableMessage): string {
  return language === 'de' ? spokenText(message) : spokenOtherLanguage(message, language);
}

/** True when a message asks the citizen something: its last sentence is a question. */
export function asksQuestion(text: string | undefined): boolean {
  return /\?[“”"»)]*\s*$/.test(stripMarkdown(text ?? '').trim());
}
