/**
 * Every reply text the code uses, declared once: its id (`<area>.<key>`, the area being the file
 * knowledge/texte/<sprache>/<area>.yaml) and the placeholders the code supplies. The loader checks the
 * text files against this catalogue (a missing text, an unknown one, a placeholder the code does not supply
 * or one it requires and the text lacks are `file:line` errors), and `Texts.render` is typed by it, so that a
 * typo in an id or a forgotten placeholder is a compile error rather than a "{name}" in a citizen's chat.
 *
 * A new text: add it here and to the area's file (knowledge/README.md, "Reply texts").
 */

/** The language an area is written in: it must be complete there. */
export type TextLanguage = 'de' | 'en';

export interface TextArea {
  readonly sprache: TextLanguage;
  /** Key → the placeholders the code supplies; each must appear in the text. */
  readonly texte: Readonly<Record<string, readonly string[]>>;
  /**
   * Keys that are button titles. A pressed button is understood like a typed question, so a Kommune cannot
   * override one (its title would no longer be understood); the shipped titles are checked by the tests.
   */
  readonly schaltflaechen?: 'alle' | readonly string[];
}

/** Key → the placeholders the code supplies, as written in the catalogue (literal, for the typing below). */
type TextList = Readonly<Record<string, readonly string[]>>;

/**
 * One area of the catalogue: its language, its texts and which of them are button titles. The texts keep their
 * literal types (`const`), which is what types `Texts.render`; a button that is not a text of the area does not compile.
 */
function area<const T extends TextList>(
  sprache: TextLanguage,
  texte: T,
  schaltflaechen?: 'alle' | readonly (keyof T & string)[],
): TextArea & { readonly texte: T } {
  return schaltflaechen === undefined ? { sprache, texte } : { sprache, texte, schaltflaechen };
}

/** The days of the week, a text each in the areas that name them (each in its own language). */
const WEEKDAY_TEXTS = {
  montag: [],
  dienstag: [],
  mittwoch: [],
  donnerstag: [],
  freitag: [],
  samstag: [],
  sonntag: [],
} as const;

export const TEXT_CATALOG = {
  'daten-loeschen': area('de', {
    frage: [],
    erledigt: [],
    nichtsGeloescht: [],
  }),
  facetten: area('de', {
    dauer: [],
    online: [],
    termin: [],
    gueltigkeit: [],
    frist: [],
    alter: [],
    verlust: [],
    kind: [],
    vollmacht: [],
    bezahlung: [],
    express: [],
    ort: [],
  }),
  faelle: area('de', {
    baby: [],
    alter: ['jahre'],
    kind: [],
    erstantrag: [],
    verlust: [],
    neufahrzeug: [],
    gebrauchtfahrzeug: [],
    express: [],
    vollmacht: [],
    namensaenderung: [],
  }),
  gespraech: area('de', {
    begruessung: ['fuerKommune'],
    hilfe: ['imKommune', 'leistungen'],
    abschied: [],
    nichtZustaendig: [],
    nichtVerstanden: [],
    welcheLeistung: ['frage'],
  }),
  kurzantwort: area('de', {
    quelle: ['titel', 'url', 'datum'],
    online: ['name', 'url'],
    terminBei: ['amt'],
    zustaendig: ['amt'],
    amtMitTelefon: ['amt', 'telefon'],
    dieVerwaltung: ['verwaltung'],
    gesprochenZustaendig: ['amt'],
    dauer: ['leistung', 'dauer'],
    dauerGesprochen: ['dauer'],
    terminJa: ['leistung'],
    terminJaGesprochen: [],
    terminNein: ['leistung'],
    terminNeinGesprochen: [],
    onlineJa: ['leistung', 'name', 'url'],
    onlineJaGesprochen: ['name'],
    schneller: ['leistung', 'gebuehren'],
    unbekannt: ['frage', 'leistung', 'amt'],
    unbekanntGesprochen: ['frage', 'leistung', 'amt'],
    kostenImFall: ['leistung', 'angaben'],
    kosten: ['leistung'],
    zusammen: ['betrag'],
    zusammenGesprochen: ['leistung', 'betrag'],
    ausserdem: ['gebuehren'],
    weitereGebuehren: ['anzahl', 'schaltflaeche'],
    alleKosten: ['leistung', 'gebuehren'],
    unterlagenJedenfalls: ['leistung', 'unterlagen'],
    unterlagenJedenfallsGesprochen: ['leistung', 'unterlagen', 'frage'],
    frageFahrzeug: [],
    unterlagenImFall: ['leistung', 'angaben'],
    unterlagen: ['leistung'],
    mehrJeNachFall: ['faelle'],
    eineUnterlage: [],
    unterlagenAnzahl: ['anzahl'],
    unterlagenGesprochen: ['leistung', 'anzahl', 'unterlagen'],
    unterlagenVorAllemGesprochen: ['leistung', 'anzahl', 'unterlagen'],
    alleVorlesen: [],
    alleUnterlagen: ['leistung'],
    wohnortFrage: [],
    zustaendigGruppe: ['leistung', 'amt'],
    zustaendigGruppeImLandkreis: ['leistung', 'kommune', 'amt'],
    zustaendigGruppeGesprochen: ['amt', 'frage'],
    zustaendigVerwaltung: ['leistung', 'ort', 'verwaltung', 'art', 'sitz'],
    verwaltungAngabenFehlen: ['art'],
    zustaendigBuergerbueroGesprochen: ['ort', 'verwaltung'],
    zustaendigAmtDerVerwaltungGesprochen: ['ort', 'art', 'verwaltung'],
    zustaendigAmt: ['leistung', 'ort', 'amt'],
    zustaendigAmtGesprochen: ['ort', 'amt', 'strasse', 'amtOrt', 'telefon'],
  }),
  leistung: area('de', {
    quelle: ['titel', 'url', 'datum'],
    checklisteTitel: ['leistung'],
    checklisteGesprochen: ['anzahl', 'leistung'],
    quelleOeffnen: [],
    ablauf: ['schritte'],
    online: ['name', 'url'],
    terminNoetig: [],
    bearbeitungsdauer: ['dauer'],
    fristen: ['fristen'],
    hinweise: ['hinweise'],
    orte: ['orte'],
    adresse: ['strasse', 'plz', 'ort'],
    telefon: ['telefon'],
    email: ['email'],
    internet: ['web'],
    angabeTelefon: [],
    angabeEmail: [],
    angabeAdresse: [],
    angabeFehlt: ['angaben', 'web'],
    angabenFehlen: ['angaben', 'web'],
  }),
  oeffnungszeiten: area('de', {
    feiertageGeschlossen: [],
    terminVorher: [],
    liste: ['amt', 'zeiten'],
    heuteGeschlossen: ['amt', 'anlass', 'wann'],
    heuteNichtMehr: ['amt', 'wann'],
    fehlen: ['amtGenitiv', 'tag', 'web'],
    fehlenGesprochen: ['amtGenitiv', 'tag'],
    servicecenterVerbindet: ['amtDativ'],
    tagHeute: ['wochentag'],
    tagMorgen: ['wochentag'],
    tagDatum: ['tag', 'monat'],
    servicecenter: ['name'],
    servicecenterTelefon: ['telefon'],
    erreichbarkeit: ['name', 'zeiten'],
    anderesAmt: [],
    gefragtHeute: [],
    gefragtMorgen: ['wochentag'],
    gefragtDatum: ['wochentag', 'tag', 'monat'],
    gefragtJedeWoche: ['wochentag'],
    uhrzeit: ['uhrzeit'],
    zwischen: ['von', 'bis'],
    zeitspanne: ['von', 'bis'],
    anDiesemTagGeoeffnet: ['zeiten'],
    anDiesemTagGeschlossen: ['anlass'],
    gefragtGeoeffnet: ['wann', 'amt', 'zeiten'],
    gefragtGeschlossen: ['wann', 'amt', 'anlass'],
    jaGeoeffnetUm: ['wann', 'amt', 'zeit'],
    jaGeoeffnetVon: ['wann', 'amt', 'zeiten'],
    neinGeschlossen: ['wann', 'amt', 'anDiesemTag'],
    heuteOffenBis: ['amt', 'bis', 'danach'],
    oeffnetHeuteUm: ['amt', 'um', 'spannen'],
    keineRegelmaessigen: ['amt'],
    wiederMorgenAb: ['ab'],
    wiederAmAb: ['wochentag', 'ab'],
    wochenzeile: ['tag', 'zeiten'],
  }),
  schaltflaechen: area(
    'de',
    {
      beispielAusweis: [],
      beispielReisepass: [],
      beispielZulassungsstelle: [],
      alleUnterlagen: [],
      alleKosten: [],
      kosten: [],
      ablauf: [],
      werZustaendig: [],
      welcheUnterlagen: [],
      wasKostet: [],
      wieLange: [],
      wannGeoeffnet: [],
      woPersonalausweis: [],
      woAnmelden: [],
      neuesFahrzeug: [],
      gebrauchtesFahrzeug: [],
      mitPersonSprechen: [],
      rueckrufVereinbaren: [],
      jaLoeschen: [],
      nein: [],
      jaZurueckrufen: [],
      neinDanke: [],
      abbrechen: [],
      soBaldWieMoeglich: [],
      morgenVormittag: [],
      morgenNachmittag: [],
      jaPasst: [],
      neinAndereZeit: [],
      jaEinverstanden: [],
    },
    'alle',
  ),
  sprache: area('de', {
    unklar: [],
    andereSprache: ['sprachen'],
    gewechselt: [],
    uebersetzt: ['quelle'],
    nichtUebersetzt: ['leistung', 'leistungen', 'sprachen'],
    aufDeutsch: ['text'],
  }),
  'weitere-leistungen': area('de', {
    antwort: ['name', 'zustaendig', 'quelle', 'weg'],
    zustaendig: ['zustaendig'],
    zustaendigUngeprueft: ['zustaendig'],
    quelle: ['url'],
    quelle115: ['url'],
    servicecenterGeoeffnet: [],
    servicecenterGeschlossen: ['erreichbar'],
    servicecenter: [],
    gesprochenGeoeffnet: ['name', 'zustaendig'],
    gesprochenGeschlossen: ['name', 'zustaendig'],
  }),
  wohnort: area('de', {
    wasWissen: [],
    kreisfreieStadt: ['ort', 'verwaltung'],
    wohnenIn: ['verwaltung'],
    gehoertZu: ['ort', 'verwaltung'],
    imLandkreis: ['wo', 'kommune'],
    buergerbuero: ['buero'],
    buergerbueroUnbekannt: [],
    danke: ['wo', 'buero'],
  }),
  uebergabe: area('de', {
    einleitungPerson: [],
    einleitungNichtVerstanden: [],
    einleitungNichtGeholfen: [],
    etwaEineMinute: [],
    etwaMinuten: ['minuten'],
    alsNaechstes: [],
    position: ['position'],
    gleichDa: ['platz'],
    wartezeit: ['platz', 'dauer'],
    eingereiht: ['einleitung', 'platz', 'abbrechen'],
    wartenNoch: ['platz', 'abbrechen'],
    zwischeninfo: ['platz'],
    warteschlangeVerlassen: [],
    selbstBeendet: [],
    verbundenMit: ['name'],
    verbunden: [],
    beendetVon: ['name'],
    beendet: [],
    nachrichtVon: ['name', 'text'],
    nachricht: ['text'],
    absender: [],
    verbindungAbgebrochen: [],
    weitergegeben: [],
    plattformUebernimmt: [],
    plattformBeendet: [],
    geschlossenPerson: ['erreichbar'],
    geschlossenNichtVerstanden: ['erreichbar'],
    geschlossenNichtGeholfen: ['erreichbar'],
    niemandFrei: [],
    niemandFreiNichtVerstanden: [],
    niemandAngenommen: [],
    keinRueckruf: [],
  }),
  rueckruf: area('de', {
    telefonFrage: [],
    telefonNochmal: [],
    zeitFrage: ['zeiten'],
    zeitFrageKurz: [],
    zeitNochmal: ['sofort'],
    zeitenWerktags: ['von', 'bis', 'zeiten'],
    zeitenNachVereinbarung: [],
    vorschlag: ['wann', 'termin'],
    vorschlagTeilweise: ['wann', 'termin'],
    zuDieserZeit: [],
    jaOderNein: [],
    soBaldWieMoeglich: [],
    themaFrage: [],
    einwilligung: ['telefon', 'termin', 'anliegen', 'tage'],
    keineAngabe: [],
    einwilligungNochmal: [],
    nichtsGespeichert: [],
    abgebrochen: [],
    nichtSpeicherbar: [],
    bestaetigt: ['vorgang', 'wann', 'telefon'],
  }),
  zeit: area('de', {
    uhr: ['zeit'],
    heuteBis: ['uhrzeit'],
    heuteAb: ['uhrzeit'],
    morgenAb: ['uhrzeit'],
    amWochentagAb: ['wochentag', 'uhrzeit'],
    amDatumAb: ['wochentag', 'datum', 'uhrzeit'],
    nachFeiertag: ['datum', 'uhrzeit'],
    nachFeiertagen: ['datum', 'uhrzeit'],
    nachSchliesstag: ['datum', 'uhrzeit'],
    nachSchliesstagen: ['datum', 'uhrzeit'],
    keineFesteZeit: [],
    erreichbarBis: ['wer', 'uhrzeit'],
    nichtBesetzt: ['wer'],
    nichtBesetztBis: ['wer', 'wann'],
    heuteFeiertag: ['name', 'satz'],
    heuteGeschlossen: ['name', 'satz'],
    heute: [],
    morgen: [],
    amDatum: ['wochentag', 'datum'],
    um: ['tag', 'uhrzeit'],
    zwischen: ['tag', 'von', 'uhrzeit'],
    imLaufeDesTages: ['tag'],
    absolut: ['tag', 'uhrzeit'],
    absolutSpanne: ['tag', 'von', 'bis'],
    absolutTag: ['tag'],
    ...WEEKDAY_TEXTS,
    mo: [],
    di: [],
    mi: [],
    do: [],
    fr: [],
    sa: [],
    so: [],
  }),
  zug: area('de', {
    zuLang: [],
    fehler: [],
  }),
  anliegen: area('de', {
    frageUnterlagen: [],
    frageKosten: [],
    frageAblauf: [],
    frageZustaendig: [],
    frageOeffnungszeiten: [],
    themaUnterlagen: [],
    themaKosten: [],
    themaAblauf: [],
    themaZustaendig: [],
    themaOeffnungszeiten: [],
    themaLeistung: ['thema', 'leistung'],
    nochNichtBeantwortet: ['leistung'],
    allgemein: [],
  }),
  textbausteine: area('de', {
    titel: ['art', 'leistung'],
    titelUnterlagen: [],
    titelKosten: [],
    titelZustaendig: [],
    titelOeffnungszeiten: [],
    titelAblauf: [],
    titelErreichbarkeit: ['name'],
    unterlagen: ['leistung', 'unterlagen'],
    kosten: ['leistung', 'imKommune', 'kosten'],
    zustaendig: ['leistung', 'imKommune', 'amt'],
    zustaendigGemeinde: ['leistung', 'imKommune', 'amt'],
    verwaltungMitAmt: ['verwaltung', 'amt'],
    oeffnungszeiten: ['amt', 'zeiten'],
    kurz: ['leistung', 'kurz'],
    ablauf: ['schritte'],
    online: ['name', 'url'],
    bearbeitungsdauer: ['dauer'],
    servicecenter: ['name', 'zeiten'],
    telefon: ['telefon'],
    email: ['email'],
  }),
} satisfies Readonly<Record<string, TextArea>>;

type Catalog = typeof TEXT_CATALOG;
export type TextAreaId = keyof Catalog;

/** "gespraech.begruessung": every text id of the catalogue. */
export type TextId = { [A in TextAreaId]: `${A}.${keyof Catalog[A]['texte'] & string}` }[TextAreaId];

/** The placeholders of one text. */
export type PlaceholderOf<Id extends TextId> = Id extends `${infer A extends TextAreaId}.${infer K}`
  ? K extends keyof Catalog[A]['texte']
    ? Catalog[A]['texte'][K] extends readonly (infer P)[]
      ? P & string
      : never
    : never
  : never;

/** The facts a text needs, by placeholder name: a value each ('' or undefined leaves a {?name:…} part out). */
export type TextValues<Id extends TextId> = { readonly [P in PlaceholderOf<Id>]: string | number | undefined };

/** `render(id)` for a text without placeholders, `render(id, values)` for one with. */
export type TextArgs<Id extends TextId> = [PlaceholderOf<Id>] extends [never] ? [] : [values: TextValues<Id>];

export function textArea(area: string): TextArea | undefined {
  return Object.hasOwn(TEXT_CATALOG, area) ? (TEXT_CATALOG as Readonly<Record<string, TextArea>>)[area] : undefined;
}

/** Is `key` of `area` a button title? */
export function isButton(area: TextArea, key: string): boolean {
  return area.schaltflaechen === 'alle' || (area.schaltflaechen?.includes(key) ?? false);
}
