/**
 * The reply texts of one Kommune: the shipped texts with the Kommune's overrides, compiled. Built once per
 * load of the knowledge (and anew on a hot reload); the answer functions reach it through the tenant
 * (`tenant.texts`, `service.tenant.texts`).
 */
import type { TextArgs, TextId } from './catalog';
import { renderTemplate, type Template, type TemplateValues } from './template';

/** The locale each language's amounts and lists are written in. */
const LOCALES: Record<string, string> = { de: 'de-DE', en: 'en-GB', tr: 'tr-TR', uk: 'uk-UA', ar: 'ar', ru: 'ru-RU' };
/** Nothing to pay, in words. */
const FREE: Record<string, string> = {
  de: 'kostenlos',
  en: 'free of charge',
  tr: 'ücretsiz',
  uk: 'безкоштовно',
  ar: 'مجانًا',
  ru: 'бесплатно',
};

export class Texts {
  /** `templates`: every id of the catalogue (the loader guarantees it). */
  constructor(
    private readonly templates: ReadonlyMap<string, Template>,
    /** The language the texts are in (ISO 639-1): amounts, lists and counts are written in it too. */
    readonly language: string = 'de',
  ) {}

  /** "46,00 €" in German, "€46.00" in English; nothing to pay is said in words. */
  euro(amount: number): string {
    if (amount === 0) return FREE[this.language] ?? FREE.de;
    return new Intl.NumberFormat(LOCALES[this.language] ?? 'de-DE', { style: 'currency', currency: 'EUR' }).format(amount);
  }

  /** A day of the year as the language writes it short: "27.12." in German, "27 December" in English. */
  dayMonth(date: { y: number; m: number; d: number }): string {
    if (this.language === 'de') return `${date.d}.${date.m}.`;
    return new Intl.DateTimeFormat(LOCALES[this.language] ?? 'de-DE', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      Date.UTC(date.y, date.m - 1, date.d),
    );
  }

  /** A date (ISO 8601, "2026-11-25") as the language writes it: "25.11.2026" in German, "25 November 2026" in English. */
  date(iso: string): string {
    const [y, m, d] = iso.split('-').map(Number);
    if (this.language === 'de') return `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`;
    return new Intl.DateTimeFormat(LOCALES[this.language] ?? 'de-DE', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(Date.UTC(y, m - 1, d));
  }

  /**
   * A time of day (minutes after midnight) without a word for the hour: "7", "7:30" in German (the text adds
   * "Uhr"), "7 am", "7:30 pm" in English, "07:30" in the other languages.
   */
  timeOfDay(minutes: number): string {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    const mm = String(m).padStart(2, '0');
    if (this.language === 'de') return m === 0 ? `${h}` : `${h}:${mm}`;
    if (this.language === 'en') return `${h % 12 || 12}${m === 0 ? '' : `:${mm}`} ${h < 12 ? 'am' : 'pm'}`;
    return `${String(h).padStart(2, '0')}:${mm}`;
  }

  /** "A, B und C" / "A, B or C", as the language joins a list. */
  list(items: readonly string[], kind: 'und' | 'oder' = 'und'): string {
    if (items.length <= 1) return items.join('');
    const type = kind === 'und' ? 'conjunction' : 'disjunction';
    return new Intl.ListFormat(LOCALES[this.language] ?? 'de-DE', { style: 'long', type }).format(items);
  }

  /** The text `id` with its placeholders filled: `render('gespraech.welcheLeistung', { frage })`. */
  render<Id extends TextId>(id: Id, ...args: TextArgs<Id>): string {
    const template = this.templates.get(id);
    if (!template) throw new Error(`text "${id}" is not loaded`);
    return renderTemplate(template, args[0] as TemplateValues | undefined);
  }

  /** The text as written, placeholders and all (for tests and tools). */
  source(id: TextId): string | undefined {
    return this.templates.get(id)?.source;
  }
}
