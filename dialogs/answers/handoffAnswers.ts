/**
 * What the assistant says around a handoff to a person and a callback request (texts:
 * knowledge/texte/de/uebergabe.yaml, rueckruf.yaml; button titles in schaltflaechen.yaml). Pure (no SDK types), so
 * the wording is testable on its own; the dialogs and bot/handoff decide when each is said.
 */
import type { TenantFile } from '../../knowledge/schema';
import type { Texts } from '../../knowledge/texts/texts';
import { serviceCenterCalendar } from '../../knowledge/calendar/businessCalendar';
import { weekdayShort } from './openingHours';
import { reachabilitySentence } from './timePhrases';
import type { Reply } from './reply';

export type HandoffReason = 'agent' | 'misunderstood' | 'not-helped';

const INTRO = {
  agent: 'uebergabe.einleitungPerson',
  misunderstood: 'uebergabe.einleitungNichtVerstanden',
  'not-helped': 'uebergabe.einleitungNichtGeholfen',
} as const satisfies Record<HandoffReason, string>;

export function minutesText(texts: Texts, minutes: number): string {
  return minutes <= 1 ? texts.render('uebergabe.etwaEineMinute') : texts.render('uebergabe.etwaMinuten', { minuten: minutes });
}

/** Where the citizen stands and how long it takes; a wait of 0 (an agent is free for them) is "gleich". */
export function positionText(texts: Texts, position: number, waitMinutes: number): string {
  const platz = position <= 1 ? texts.render('uebergabe.alsNaechstes') : texts.render('uebergabe.position', { position });
  if (waitMinutes <= 0) return texts.render('uebergabe.gleichDa', { platz });
  return texts.render('uebergabe.wartezeit', { platz, dauer: minutesText(texts, waitMinutes) });
}

/** The button that leaves the queue (its word is what isCancel understands). */
function cancelWord(texts: Texts): string {
  return texts.render('schaltflaechen.abbrechen');
}

export function queuedAnswer(texts: Texts, reason: HandoffReason, position: number, waitMinutes: number): Reply {
  const abbrechen = cancelWord(texts);
  return {
    text: texts.render('uebergabe.eingereiht', {
      einleitung: texts.render(INTRO[reason]),
      platz: positionText(texts, position, waitMinutes),
      abbrechen,
    }),
    suggestions: [abbrechen],
  };
}

export function stillQueuedAnswer(texts: Texts, position: number, waitMinutes: number): Reply {
  const abbrechen = cancelWord(texts);
  return {
    text: texts.render('uebergabe.wartenNoch', { platz: positionText(texts, position, waitMinutes), abbrechen }),
    suggestions: [abbrechen],
  };
}

export function positionUpdateText(texts: Texts, position: number, waitMinutes: number): string {
  return texts.render('uebergabe.zwischeninfo', { platz: positionText(texts, position, waitMinutes) });
}

/**
 * The agent as the citizen meets them: by their display name ("Frau Schmidt"), or, for an agent without one, as a
 * neutral person of the service center, in the case the sentence needs. Never the agent's login name.
 */
export function connectedText(texts: Texts, displayName: string | null): string {
  return displayName ? texts.render('uebergabe.verbundenMit', { name: displayName }) : texts.render('uebergabe.verbunden');
}

export function agentEndedText(texts: Texts, displayName: string | null): string {
  return displayName ? texts.render('uebergabe.beendetVon', { name: displayName }) : texts.render('uebergabe.beendet');
}

/** The sender of a relayed agent message, as the citizen sees it in the message and in `from.name`. */
export function agentSpeaker(texts: Texts, displayName: string | null): string {
  return displayName ?? texts.render('uebergabe.absender');
}

/** An agent's message as the citizen reads it: who wrote it, then the text exactly as typed. */
export function agentMessageText(texts: Texts, displayName: string | null, text: string): string {
  return displayName ? texts.render('uebergabe.nachrichtVon', { name: displayName, text }) : texts.render('uebergabe.nachricht', { text });
}

/** The buttons after a chat with a person ended: "no, thanks" and an example question. */
export function afterHandoffSuggestions(texts: Texts): string[] {
  return [texts.render('schaltflaechen.neinDanke'), texts.render('schaltflaechen.beispielReisepass')];
}

/** The citizen left the queue ("abbrechen"). */
export function leftQueueAnswer(texts: Texts): Reply {
  return { text: texts.render('uebergabe.warteschlangeVerlassen'), expectsAnswer: true };
}

/** The citizen ended the chat with the agent ("beenden"). */
export function citizenEndedAnswer(texts: Texts): Reply {
  return { text: texts.render('uebergabe.selbstBeendet'), expectsAnswer: true };
}

/** A contact-center platform took the conversation over (handoff.status "accepted"). */
export function externalAcceptedAnswer(texts: Texts): Reply {
  return { text: texts.render('uebergabe.plattformUebernimmt') };
}

/** A contact-center platform ended the chat (handoff.status "completed"): the assistant is there again. */
export function platformEndedAnswer(texts: Texts): Reply {
  return { text: texts.render('uebergabe.plattformBeendet'), expectsAnswer: true };
}

/** Outside business hours: when someone is there again, and the offer of a callback. */
export function closedOfferText(reason: HandoffReason, tenant: TenantFile, now: Date): string {
  const texts = tenant.texts;
  const subject = texts.render('oeffnungszeiten.servicecenter', { name: tenant.servicecenter.name });
  const sentence = reachabilitySentence(texts, subject, serviceCenterCalendar(tenant), now);
  // After "…, und" and "…, aber" the sentence goes on in lower case; after "Leider" it stays as it is.
  const lower = sentence.charAt(0).toLowerCase() + sentence.slice(1);
  if (reason === 'misunderstood') return texts.render('uebergabe.geschlossenNichtVerstanden', { erreichbar: lower });
  if (reason === 'not-helped') return texts.render('uebergabe.geschlossenNichtGeholfen', { erreichbar: sentence });
  return texts.render('uebergabe.geschlossenPerson', { erreichbar: lower });
}

/** In hours, but nobody is free (nobody online, or nobody accepted in time). */
export function noAgentOfferText(texts: Texts, reason: HandoffReason | 'timeout'): string {
  if (reason === 'timeout') return texts.render('uebergabe.niemandAngenommen');
  if (reason === 'misunderstood') return texts.render('uebergabe.niemandFreiNichtVerstanden');
  return texts.render('uebergabe.niemandFrei');
}

export function offerReply(texts: Texts, text: string): Reply {
  return {
    text,
    suggestions: [texts.render('schaltflaechen.jaZurueckrufen'), texts.render('schaltflaechen.neinDanke')],
    expectsAnswer: true,
  };
}

export function noCallbackAnswer(texts: Texts): Reply {
  return { text: texts.render('uebergabe.keinRueckruf') };
}

// ---- callback dialog --------------------------------------------------------------------------------

/** Callback tickets (with the phone number) are deleted this many days after the request (bot/handoff/hub.ts). */
export const TICKET_RETENTION_DAYS = 30;

export function askTimeText(tenant: TenantFile): string {
  return tenant.texts.render('rueckruf.zeitFrage', { zeiten: hoursShort(tenant) });
}

/** The wished-time buttons; the first is "as soon as possible". */
export function timeSuggestions(texts: Texts): string[] {
  return [
    texts.render('schaltflaechen.soBaldWieMoeglich'),
    texts.render('schaltflaechen.morgenVormittag'),
    texts.render('schaltflaechen.morgenNachmittag'),
  ];
}

export function retryTimeText(texts: Texts): string {
  return texts.render('rueckruf.zeitNochmal', { sofort: texts.render('schaltflaechen.soBaldWieMoeglich') });
}

/**
 * The nearest slot instead of the wished time; `wished` says back what was understood ("morgen um 19:30 Uhr",
 * "heute zwischen 16 und 20 Uhr"), `partly` when the service center is open for part of that stretch only.
 */
export function proposeSlotText(texts: Texts, slot: string, wished?: string, partly = false): string {
  const wann = wished ? wished.charAt(0).toUpperCase() + wished.slice(1) : texts.render('rueckruf.zuDieserZeit');
  return texts.render(partly ? 'rueckruf.vorschlagTeilweise' : 'rueckruf.vorschlag', { wann, termin: slot });
}

export function slotButtons(texts: Texts): string[] {
  return [texts.render('schaltflaechen.jaPasst'), texts.render('schaltflaechen.neinAndereZeit')];
}

export function consentText(texts: Texts, phone: string, when: string, topic: string): string {
  return texts.render('rueckruf.einwilligung', {
    telefon: phone,
    termin: when,
    anliegen: topic || texts.render('rueckruf.keineAngabe'),
    tage: TICKET_RETENTION_DAYS,
  });
}

export function consentButtons(texts: Texts): string[] {
  return [texts.render('schaltflaechen.jaEinverstanden'), texts.render('schaltflaechen.nein')];
}

export function callbackConfirmedText(texts: Texts, reference: string, when: string, phone: string): string {
  return texts.render('rueckruf.bestaetigt', { vorgang: reference, wann: when, telefon: phone });
}

/** The service center's hours in brief: "Mo–Fr 7–18 Uhr, nicht an Feiertagen". */
function hoursShort(tenant: TenantFile): string {
  const h = tenant.servicecenter.oeffnungszeiten;
  const days = (['mo', 'di', 'mi', 'do', 'fr', 'sa', 'so'] as const).filter((d) => (h[d] ?? []).length > 0);
  const same = days.every((d) => JSON.stringify(h[d]) === JSON.stringify(h[days[0]]));
  if (days.length === 0) return tenant.texts.render('rueckruf.zeitenNachVereinbarung');
  const clock = (t: string): string => t.replace(/:00$/, '').replace(/^0/, '');
  const range = (h[days[0]] ?? []).map((r) => r.split('-').map(clock).join('–')).join(', ');
  if (same && days.length > 1) {
    return tenant.texts.render('rueckruf.zeitenWerktags', {
      von: weekdayShort(tenant.texts, days[0]),
      bis: weekdayShort(tenant.texts, days[days.length - 1]),
      zeiten: range,
    });
  }
  return days.map((d) => `${weekdayShort(tenant.texts, d)} ${(h[d] ?? []).join(', ')}`).join('; ');
}
