/**
 * Forty distinct questions of one citizen, sent at once (a burst of double-clicks, retries and impatience):
 * what each one costs and what to bring for twenty services. Each is answered on its own words alone, so
 * its answer is the same whatever the conversation said before.
 */
/** Twenty services, as the subject of "Was kostet …?" and as the object of "für …". */
const SERVICES: readonly (readonly [string, string])[] = [
  ['ein Reisepass', 'einen Reisepass'],
  ['ein Personalausweis', 'einen Personalausweis'],
  ['ein Führungszeugnis', 'ein Führungszeugnis'],
  ['eine Meldebescheinigung', 'eine Meldebescheinigung'],
  ['eine Gewerbeanmeldung', 'eine Gewerbeanmeldung'],
  ['eine Geburtsurkunde', 'eine Geburtsurkunde'],
  ['die Eheschließung', 'die Eheschließung'],
  ['ein Bewohnerparkausweis', 'einen Bewohnerparkausweis'],
  ['eine Baugenehmigung', 'eine Baugenehmigung'],
  ['ein Aufenthaltstitel', 'einen Aufenthaltstitel'],
  ['die Briefwahl', 'die Briefwahl'],
  ['eine Beglaubigung', 'eine Beglaubigung'],
  ['die Anmeldung des Wohnsitzes', 'die Anmeldung des Wohnsitzes'],
  ['die Abmeldung des Wohnsitzes', 'die Abmeldung des Wohnsitzes'],
  ['die Zulassung eines Autos', 'die Zulassung eines Autos'],
  ['die Kfz-Abmeldung', 'die Kfz-Abmeldung'],
  ['ein Führerschein', 'einen Führerschein'],
  ['die Hundesteuer', 'die Hundesteuer'],
  ['die Sperrmüllabholung', 'die Sperrmüllabholung'],
  ['das Wohngeld', 'das Wohngeld'],
];

export const BURST_QUESTIONS: readonly string[] = [
  ...SERVICES.map(([subject]) => `Was kostet ${subject}?`),
  ...SERVICES.map(([, object]) => `Welche Unterlagen brauche ich für ${object}?`),
];

export const APOLOGY = /etwas schiefgegangen/;

/** Each text as often as it occurs, to compare lists regardless of order. */
export function counts(texts: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of texts) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}
