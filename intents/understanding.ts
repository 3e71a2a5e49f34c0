/**
 * Language understanding: which intent, which service, how sure. Built from the knowledge at start-up;
 * pure (no Bot Framework types), so that the dialogs, the CLI and the tests use the same thing.
 */
import type { KnowledgeBase } from '../knowledge/loader';
import type { FacetId, IntentId } from '../knowledge/schema';
import {
  asksDocuments,
  asksFees,
  asksHours,
  asksProcedure,
  conditionsOf,
  facetsOf,
  wantsFullDetail,
  withoutAges,
  type Conditions,
} from './facets';
import { PlaceMatcher, type Place } from './places';
import { CompoundSplitter } from './compounds';
import { IntentClassifier, SERVICE_PLACEHOLDER, type IntentScore, type TrainingExample } from './intentClassifier';
import { CLAUSE_END, FILLER_WORDS, MAX_UNDERSTOOD_CHARS, foldGerman, tokenize } from './normalize';
import { ServiceMatcher, type AnalysedToken, type ServiceMatch } from './serviceMatcher';
import { SERVICE_SLOT, serviceNames, templates } from './trainingData';

export interface Understanding {
  intent: IntentId;
  /** The service named, or null (none named, or several fit: see serviceCandidates). */
  service: string | null;
  serviceCandidates: string[];
  /** 0..1: how likely intent and service are both right. */
  confidence: number;
  /** The utterance names a service and says nothing else ("und für den Reisepass?"). */
  serviceOnly: boolean;
  /** intent `none` because the best guess was too uncertain (rather than clearly out of scope). */
  unsure: boolean;
  alternatives: IntentScore[];
  /** What exactly is asked about the service ("wie lange dauert das" → dauer), or null. */
  facet: FacetId | null;
  /** Every facet with a cue in the text, most important first. */
  facets: FacetId[];
  /** Age and cases the question states ("für meine 15-jährige Tochter"). */
  conditions: Conditions;
  /** The place named ("Ich wohne in Wasbüttel"), resolved to its Verwaltung. */
  place: Place | null;
  /** "Alle Unterlagen", "ausführlich": the whole section rather than the short answer. */
  fullDetail: boolean;
  /**
   * The text asks for fees, documents, opening hours or the procedure in so many words ("Was kostet …",
   * "Unterlagen", "Öffnungszeiten", "wie beantrage ich das").
   */
  explicit: { fees: boolean; documents: boolean; hours: boolean; procedure: boolean };
  /** The message only says where the citizen lives ("Ich wohne in Wasbüttel"). */
  residenceOnly: boolean;
  /**
   * A known service the assistant does not answer yet ("Schwerbehindertenausweis"), by id: the question is
   * then out of scope (intent `none`, or the person or callback asked for) and never answered as another.
   */
  otherService: string | null;
}

/** What the conversation talked about so far, for reading short and ambiguous follow-ups. */
export interface UnderstandingContext {
  service?: string;
  /** The chat's Kommune: where a place name is used twice, its place is meant. */
  tenant?: string;
}

/** Question words: a sentence with one asks something itself and is no bare "und für den Reisepass?". */
const QUESTION_WORDS = new Set([
  'wie',
  'wo',
  'wann',
  'welche',
  'welcher',
  'welches',
  'welchen',
  'wer',
  'wieviel',
  'wohin',
  'warum',
  'weshalb',
]);
const SMALL_TALK = new Set<IntentId>(['greeting', 'goodbye', 'help']);

/** Words without which nobody asks to be called back or for a person (folded text). */
const CALLBACK_CUES =
  /\b(rueckruf\w*|zurueckruf\w*|zurueck ?ruf\w*|ruf\w* (\w+ ){0,3}(an|zurueck)|anruf\w*|telefon\w*|nummer|handy|melden sie sich|meldet sich|call ?back|callback)\b/;
/** The scores with `next` first, as sure as the reading it replaces: the words it needed were there. */
function promoted(scores: readonly IntentScore[], next: IntentScore): IntentScore[] {
  return [{ ...next, probability: Math.max(next.probability, scores[0].probability) }, ...scores.filter((x) => x !== next)];
}

/**
 * What a question is read as when its first reading lacks the words it needs: another question about a service,
 * or out of scope when no service is named; never a request for a person or a call, which need words of their own.
 */
function insteadOf(intent: IntentId, match: ServiceMatch): boolean {
  if (intent === 'none') return match.kind !== 'name';
  return intent === 'documents' || intent === 'fees' || intent === 'howto' || intent === 'hours' || intent === 'contact';
}

/** Words without which nobody asks who is responsible or where to go (folded text). */
const CONTACT_CUES =
  /\b(wo|woanders|woher|wohin|wer|wen|wem|zustaendig\w*|adresse\w*|anschrift|telefon\w*|nummer|e ?mail\w*|mail|erreich\w*|kontakt\w*|ansprechp\w*|\w*(stelle|amt|behoerde|buero)|rathaus|hin|hingehen|sitzt|sitz|anrufen|schreiben|wend\w*|melde ich mich)\b/;
/** Words without which nobody asks for opening hours (folded text). */
const HOURS_WORDS =
  /\b(auf|zu)( (ich|wir|weil|denn|und|oder)\b|$)|\b(heiligabend|neujahr|offen|geoeffnet|oeffne\w*|oeffnungszeit\w*|schliess\w*|erreichbar\w*|besetzt|sprechzeit\w*|sprechstunde\w*|uhr\w*|zeiten|heute|morgen|uebermorgen|jetzt|gerade|montag\w*|dienstag\w*|mittwoch\w*|donnerstag\w*|freitag\w*|samstag\w*|sonntag\w*|wochenende\w*|werktag\w*|feiertag\w*|vormittag\w*|mittag\w*|nachmittag\w*|abend\w*|frueh|spaet|mittagspause|jahren|silvester|weihnacht\w*|ostern|vorbei\w*|kommen|hinkommen|open|geschlossen)\b/;
/** Words without which nobody greets (folded text). */
const GREETING_CUES = /\b(hallo\w*|hi|hey|huhu|moin|servus|gruess\w*|gruezi|guten (tag|morgen|abend)|tach|tag|frage|anliegen)\b/;
/** The citizen asks whom to call ("Wen rufe ich an wegen …?"): a question of contact, not a callback. */
const CITIZEN_CALLS = /\b(wen|wo) (ruf|rufe)\w* ich\b|\b(ruf|rufe) ich (\w+ ){0,3}an\b/;
/** Asking to be called back in so many words ("rufen Sie mich … zurück", "Rückruf"), folded text. */
const CALLBACK_REQUEST =
  /\b(rueckruf\w*|(mich|uns) (\w+ ){0,5}zurueck ?rufen|ruf\w* (sie |mich |uns |bitte |mal )+(\w+ ){0,5}zurueck|zurueckgerufen)\b/;
const AGENT_CUES =
  /\b(mensch\w*|mitarbeiter\w*|person\w*|sachbearbeiter\w*|agent\w*|jemand\w*|berater\w*|kolleg\w*|verbind\w*|durchstell\w*|echte\w*|human|sprechen|reden|chatten|kein\w* (bot|roboter|maschine)|live|support|service ?center|servicecenter|hotline|weiterleiten)\b/;

/** A salutation before the question ("Hallo, wo melde ich mich um?"): the question is what is meant. */
const SALUTATION =
  /^(hallo|hi|hey|moin( moin)?|servus|gruess gott|gruss gott|guten (tag|morgen|abend)|sehr geehrte damen und herren|liebe[s]? (team|service ?center))( zusammen)?( ich habe eine frage| eine frage)? /;

/**
 * The message's words, clause by clause (a separable verb's particle ends its clause: "Wie trete ich aus der
 * Kirche aus? Muss ich zum Amtsgericht?"), without ages ("15 Jahre alt") and without a salutation before the
 * question ("Hallo, wo melde ich mich um?"), unless that is all the message says.
 */
function clauseWords(text: string): string[] {
  const clauses = text
    .slice(0, MAX_UNDERSTOOD_CHARS)
    .split(CLAUSE_END)
    .map((c) => withoutAges(foldGerman(c)))
    .filter((c) => c !== '');
  const words = (cs: readonly string[]): string[] => cs.flatMap((c) => tokenize(c));
  const unsaluted = clauses.map((c, i) => (i === 0 ? `${c} `.replace(SALUTATION, '').trim() : c)).filter((c) => c !== '');
  const rest = words(unsaluted);
  return rest.length >= 4 ? rest : words(clauses);
}

/**
 * A long message tells its story first and asks last ("Sehr geehrte Damen und Herren, mein Sohn ist … Kann
 * ich ihn mit einer Vollmacht anmelden? Mit freundlichen Grüßen"): its last question, or undefined for a
 * short message or one of a single sentence.
 */
function questionOf(text: string): string | undefined {
  const sentences = text
    .slice(0, MAX_UNDERSTOOD_CHARS)
    .split(/(?<=[.!?])\s+/)
    .map((x) => x.trim())
    .filter((x) => x !== '' && !CLOSING.test(foldGerman(x)));
  if (sentences.length < 2 || foldGerman(text).split(' ').length < MIN_STORY_WORDS) return undefined;
  return [...sentences].reverse().find((x) => x.includes('?')) ?? sentences[sentences.length - 1];
}

/** A last question with fewer words of its own than this is read together with its story. */
const MIN_QUESTION_WORDS = 2;

/** A message this long with several sentences tells a story before its question. */
const MIN_STORY_WORDS = 15;

/** The closing formula of a letter: no question of its own. */
const CLOSING =
  /^(mit )?(freundlichen|besten|herzlichen|vielen|lieben)? ?(gruessen|gruss|dank|danke)\b|^(vielen )?dank (im voraus|fuer ihre (hilfe|auskunft|antwort|muehe))|^(herzliche|freundliche|beste|liebe|viele) gruesse\b/;

/** Words of a sentence that only says where the citizen lives ("Ich wohne in Wasbüttel"). */
const RESIDENCE_WORDS = new Set([
  'wohne',
  'wohnen',
  'wohnt',
  'lebe',
  'leben',
  'komme',
  'kommen',
  'aus',
  'ort',
  'wohnort',
  'gemeinde',
  'samtgemeinde',
  'ortsteil',
  'dorf',
  'gezogen',
  'hingezogen',
  'umgezogen',
  'zugezogen',
  'herzogen',
  'neu',
  'seit',
  'kurzem',
]);

/**
 * A request to delete this conversation's data: a deleting verb and what is to go (folded: ö → oe). A rule,
 * not the classifier: deleting is irreversible (and confirmed once more), so it is never a guess, and its
 * everyday words ("Daten", "Nummer") must not pull out-of-scope questions into the domain.
 */
const DELETE_VERB = /\b(loesch\w*|entfern\w*|vergiss|vergessen|widerruf\w*)\b/;
const DELETE_OBJECT = /\b(daten|chatverlauf|verlauf|chat|gespraech\w*|telefonnummer|nummer|alles|einwilligung|angaben|rueckrufwunsch)\b/;

/** A name word more services use than this ("online") tells nothing about which one is meant. */
const MAX_USERS_OF_A_TELLING_WORD = 4;

/** With a service named, `none` wins only when it is at least this sure. */
const NAMED_SERVICE_NONE_LIMIT = 0.5;

/** Below this, an utterance without a service is treated as not understood. */
const MIN_CONFIDENCE = 0.4;
/** Without a service, at least this share of the content words must be known from in-scope phrases… */
const MIN_COVERAGE = 0.5;
/** …once there are this many content words (short questions are judged by the classifier alone). */
const MIN_CONTENT_FOR_COVERAGE = 2;

export class LanguageUnderstanding {
  private constructor(
    private readonly matcher: ServiceMatcher,
    private readonly classifier: IntentClassifier,
    private readonly places: PlaceMatcher,
    /** The names of the services not answered yet; null when the knowledge has none. */
    private readonly others: ServiceMatcher | null,
    /** Service not answered yet → the answered services whose own texts speak of it (Kfz-Zulassung: Kfz-Steuer). */
    private readonly coveredBy: ReadonlyMap<string, ReadonlySet<string>>,
  ) {}

  static fromKnowledge(knowledge: KnowledgeBase): LanguageUnderstanding {
    const names = serviceNames(knowledge);
    const phrases = templates(knowledge);
    const vocabulary = new Set<string>();
    for (const n of names) for (const t of tokenize(n.text)) vocabulary.add(t);
    for (const p of phrases) for (const t of tokenize(p.template.split(SERVICE_SLOT).join(' '))) vocabulary.add(t);
    const matcher = new ServiceMatcher(names, new CompoundSplitter(vocabulary));

    const examples: TrainingExample[] = phrases.map(({ template, intent }) => {
      const parts = template.split(SERVICE_SLOT);
      const tokens: AnalysedToken[] = [];
      parts.forEach((part, i) => {
        if (i > 0) tokens.push({ word: SERVICE_PLACEHOLDER, stem: SERVICE_PLACEHOLDER });
        const analysed = matcher.analyse(part);
        // Out-of-scope phrases are not about our services even where they share a word ("Strom anmelden
        // nach dem Umzug"): learn their words as they are.
        tokens.push(...(intent === 'none' ? analysed : masked(analysed, matcher.match(analysed))));
      });
      return { tokens, intent };
    });
    const places = new PlaceMatcher(knowledge.places.values(), vocabulary);
    return new LanguageUnderstanding(
      matcher,
      new IntentClassifier(examples),
      places,
      otherServiceMatcher(knowledge, vocabulary),
      coveredByServices(knowledge),
    );
  }

  understand(text: string, context: UnderstandingContext = {}): Understanding {
    const folded = foldGerman(text);
    // A long message's story says who and why; what is asked stands in its last question.
    const question = questionOf(text);
    const asked = question === undefined ? folded : foldGerman(question);
    const facets = facetsOf(asked);
    const details = {
      facet: facets[0] ?? null,
      facets,
      conditions: conditionsOf(folded),
      fullDetail: wantsFullDetail(asked),
      explicit: { fees: asksFees(asked), documents: asksDocuments(asked), hours: asksHours(asked), procedure: asksProcedure(asked) },
    };
    // A question of our domain in so many words: a facet, fees or documents.
    const asksOurs = details.facet !== null || details.explicit.fees || details.explicit.documents;
    if (DELETE_VERB.test(folded) && DELETE_OBJECT.test(folded)) {
      return {
        intent: 'delete-data',
        service: null,
        serviceCandidates: [],
        confidence: 0.95,
        serviceOnly: false,
        unsure: false,
        alternatives: [],
        ...details,
        place: null,
        residenceOnly: false,
        otherService: null,
      };
    }
    // A place is read first and left out of the rest: its name says where, not what ("Ich wohne in
    // Sassenburg, wo beantrage ich einen Personalausweis?" is a question about the Personalausweis).
    const { place, withoutPlace, tokens } = this.analysed(text, context.tenant);
    const match = this.inFamily(this.matcher.match(tokens), tokens, context);
    const rest = masked(tokens, match);
    // "Kann meine Frau die Briefwahlunterlagen abholen?": a word of the service's name asks for nothing.
    if (match.kind === 'name' && details.explicit.documents && question === undefined) {
      details.explicit.documents = asksDocuments(
        rest
          .filter((t) => t.word !== SERVICE_PLACEHOLDER)
          .map((t) => t.word)
          .join(' '),
      );
    }
    const asking = question === undefined ? undefined : this.questionTokens(question, context.tenant, match);
    // A question too short to say what it asks ("Ist das schlimm?") is read with its story.
    const questionRest =
      asking && asking.filter((t) => t.word !== SERVICE_PLACEHOLDER && !FILLER_WORDS.has(t.word)).length >= MIN_QUESTION_WORDS
        ? asking
        : undefined;
    let scores = this.classifier.classify(questionRest ?? rest);
    if (scores[0].intent === 'none' && match.kind === 'shared-word') {
      // A word several services share ("Was kostet es, mein Auto zu melden?") may stand for a service:
      // read it as one, and ask which service is meant, if the question then makes sense.
      const asService = this.classifier.classify(masked(tokens, { ...match, kind: 'name' }));
      if (asService[0].intent !== 'none') scores = asService;
    }
    // Asking for a person or a call starts a dialog that asks for a phone number: only with a word for it
    // ("Rückruf", "Mitarbeiter", "anrufen"), never from a sentence that merely sounds alike ("Kann mein Kumpel
    // das für mich machen? Ich habe keine Zeit.").
    if (
      (scores[0].intent === 'callback' &&
        ((!CALLBACK_CUES.test(folded) && !CALLBACK_REQUEST.test(folded)) || CITIZEN_CALLS.test(folded))) ||
      (scores[0].intent === 'agent' && !AGENT_CUES.test(folded))
    ) {
      scores = scores.filter((x) => x.intent !== 'callback' && x.intent !== 'agent');
    }
    // Who or where is asked in so many words ("Wo …", "Wer ist zuständig", "Telefonnummer"); "Wie melde ich den
    // Hund bei der Steuer ab?" asks how.
    // The reading set aside gives its place, and its certainty, to the next one a question can be read as.
    const setAside = (intent: IntentId, preferred?: IntentScore): IntentScore[] => {
      const next = preferred ?? scores.find((x) => x.intent !== intent && insteadOf(x.intent, match));
      return next ? promoted(scores, next) : scores;
    };
    if (scores[0].intent === 'contact' && !CONTACT_CUES.test(asked)) scores = setAside('contact');
    // Opening hours need a word of opening or of a time of the week ("Bis wann muss ich die Briefwahl
    // beantragen?" asks a deadline).
    if (scores[0].intent === 'hours' && !HOURS_WORDS.test(asked)) {
      scores = setAside('hours', CONTACT_CUES.test(asked) ? scores.find((x) => x.intent === 'contact') : undefined);
    }
    // A greeting greets ("Was läuft heute Abend im Kino?" only shares the evening with "Guten Abend"); it is
    // no reading at all then.
    if (scores[0].intent === 'greeting' && !GREETING_CUES.test(asked)) scores = setAside('greeting').filter((x) => x.intent !== 'greeting');
    // "Bitte rufen Sie mich wegen meines Ausweises zurück": a request to be called back in so many words is one,
    // whatever it is about (the service is its topic).
    if (CALLBACK_REQUEST.test(folded) && scores[0].intent !== 'callback') {
      const callback = scores.find((x) => x.intent === 'callback');
      if (callback) scores = promoted(scores, callback);
    }
    // Small talk does not name a service in a sentence of its own ("… gibt es da eine Grenze beim Elterngeld?").
    if (match.kind === 'name' && SMALL_TALK.has(scores[0].intent) && rest.length >= 5) {
      scores = scores.filter((x) => !SMALL_TALK.has(x.intent));
    }
    const top = scores[0];
    const namesService = match.kind === 'name';
    // "und für den Reisepass?" names only a service; "Wie melde ich mein Auto an?" asks something itself.
    const bare = rest.filter((t) => t.word !== SERVICE_PLACEHOLDER);
    const asksItself = bare.some((t) => QUESTION_WORDS.has(t.word)) && bare[0]?.word !== 'und';
    const serviceOnly = namesService && !asksItself && details.facet === null && bare.every((t) => FILLER_WORDS.has(t.word));

    const outOfScope = (confidence: number, unsure = false, residenceOnly = false, otherService: string | null = null): Understanding => ({
      intent: 'none',
      service: null,
      serviceCandidates: [],
      confidence,
      serviceOnly: false,
      unsure,
      alternatives: scores,
      ...details,
      place,
      residenceOnly,
      otherService,
    });

    // A service not answered yet, named more specifically than any answered one ("Parkausweis für
    // Schwerbehinderte", "Boot anmelden"): recognised as itself, so that no similar-sounding answer is given.
    const other = this.otherServiceNamed(withoutPlace, match, top.intent === 'none');
    // In a conversation about a service whose own texts speak of it ("Auto zugelassen" – "wie bezahle ich die
    // Kfz-Steuer?"), a facet of it is that service's answer.
    const covering = other === null ? undefined : this.coveringService(other, context.service, asksOurs || details.explicit.hours);
    if (other && covering && !namesService && top.intent !== 'agent' && top.intent !== 'callback') {
      // Answered from the service that speaks of it ("Hat das Entsorgungszentrum samstags offen?": Sperrmüll's).
      const asked = scores.find(
        (x) => x.intent === 'hours' || x.intent === 'contact' || x.intent === 'howto' || x.intent === 'fees' || x.intent === 'documents',
      );
      const intent: IntentScore = details.explicit.hours
        ? { intent: 'hours', probability: 0.8 }
        : (asked ?? { intent: 'howto', probability: 0.5 });
      return this.result(
        intent,
        { ...NO_MATCH, serviceId: covering, candidates: [covering], kind: 'name', quality: 1 },
        false,
        scores,
        details,
        place,
      );
    }
    if (other && !covering) {
      if (top.intent === 'agent' || top.intent === 'callback')
        return { ...this.result(top, NO_MATCH, false, scores, details, place), otherService: other };
      return outOfScope(0.9, false, false, other);
    }

    // Only where the citizen lives ("Ich wohne in Wasbüttel"): no question yet, but a place to remember.
    if (place && !namesService && bare.every((t) => FILLER_WORDS.has(t.word) || RESIDENCE_WORDS.has(t.word)))
      return outOfScope(0.9, false, true);

    // Nothing in the sentence was ever seen in a question we answer: say so rather than guess.
    const coverage = this.classifier.domainCoverage(questionRest ?? rest);
    // A message of function words only is the classifier's to judge ("Was können Sie?"), unless it is a word or two ("und jetzt?").
    const unknownWords =
      !namesService &&
      ((coverage.known === 0 && (coverage.content > 0 || bare.length < 3)) ||
        // Mostly words no in-scope question uses ("Wo kann ich mich gegen Grippe impfen lassen?").
        (coverage.content >= MIN_CONTENT_FOR_COVERAGE && coverage.known / coverage.content < MIN_COVERAGE));
    // "Guten Tag, ich hätte da ein Anliegen an die Stadtverwaltung.": a greeting that asks nothing yet.
    if (
      (unknownWords || top.intent === 'none' || top.probability < MIN_CONFIDENCE) &&
      !namesService &&
      SALUTATION.test(`${folded} `) &&
      !text.includes('?') &&
      !asksOurs
    ) {
      return this.result({ intent: 'greeting', probability: 0.8 }, NO_MATCH, false, scores, details, place);
    }
    if (unknownWords) return outOfScope(coverage.known === 0 ? 0.95 : 0.8);
    // A service was named, yet the sentence looks out of scope ("Ich fliege in die USA und mein Reisepass ist
    // abgelaufen …"): unless that is clear, answer about the service with the best in-scope intent.
    // A named service with a question of our domain is never out of scope ("Mir wurde im Urlaub der Reisepass
    // gestohlen. Was nun?").
    if (top.intent === 'none' && namesService && (top.probability < NAMED_SERVICE_NONE_LIMIT || asksOurs)) {
      const inScope = scores.find((x) => x.intent !== 'none');
      if (inScope) return this.result(inScope, match, serviceOnly, scores, details, place);
    }
    // A follow-up in a conversation about a service ("Was kostet der?", "und wie lange dauert das?"): a
    // question word of our own domain (a fee, the documents, a facet) and nothing unknown means the service.
    const followUp = context.service !== undefined && !namesService && coverage.known * 2 >= coverage.content && asksOurs;
    if (followUp && (top.intent === 'none' || top.probability < MIN_CONFIDENCE)) {
      const asked: IntentId = details.explicit.fees ? 'fees' : details.explicit.documents ? 'documents' : 'howto';
      const inScope = scores.find((x) => x.intent === asked) ?? { intent: asked, probability: 0.5 };
      return this.result(inScope, match, false, scores, details, place);
    }
    if (top.intent === 'none') return outOfScope(top.probability);
    if (!namesService && top.probability < MIN_CONFIDENCE) return outOfScope(1 - top.probability, true);

    return this.result(top, match, serviceOnly, scores, details, place);
  }

  /** The place a text names (a Gemeinde, an Ortsteil): proper names, read alike in every language. */
  placeOf(text: string, tenant: string | undefined): Place | null {
    return this.places.matchTokens(clauseWords(text), tenant)?.place ?? null;
  }

  /** The text's words clause by clause, the place it names found and left out, analysed for the matchers. */
  private analysed(text: string, tenant: string | undefined): { place: Place | null; withoutPlace: string; tokens: AnalysedToken[] } {
    const words = clauseWords(text);
    const placeMatch = this.places.matchTokens(words, tenant);
    const withoutPlace = (placeMatch ? words.filter((_, i) => !placeMatch.span.includes(i)) : words).join(' ');
    return { place: placeMatch?.place ?? null, withoutPlace, tokens: this.matcher.analyse(withoutPlace) };
  }

  /** The last question's words, with the service of the whole message standing in where it names none. */
  private questionTokens(question: string, tenant: string | undefined, match: ServiceMatch): AnalysedToken[] {
    const { tokens } = this.analysed(question, tenant);
    const own = this.matcher.match(tokens);
    if (own.kind === 'name') return masked(tokens, own);
    // The service named in the story, asked about with "das", "ihn", "den Antrag".
    return match.kind === 'name' ? [{ word: SERVICE_PLACEHOLDER, stem: SERVICE_PLACEHOLDER }, ...tokens] : tokens;
  }

  /**
   * The answered service that speaks of a service not answered yet, when a question of our domain is asked
   * about it: the conversation's service if its texts name it ("Auto zugelassen" – "wie bezahle ich die
   * Kfz-Steuer?"), or the only service whose texts do (the Entsorgungszentrum is Sperrmüll's).
   */
  private coveringService(other: string, current: string | undefined, asksOurs: boolean): string | undefined {
    const services = this.coveredBy.get(other);
    if (!asksOurs || !services) return undefined;
    if (current !== undefined && services.has(current)) return current;
    return services.size === 1 ? [...services][0] : undefined;
  }

  /**
   * The service not answered yet that the text names, when it is named more specifically than the answered
   * service found (more name words; the longer name of the same words: "Schwerbehindertenausweis" over
   * "Ausweis"), or when the answered one is named elsewhere in a sentence that is no question about it.
   */
  private otherServiceNamed(text: string, match: ServiceMatch, looksOutOfScope: boolean): string | null {
    if (!this.others) return null;
    const other = this.others.match(this.others.analyse(text));
    if (other.kind !== 'name' || other.serviceId === null) return null;
    if (match.kind !== 'name') return other.serviceId;
    if (other.span.length !== match.span.length) return other.span.length > match.span.length ? other.serviceId : null;
    const overlap = other.words.some((w) => match.words.includes(w));
    // Named apart ("Geburtsurkunde für die Familienkasse"), the answered service is what is asked about, unless
    // the sentence is no question about it, or it was named only by a word several services share ("Wir ziehen
    // um, wie bekomme ich ein Halteverbot?").
    // An answered service named only as what the other is for or where it is done ("braucht für das Visum eine
    // Verpflichtungserklärung", "das Versicherungskennzeichen bei der Zulassungsstelle") is not the topic either.
    const exact = other.quality === 1;
    const wins = overlap
      ? other.chars > match.chars
      : looksOutOfScope || (exact && match.shared > 1 && other.shared === 1) || (exact && match.subordinate && !other.subordinate);
    return wins ? other.serviceId : null;
  }

  /**
   * A short name several services use ("die Abmeldung", "anmelden") is read in the family its sentence or,
   * failing that, the conversation points to: "die Kennzeichenschilder zur Abmeldung" and, after the car's
   * registration, "die Abmeldung" are the car's.
   */
  private inFamily(match: ServiceMatch, tokens: readonly AnalysedToken[], context: UnderstandingContext): ServiceMatch {
    if (match.span.length !== 1 || match.kind !== 'name') return match;
    return this.inSentenceFamily(match, tokens) ?? this.inConversationFamily(match, tokens, context);
  }

  /**
   * The service of the short name's family that the sentence's other name words name too ("Kennzeichen …
   * abmelden": Kfz-Abmeldung uses both, Kfz-Zulassung only one). Words most services use ("online") say nothing.
   */
  private inSentenceFamily(match: ServiceMatch, tokens: readonly AnalysedToken[]): ServiceMatch | undefined {
    const named = match.serviceId;
    if (!named) return undefined;
    const nameStem = tokens[match.span[0]].stem;
    const stems = [...new Set(tokens.map((t) => t.stem))].filter((st) => {
      const users = this.matcher.servicesUsing(st).length;
      return st === nameStem || (users > 0 && users <= MAX_USERS_OF_A_TELLING_WORD);
    });
    // Services that use the short name in one odd name ("Geburt anmelden") are no reading of it.
    const candidates = new Set(this.matcher.servicesUsing(nameStem).filter((id) => this.matcher.namesUsing(nameStem, id) >= 2));
    for (const id of this.matcher.familyOf(named)) candidates.add(id);
    // A word counts for a service when it is the name found or a word of several names of its family
    // ("Kennzeichen"), not a word of one odd name ("Sperrmüll selber anliefern").
    const core = (st: string, id: string): boolean =>
      st === nameStem || this.matcher.familyOf(id).reduce((n, other) => n + this.matcher.namesUsing(st, other), 0) >= 2;
    const uses = (id: string): number => stems.filter((st) => this.matcher.servicesUsing(st).includes(id) && core(st, id)).length;
    const ranked = [...candidates].map((id) => ({ id, n: uses(id) })).sort((a, b) => b.n - a.n);
    const [best, second] = ranked;
    if (!best || best.id === named || best.n <= uses(named) || (second && second.n === best.n)) return undefined;
    return { ...match, serviceId: best.id, candidates: [best.id] };
  }

  private inConversationFamily(match: ServiceMatch, tokens: readonly AnalysedToken[], context: UnderstandingContext): ServiceMatch {
    const current = context.service;
    // Only a name the citizen used as one ("die Abmeldung"); a bare verb ("Wo melde ich mich an?") stays open.
    if (!current) return match;
    const usingWord = this.matcher.servicesUsing(tokens[match.span[0]].stem);
    if (usingWord.length < 2) return match;
    const closeness = (id: string): number => this.matcher.affinity(id, current);
    const best = [...usingWord].sort((a, b) => closeness(b) - closeness(a))[0];
    const now = match.serviceId ? closeness(match.serviceId) : 0;
    if (closeness(best) <= now || closeness(best) === 0) return match;
    return { ...match, serviceId: best, candidates: [best] };
  }

  private result(
    top: IntentScore,
    match: ServiceMatch,
    serviceOnly: boolean,
    scores: IntentScore[],
    details: Pick<Understanding, 'facet' | 'facets' | 'conditions' | 'fullDetail' | 'explicit'>,
    place: Place | null,
  ): Understanding {
    return {
      intent: procedureFacet(askedInSoManyWords(top.intent, details), details),
      service: match.serviceId,
      serviceCandidates: match.candidates,
      confidence: top.probability * (match.kind === 'name' ? match.quality : 1),
      serviceOnly,
      unsure: false,
      alternatives: scores,
      ...details,
      place,
      residenceOnly: false,
      otherService: null,
    };
  }
}

/** Fees, documents or opening hours asked in so many words ("Zu welchen Zeiten kann ich den Ausweis abholen?") are what is asked. */
function askedInSoManyWords(intent: IntentId, u: Pick<Understanding, 'explicit'>): IntentId {
  // "Kostet das was, wenn ich das Fahrrad abhole?": fees or documents named alone are what is asked.
  if (
    u.explicit.fees !== u.explicit.documents &&
    (intent === 'fees' || intent === 'documents' || intent === 'howto' || (intent === 'hours' && !u.explicit.hours))
  ) {
    return u.explicit.fees ? 'fees' : 'documents';
  }
  // "Krieg ich Wohngeld und wie beantrag ich das?": the procedure asked in so many words, nothing else.
  if (
    u.explicit.procedure &&
    !u.explicit.hours &&
    !u.explicit.fees &&
    !u.explicit.documents &&
    (intent === 'documents' || intent === 'fees' || intent === 'hours')
  ) {
    return 'howto';
  }
  if (!u.explicit.hours || u.explicit.fees || u.explicit.documents) return intent;
  return intent === 'howto' || intent === 'documents' ? 'hours' : intent;
}

/** Facets that are a step of the procedure, whatever a "brauche ich" around them sounds like. */
const PROCEDURE_FACETS = new Set<FacetId>(['vollmacht', 'verlust', 'online', 'termin', 'dauer']);

/**
 * "Kann meine Frau das für mich abmelden?", "Ausweis verloren, was nun?": a question about a step of the
 * procedure is `howto`, even where its words sound like documents ("brauche", "Papiere"), unless documents
 * or fees are asked for in so many words.
 */
function procedureFacet(intent: IntentId, u: Pick<Understanding, 'facet' | 'explicit'>): IntentId {
  if (intent !== 'documents' && intent !== 'fees') return intent;
  if (u.explicit.documents || u.explicit.fees || u.facet === null || !PROCEDURE_FACETS.has(u.facet)) return intent;
  return 'howto';
}

const NO_MATCH: ServiceMatch = {
  serviceId: null,
  candidates: [],
  span: [],
  quality: 0,
  kind: 'none',
  chars: 0,
  shared: 0,
  words: [],
  subordinate: false,
};

/** For each service not answered yet, the answered services whose texts name it (folded, by its name or a synonym). */
function coveredByServices(knowledge: KnowledgeBase): Map<string, Set<string>> {
  const texts = [...knowledge.services.values()].map((s) => ({ id: s.id, text: ` ${foldGerman(JSON.stringify(s))} ` }));
  const covered = new Map<string, Set<string>>();
  for (const other of knowledge.otherServices.values()) {
    const names = [other.name, ...other.synonyme].map((n) => ` ${foldGerman(n)} `);
    const ids = texts.filter((t) => names.some((n) => t.text.includes(n))).map((t) => t.id);
    if (ids.length > 0) covered.set(other.id, new Set(ids));
  }
  return covered;
}

/** A matcher over the names of the services not answered yet, splitting compounds against both vocabularies. */
function otherServiceMatcher(knowledge: KnowledgeBase, vocabulary: ReadonlySet<string>): ServiceMatcher | null {
  if (knowledge.otherServices.size === 0) return null;
  const names = [...knowledge.otherServices.values()].flatMap((o) => [o.name, ...o.synonyme].map((text) => ({ serviceId: o.id, text })));
  const words = new Set(vocabulary);
  for (const n of names) for (const t of tokenize(n.text)) words.add(t);
  return new ServiceMatcher(names, new CompoundSplitter(words), false);
}

/** The tokens with the service's words replaced by one placeholder. */
function masked(tokens: readonly AnalysedToken[], match: ServiceMatch): AnalysedToken[] {
  if (match.kind !== 'name') return [...tokens];
  const span = new Set(match.span);
  const first = match.span[0];
  // "Brauche ich eine Baugenehmigung?": the service is what is needed, not documents for it ("Was brauche ich
  // für die Baugenehmigung?"); a needing verb right before the service's name is part of naming it.
  const needed = (i: number): boolean =>
    i < first && first - i <= 3 && NEEDING.test(tokens[i].word) && tokens.slice(i + 1, first).every((t) => !PURPOSE_WORDS.has(t.word));
  const out: AnalysedToken[] = [];
  tokens.forEach((t, i) => {
    if (!span.has(i)) {
      if (!needed(i)) out.push(t);
    } else if (i === first) out.push({ word: SERVICE_PLACEHOLDER, stem: SERVICE_PLACEHOLDER });
  });
  return out;
}

const NEEDING = /^(brauch|benoetig)\w*$/;
const PURPOSE_WORDS = new Set(['fuer', 'fuers', 'zum', 'zur', 'dafuer']);

/**
 * A service chosen by a button that sends its id ("Um welche Leistung geht es?" – „Führerschein beantragen, umtauschen
 * oder ersetzen“): that service said alone, whatever the words of its name would suggest (a facet, a situation). The
 * question it answers keeps its intent (routing's serviceOnly); without one, the procedure is what is asked.
 */
export function serviceChosen(service: string): Understanding {
  return {
    intent: 'howto',
    service,
    serviceCandidates: [service],
    confidence: 1,
    serviceOnly: true,
    unsure: false,
    alternatives: [],
    facet: null,
    facets: [],
    conditions: { cases: [] },
    place: null,
    fullDetail: false,
    explicit: { fees: false, documents: false, hours: false, procedure: false },
    residenceOnly: false,
    otherService: null,
  };
}
