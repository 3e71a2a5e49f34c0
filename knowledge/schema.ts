/**
 * The shape of the knowledge files (see knowledge/README.md). Field names follow the FIM modules of a
 * Leistungsbeschreibung so that content can later be imported from the PVOG.
 */
import { z } from 'zod';
import type { Texts } from './texts/texts';

export const INTENT_IDS = [
  'documents',
  'fees',
  'howto',
  'contact',
  'hours',
  'agent',
  'callback',
  'greeting',
  'goodbye',
  'help',
  'delete-data',
  'none',
] as const;
export type IntentId = (typeof INTENT_IDS)[number];

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase a-z, 0-9 and single dashes');
const text = z.string().trim().min(1, 'must not be empty');
const isoDate = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'must be a real date YYYY-MM-DD');
const httpsUrl = z.string().regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, 'must be an http(s) URL');

export const sourceSchema = z.strictObject({
  titel: text,
  url: httpsUrl,
  geprueft: isoDate,
});

const channel = z.enum(['vorOrt', 'schriftlich', 'online']);

/**
 * What the citizen may ask about a service beyond its documents and fees (the `facet` of `classify`). Each
 * maps to the XZuFi module its fact belongs to (knowledge/README.md has the table).
 */
export const FACET_IDS = [
  'dauer',
  'online',
  'termin',
  'gueltigkeit',
  'frist',
  'alter',
  'verlust',
  'kind',
  'vollmacht',
  'bezahlung',
  'express',
  'ort',
] as const;
export type FacetId = (typeof FACET_IDS)[number];

/**
 * Cases that decide which fee or document applies, as the understanding reads them from a question
 * ("für mein Baby" → kind, "zum ersten Mal" → erstantrag, "Gebrauchtwagen" → gebraucht).
 */
export const CASE_IDS = [
  'erstantrag',
  'verlust',
  'kind',
  'erwachsen',
  'neufahrzeug',
  'gebrauchtfahrzeug',
  'express',
  'vollmacht',
  'namensaenderung',
] as const;
export type CaseId = (typeof CASE_IDS)[number];

/** Conditions under which a fee or document applies: an age range in years and/or cases. */
const conditionFields = {
  alterAb: z.number().int().min(0).max(130).optional(),
  alterUnter: z.number().int().min(1).max(130).optional(),
  faelle: z.array(z.enum(CASE_IDS)).min(1).optional(),
};

export const documentSchema = z.strictObject({
  text,
  bedingung: text.optional(),
  wege: z.array(channel).min(1).optional(),
  ...conditionFields,
});

export const feeSchema = z
  .strictObject({
    text,
    betrag: z.number().nonnegative('must not be negative').optional(),
    betragText: text.optional(),
    bedingung: text.optional(),
    ...conditionFields,
  })
  .refine((f) => f.betrag !== undefined || f.betragText !== undefined, {
    message: 'needs betrag or betragText',
  });

const onlineServiceSchema = z.strictObject({ name: text, url: httpsUrl });

/**
 * A short answer to one facet: the fact first, in one or two sentences for the chat and one breath for the
 * voice. Without `quelle` the service's sources stand behind it.
 */
export const shortAnswerSchema = z.strictObject({
  text,
  gesprochen: text,
  quelle: sourceSchema.optional(),
});

/**
 * A situation the fields cannot hold ("Pass verloren", "Namensänderung nach Heirat"): selected when the
 * question contains one of its `stichworte` (folded, as whole words or word beginnings).
 */
export const situationSchema = z.strictObject({
  id,
  frage: text,
  stichworte: z.array(text).min(1, 'needs at least one keyword'),
  facette: z.enum(FACET_IDS).optional(),
  text,
  gesprochen: text,
  quelle: sourceSchema,
});

export const serviceOverrideSchema = z.strictObject({
  kosten: z.array(feeSchema).min(1).optional(),
  unterlagen: z.array(documentSchema).min(1).optional(),
  verfahrensablauf: z.array(text).min(1).optional(),
  hinweise: z.array(text).optional(),
  onlineDienst: onlineServiceSchema.optional(),
  quellen: z.array(sourceSchema).optional(),
  kurzantworten: z.partialRecord(z.enum(FACET_IDS), shortAnswerSchema).optional(),
  situationen: z.array(situationSchema).optional(),
});

/**
 * A service's text in another language (`sprachen.<code>` in its file): the German file stays the source of the
 * facts (amounts, ages, cases, links, offices); a translation gives only the words, list by list in the German
 * order. `geprueft`: when the translation was last checked against the German text; a German text approved later
 * (`fachlicheFreigabe.am`) makes it stale (check-knowledge reports it). Names and synonyms are the citizen's words
 * in that language, for the understanding; a translation with names only lets a question be understood and
 * answered honestly ("this I can explain in German or English").
 */
const translatedDocumentSchema = z.strictObject({ text, bedingung: text.optional() });
const translatedFeeSchema = z.strictObject({ text, betragText: text.optional(), bedingung: text.optional() });
const translatedShortAnswerSchema = z.strictObject({ text, gesprochen: text });
const translatedSituationSchema = z.strictObject({ frage: text, stichworte: z.array(text).min(1), text, gesprochen: text });
const translatedFacts = {
  unterlagen: z.array(translatedDocumentSchema).optional(),
  kosten: z.array(translatedFeeSchema).optional(),
  verfahrensablauf: z.array(text).optional(),
  hinweise: z.array(text).optional(),
  onlineDienst: z.strictObject({ name: text }).optional(),
  kurzantworten: z.partialRecord(z.enum(FACET_IDS), translatedShortAnswerSchema).optional(),
  situationen: z.array(translatedSituationSchema).optional(),
};
export const serviceTranslationSchema = z.strictObject({
  geprueft: isoDate,
  name: text,
  kurzname: text.optional(),
  synonyme: z.array(text).min(1, 'needs at least one name'),
  kurz: text.optional(),
  gesprochen: text.optional(),
  voraussetzungen: z.array(text).optional(),
  fristen: z.array(text).optional(),
  bearbeitungsdauer: text.optional(),
  ...translatedFacts,
  kommunen: z.record(id, z.strictObject(translatedFacts)).optional(),
});

/** A language code of the languages the assistant can tell apart (intents/languageId.ts). */
export const LANGUAGE_CODES = ['de', 'en', 'tr', 'uk', 'ar', 'ru'] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];
const languageCode = z.enum(LANGUAGE_CODES, { error: `must be one of ${LANGUAGE_CODES.join(', ')}` });

/** knowledge/sprachen.yaml: the languages the assistant answers in, and how each is shown and spoken. */
export const languagesFileSchema = z.strictObject({
  sprachen: z
    .array(
      z.strictObject({
        code: languageCode,
        /** The language's own name ("English", "Türkçe"), for buttons and the chat page. */
        name: text,
        /** `voll`: everything; `kern`: the services translated into it, small talk, hours and a person. */
        umfang: z.enum(['voll', 'kern']),
        /** The SSML language (`xml:lang`) and the neural voice that reads it. */
        ssml: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, 'must be a locale such as en-GB'),
        stimme: z.string().regex(/^[a-z]{2}-[A-Z]{2}-\w+$/, 'must be a voice name such as en-GB-SoniaNeural'),
        richtung: z.enum(['ltr', 'rtl']).optional(),
        /** Ways to ask for this language in the others ("Almanca lütfen", "по-немецки"); its own are in facetten.yaml. */
        wahl: z.array(text).optional(),
      }),
    )
    .min(1),
});

/** knowledge/intents/<code>/facetten.yaml: the words of a language that say what exactly is asked. */
export const languageWordsSchema = z.strictObject({
  facetten: z.partialRecord(z.enum(FACET_IDS), z.array(text).min(1)),
  faelle: z.partialRecord(z.enum(CASE_IDS), z.array(text).min(1)),
  /** Ways to ask for this language ("in English please", "auf Englisch"): switch the conversation to it. */
  sprachwahl: z.array(text).min(1),
  /**
   * Words that say a need ("need", "require"): right before a service's name they are part of naming it ("I need
   * a certificate of good conduct" asks how to get one, not which documents), unless a word of `zweck` comes
   * between ("what do I need for the passport"). Optional: without them the rule is not applied.
   */
  brauchen: z.array(text).min(1).optional(),
  zweck: z.array(text).min(1).optional(),
});

/** The service's key in the federal catalogue (LeiKa): 14 digits, quoted in YAML so that it stays a string. */
const leikaKey = z.string().regex(/^\d{14}$/, 'must be 14 digits, quoted');

export const serviceSchema = z.strictObject({
  id,
  name: text,
  /** The service as a short noun for headings ("Reisepass" for "Reisepass beantragen"). */
  kurzname: text.optional(),
  leikaSchluessel: leikaKey.optional(),
  synonyme: z.array(text).min(3, 'needs at least 3 names'),
  kurz: text,
  gesprochen: text.optional(),
  voraussetzungen: z.array(text).optional(),
  unterlagen: z.array(documentSchema).min(1, 'needs at least one document'),
  kosten: z.array(feeSchema).min(1, 'needs at least one fee (betrag: 0 when free)'),
  fristen: z.array(text).optional(),
  bearbeitungsdauer: text.optional(),
  verfahrensablauf: z.array(text).min(1, 'needs at least one step'),
  terminErforderlich: z.boolean().optional(),
  onlineDienst: onlineServiceSchema.optional(),
  hinweise: z.array(text).optional(),
  rechtsgrundlagen: z.array(text).optional(),
  zustaendigkeit: z.record(id, id),
  fachlicheFreigabe: z.strictObject({ von: text, am: isoDate }),
  quellen: z.array(sourceSchema).min(1, 'needs at least one source'),
  /** Short answers per facet (a Kommune's `kommunen.<id>.kurzantworten` replace single facets). */
  kurzantworten: z.partialRecord(z.enum(FACET_IDS), shortAnswerSchema).optional(),
  situationen: z.array(situationSchema).optional(),
  kommunen: z.record(id, serviceOverrideSchema).optional(),
  /** The service in other languages, by language code (serviceTranslationSchema). */
  sprachen: z.partialRecord(languageCode, serviceTranslationSchema).optional(),
});

const TIME_RANGE = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/;
const timeRange = z
  .string()
  .refine((r) => TIME_RANGE.test(r), 'must be a range HH:MM-HH:MM')
  .refine((r) => {
    const [a, b] = r.split('-');
    return !TIME_RANGE.test(r) || a < b;
  }, 'must end after it starts');

export const WEEKDAYS = ['mo', 'di', 'mi', 'do', 'fr', 'sa', 'so'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const openingHoursSchema = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(timeRange).optional()])) as Record<
    Weekday,
    z.ZodOptional<z.ZodArray<typeof timeRange>>
  >,
);

/** A day closed every year, "MM-DD" ("12-24" for Heiligabend). */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthDay = z.string().refine((s) => {
  const m = /^(\d{2})-(\d{2})$/.exec(s);
  return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 12 && Number(m[2]) >= 1 && Number(m[2]) <= DAYS_IN_MONTH[Number(m[1]) - 1];
}, 'must be a day of the year MM-DD such as "12-24", quoted');

/** A dated closure (staff meeting, move, …): the whole day, or only `zeit` on that day. */
export const closureSchema = z.strictObject({
  datum: isoDate,
  grund: text,
  zeit: timeRange.optional(),
});

/** Closures on top of the weekly hours and the public holidays (which come from date-holidays). */
const closureFields = {
  schliesstage: z.array(monthDay).optional(),
  schliessungen: z.array(closureSchema).optional(),
};

const contactField = z.enum(['telefon', 'email', 'adresse', 'oeffnungszeiten', 'web']);

export const officeSchema = z.strictObject({
  id,
  name: text,
  kurzname: text.optional(),
  adresse: z.strictObject({ strasse: text, plz: z.string().regex(/^\d{5}$/, 'must be 5 digits, quoted'), ort: text }).optional(),
  telefon: text.optional(),
  email: z.email('must be an e-mail address').optional(),
  web: httpsUrl.optional(),
  oeffnungszeiten: openingHoursSchema.optional(),
  terminErforderlich: z.boolean().optional(),
  hinweis: text.optional(),
  gruppe: z.boolean().optional(),
  orte: z.array(text).optional(),
  platzhalter: z.array(contactField).optional(),
  quellen: z.array(sourceSchema).optional(),
  ...closureFields,
  /** The office's note in other languages (by language code); without one, the German note is shown as German. */
  sprachen: z.partialRecord(languageCode, z.strictObject({ hinweis: text })).optional(),
});

export const tenantSchema = z.strictObject({
  id,
  name: text,
  art: z.enum(['kreisfreie Stadt', 'Landkreis', 'Gemeinde', 'Samtgemeinde', 'Stadt']),
  bundesland: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter state code such as NI'),
  website: httpsUrl,
  servicecenter: z.strictObject({
    name: text,
    telefon: text.optional(),
    email: z.email('must be an e-mail address').optional(),
    oeffnungszeiten: openingHoursSchema,
    ...closureFields,
  }),
  /** Closures of the whole Kommune: they apply to the service center and to every office. */
  ...closureFields,
  farben: z.strictObject({ primaer: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour #rrggbb') }).optional(),
  stimme: z
    .string()
    .regex(/^[a-z]{2}-[A-Z]{2}-\w+$/, 'must be a voice name such as de-DE-KatjaNeural')
    .optional(),
  aemter: z.array(officeSchema).min(1, 'needs at least one office'),
  quellen: z.array(sourceSchema).min(1, 'needs at least one source'),
  /** The languages the Kommune offers (of knowledge/sprachen.yaml; German always): default all of them. */
  sprachen: z.array(languageCode).optional(),
  /** The Kommune's own wording: text id ("gespraech.begruessung") → text (knowledge/README.md, "Texte"). */
  texte: z.record(z.string(), z.string({ error: 'must be a text (in quotes)' }).min(1, 'must not be empty')).optional(),
});

/**
 * A reply text file, knowledge/texte/<sprache>/<bereich>.yaml: key → text. Which keys an area has, and
 * their placeholders, is declared in knowledge/texts/catalog.ts.
 */
export const textFileSchema = z.record(z.string(), z.string({ error: 'must be a text (in quotes)' }).min(1, 'must not be empty'));

export const intentFileSchema = z.strictObject({
  intent: z.enum(INTENT_IDS),
  phrases: z.array(text).min(1, 'needs at least one phrase'),
});

/** A Gemeinde with its Ortsteile (villages, districts) and postcodes. */
const placeGemeindeSchema = z.strictObject({
  name: text,
  plz: z.array(z.string().regex(/^\d{5}$/, 'must be 5 digits, quoted')).optional(),
  ortsteile: z.array(text).optional(),
});

/**
 * The Stadt, Gemeinde or Samtgemeinde that serves a group of places ("Verwaltung"), and which office stands
 * for one of the tenant's offices for its residents (`aemter`: gif-gemeinden → the Bürgerbüro of this
 * Samtgemeinde; gif-wohngeldstelle → the Stadt Gifhorn's own Wohngeldstelle).
 */
const placeVerwaltungSchema = z.strictObject({
  id,
  name: text,
  art: z.enum(['Stadt', 'Gemeinde', 'Samtgemeinde']),
  sitz: text.optional(),
  aemter: z.record(id, id).optional(),
  gemeinden: z.array(placeGemeindeSchema).min(1, 'needs at least one Gemeinde'),
  quellen: z.array(sourceSchema).optional(),
});

/** knowledge/places/<tenant>.yaml: the gazetteer of one Kommune. */
export const placesFileSchema = z.strictObject({
  kommune: id,
  quellen: z.array(sourceSchema).min(1, 'needs at least one source'),
  verwaltungen: z.array(placeVerwaltungSchema).min(1, 'needs at least one Verwaltung'),
});

/**
 * A service the assistant recognises but does not answer yet (a "known unknown"): named so that a question
 * about it is never answered as a similar-sounding service, told honestly, and counted for the editors.
 */
const otherServiceSchema = z.strictObject({
  id,
  /** As the bot names it in a sentence ("Zum Thema Schwerbehindertenausweis …"). */
  name: text,
  leikaSchluessel: leikaKey.optional(),
  synonyme: z.array(text).min(1, 'needs at least one name'),
  /** Who is usually responsible, as the citizen should hear it (no invented phone numbers or addresses). */
  zustaendig: text,
  /** Where a Kommune differs: tenant id → who is responsible there. */
  kommunen: z.record(id, text).optional(),
  quelle: httpsUrl,
  /** The source is a general page (115), not one that states the responsibility: not checked yet. */
  quelleAllgemein: z.boolean().optional(),
  /** Answered services it is easily confused with (ids). */
  verwechselbarMit: z.array(id).optional(),
  /** Its names in other languages, by language code: recognised there too, and never answered as another service. */
  sprachen: z.partialRecord(languageCode, z.array(text).min(1)).optional(),
});

/** knowledge/weitere-leistungen.yaml: the catalogue of known unknowns. */
export const otherServicesFileSchema = z.strictObject({
  geprueft: isoDate,
  leistungen: z.array(otherServiceSchema).min(1, 'needs at least one service'),
});

export type Source = z.infer<typeof sourceSchema>;
export type DocumentEntry = z.infer<typeof documentSchema>;
export type FeeEntry = z.infer<typeof feeSchema>;
export type ServiceFile = z.infer<typeof serviceSchema>;
export type ServiceOverride = z.infer<typeof serviceOverrideSchema>;
export type OpeningHours = z.infer<typeof openingHoursSchema>;
export type Closure = z.infer<typeof closureSchema>;
export type Office = z.infer<typeof officeSchema>;
/** A Kommune as loaded: its file, and its reply texts (the shipped ones with its `texte` applied). */
export type TenantFile = z.infer<typeof tenantSchema> & { readonly texts: Texts };
export type IntentFile = z.infer<typeof intentFileSchema>;
export type ServiceTranslation = z.infer<typeof serviceTranslationSchema>;
export type LanguagesFile = z.infer<typeof languagesFileSchema>;
export type LanguageSettings = LanguagesFile['sprachen'][number];
export type LanguageWords = z.infer<typeof languageWordsSchema>;
export type ShortAnswer = z.infer<typeof shortAnswerSchema>;
export type Situation = z.infer<typeof situationSchema>;
export type PlacesFile = z.infer<typeof placesFileSchema>;
export type OtherServicesFile = z.infer<typeof otherServicesFileSchema>;
export type OtherService = OtherServicesFile['leistungen'][number];
export type PlaceVerwaltung = z.infer<typeof placeVerwaltungSchema>;
