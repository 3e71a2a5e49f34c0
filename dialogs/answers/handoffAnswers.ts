/**
 * What the assistant says around a handoff to a person and a callback request. Pure (no SDK types), so the
 * wording is testable on its own; the dialogs and bot/handoff decide when each is said.
 */
import type { TenantFile } from '../../knowledge/schema';
import { serviceCenterCalendar } from '../../knowledge/calendar/businessCalendar';
import { reachabilitySentence } from './timePhrases';
import type { Reply } from './reply';

export type HandoffReason = 'agent' | 'misunderstood' | 'not-helped';

export const YES_CALLBACK = 'Ja, bitte zurückrufen';
export const NO_THANKS = 'Nein, danke';
export const CANCEL_WORD = 'abbrechen';

const INTRO: Record<HandoffReason, string> = {
  agent: 'Gern verbinde ich Sie mit einer Mitarbeiterin oder einem Mitarbeiter des Service-Centers.',
  misunderstood:
    'Ich kann Ihre Frage leider nicht beantworten. Gern verbinde ich Sie mit einer Mitarbeiterin oder einem Mitarbeiter des Service-Centers.',
  'not-helped': 'Das tut mir leid. Gern verbinde ich Sie mit einer Mitarbeiterin oder einem Mitarbeiter des Service-Centers.',
};

export function minutesText(minutes: number): string {
  return minutes <= 1 ? 'etwa eine Minute' : `etwa ${minutes} Minuten`;
}

/** Where the citizen stands and how long it takes; a wait of 0 (an agent is free for them) is "gleich". */
export function positionText(position: number, waitMinutes: number): string {
  const where = position <= 1 ? 'Sie sind als Nächstes an der Reihe' : `Sie sind an Position ${position} der Warteschlange`;
  if (waitMinutes <= 0) return `${where}; gleich ist jemand für Sie da.`;
  return `${where}; die Wartezeit beträgt ${minutesText(waitMinutes)}.`;
}

export function queuedAnswer(reason: HandoffReason, position: number, waitMinutes: number): Reply {
  return {
    text:
      `${INTRO[reason]} ${positionText(position, waitMinutes)} Ich sage Ihnen Bescheid, sobald jemand für Sie da ist. ` +
      `Wenn Sie nicht mehr warten möchten, schreiben Sie „${CANCEL_WORD}“.`,
    suggestions: [CANCEL_WORD],
  };
}

export function stillQueuedAnswer(position: number, waitMinutes: number): Reply {
  return {
    text:
      `Sie warten noch auf eine Mitarbeiterin oder einen Mitarbeiter. ${positionText(position, waitMinutes)} ` +
      'Ihre Nachricht wird gleich mit angezeigt. Mit „abbrechen“ verlassen Sie die Warteschlange.',
    suggestions: [CANCEL_WORD],
  };
}

export function positionUpdateText(position: number, waitMinutes: number): string {
  return `Kurze Zwischeninfo: ${positionText(position, waitMinutes)}`;
}

export const LEFT_QUEUE = 'Sie haben die Warteschlange verlassen. Kann ich Ihnen sonst noch helfen?';
export const CITIZEN_ENDED = 'Sie haben das Gespräch mit dem Service-Center beendet. Kann ich Ihnen noch bei etwas anderem helfen?';

/**
 * The agent as the citizen meets them: by their display name ("Frau Schmidt"), or, for an agent without one, as a
 * neutral person of the service center, in the case the sentence needs. Never the agent's login name.
 */
export function connectedText(displayName: string | null): string {
  const whom = displayName ? `${displayName} vom Service-Center` : 'einer Mitarbeiterin oder einem Mitarbeiter des Service-Centers';
  return `Sie sind jetzt mit ${whom} verbunden. Schreiben Sie einfach Ihr Anliegen; mit „beenden“ beenden Sie das Gespräch.`;
}

export function agentEndedText(displayName: string | null): string {
  const who = displayName ?? 'Die Mitarbeiterin oder der Mitarbeiter des Service-Centers';
  return `${who} hat das Gespräch beendet. Jetzt bin wieder ich, der digitale Assistent, für Sie da. Ist noch etwas offen, bei dem ich helfen kann?`;
}

/** The sender of a relayed agent message, as the citizen sees it in the message and in `from.name`. */
export function agentSpeaker(displayName: string | null): string {
  return displayName ?? 'Service-Center';
}

/** An agent's message as the citizen reads it: who wrote it, then the text exactly as typed. */
export function agentMessageText(displayName: string | null, text: string): string {
  return displayName ? `${displayName} (Service-Center): ${text}` : `Service-Center: ${text}`;
}

export const AGENT_LOST =
  'Die Verbindung zur Mitarbeiterin oder zum Mitarbeiter ist leider abgebrochen. Sie sind wieder ganz vorn in der Warteschlange; gleich meldet sich jemand.';
export const TRANSFERRED =
  'Ihr Anliegen wird an eine andere Mitarbeiterin oder einen anderen Mitarbeiter weitergegeben. Sie sind wieder ganz vorn in der Warteschlange.';
export const EXTERNAL_ACCEPTED = 'Eine Mitarbeiterin oder ein Mitarbeiter des Service-Centers übernimmt jetzt das Gespräch.';
export const AFTER_HANDOFF_SUGGESTIONS = ['Nein, danke', 'Was kostet ein Reisepass?'];
/** A contact-center platform ended the chat (handoff.status "completed"): the assistant is there again. */
export const PLATFORM_ENDED = 'Das Gespräch mit dem Service-Center ist beendet. Kann ich Ihnen noch bei etwas anderem helfen?';

/** The citizen left the queue ("abbrechen"). */
export function leftQueueAnswer(): Reply {
  return { text: LEFT_QUEUE, expectsAnswer: true };
}

/** The citizen ended the chat with the agent ("beenden"). */
export function citizenEndedAnswer(): Reply {
  return { text: CITIZEN_ENDED, expectsAnswer: true };
}

/** A contact-center platform took the conversation over (handoff.status "accepted"). */
export function externalAcceptedAnswer(): Reply {
  return { text: EXTERNAL_ACCEPTED };
}

/** A contact-center platform ended the chat (handoff.status "completed"). */
export function platformEndedAnswer(): Reply {
  return { text: PLATFORM_ENDED, expectsAnswer: true };
}

/** Outside business hours: when someone is there again, and the offer of a callback. */
export function closedOfferText(reason: HandoffReason, tenant: TenantFile, now: Date): string {
  const intro =
    reason === 'misunderstood'
      ? 'Ich kann Ihre Frage leider nicht beantworten, und '
      : reason === 'not-helped'
        ? 'Das tut mir leid. Leider '
        : 'Gern würde ich Sie weiterverbinden, aber ';
  const sentence = reachabilitySentence(`das ${tenant.servicecenter.name}`, serviceCenterCalendar(tenant), now);
  const lower = intro.endsWith('und ') || intro.endsWith('aber ') ? sentence.charAt(0).toLowerCase() + sentence.slice(1) : sentence;
  return `${intro}${lower} Möchten Sie, dass wir Sie zurückrufen?`;
}

/** In hours, but nobody is free (nobody online, or nobody accepted in time). */
export function noAgentOfferText(reason: HandoffReason | 'timeout'): string {
  const intro =
    reason === 'timeout'
      ? 'Leider ist gerade niemand frei, der Ihr Gespräch übernehmen kann.'
      : reason === 'misunderstood'
        ? 'Ich kann Ihre Frage leider nicht beantworten, und gerade ist keine Mitarbeiterin und kein Mitarbeiter frei.'
        : 'Gerade ist leider keine Mitarbeiterin und kein Mitarbeiter im Chat frei.';
  return `${intro} Möchten Sie, dass wir Sie zurückrufen?`;
}

export function offerReply(text: string): Reply {
  return { text, suggestions: [YES_CALLBACK, NO_THANKS], expectsAnswer: true };
}

export const NO_CALLBACK = 'Alles klar, dann kein Rückruf. Kann ich Ihnen sonst noch helfen?';

// ---- callback dialog --------------------------------------------------------------------------------

export const ASK_PHONE = 'Unter welcher Telefonnummer können wir Sie erreichen? Zum Beispiel „0151 1234567“ oder „+49 5361 281234“.';
export const RETRY_PHONE =
  'Diese Telefonnummer kann ich leider nicht verwenden. Bitte geben Sie eine deutsche Telefonnummer mit Vorwahl an, zum Beispiel „0151 1234567“ oder „+49 5361 281234“ (oder „abbrechen“).';

export function askTimeText(tenant: TenantFile): string {
  return `Wann dürfen wir Sie anrufen? Zum Beispiel „morgen um 10 Uhr“ oder „Montag Nachmittag“. Das Service-Center ruft zurück, wenn es besetzt ist: ${hoursShort(tenant)}.`;
}
export const RETRY_TIME =
  'Das habe ich nicht als Zeitpunkt verstanden. Bitte nennen Sie Tag und Uhrzeit, zum Beispiel „morgen um 10 Uhr“, oder wählen Sie „So bald wie möglich“.';
export const ASAP = 'So bald wie möglich';
export const TIME_SUGGESTIONS = [ASAP, 'Morgen Vormittag', 'Morgen Nachmittag'];

/**
 * The nearest slot instead of the wished time; `wished` says back what was understood ("morgen um 19:30 Uhr",
 * "heute zwischen 16 und 20 Uhr"), `partly` when the service center is open for part of that stretch only.
 */
export function proposeSlotText(slot: string, wished?: string, partly = false): string {
  const when = wished ? wished.charAt(0).toUpperCase() + wished.slice(1) : 'Zu dieser Zeit';
  return `${when} ist das Service-Center ${partly ? 'nur zum Teil' : 'nicht'} besetzt. Der nächstmögliche Termin wäre ${slot}. Passt Ihnen das?`;
}
export const SLOT_YES = 'Ja, passt';
export const SLOT_NO = 'Nein, andere Zeit';

export const ASK_TOPIC = 'Worum geht es, in wenigen Worten? So kann sich die Mitarbeiterin oder der Mitarbeiter vorbereiten.';

/** Callback tickets (with the phone number) are deleted this many days after the request (bot/handoff/hub.ts). */
export const TICKET_RETENTION_DAYS = 30;

export function consentText(phone: string, when: string, topic: string): string {
  return (
    'Damit wir Sie zurückrufen können, speichern wir Ihre Telefonnummer, den Wunschtermin und Ihr Anliegen:\n' +
    `- Telefon: ${phone}\n- Termin: ${when}\n- Anliegen: ${topic || 'keine Angabe'}\n\n` +
    `Wir verwenden diese Angaben nur für diesen Rückruf und löschen sie spätestens nach ${TICKET_RETENTION_DAYS} Tagen ` +
    '(Einwilligung nach Art. 6 Abs. 1 lit. a DSGVO; Sie können sie jederzeit beim Service-Center widerrufen). ' +
    'Sind Sie damit einverstanden?'
  );
}
export const CONSENT_YES = 'Ja, einverstanden';
export const CONSENT_NO = 'Nein';
export const RETRY_CONSENT = 'Bitte antworten Sie mit „Ja“ oder „Nein“: Dürfen wir Ihre Telefonnummer für den Rückruf speichern?';
export const NOTHING_STORED =
  'In Ordnung, ich habe nichts gespeichert. Sie erreichen das Service-Center auch direkt per Telefon. Kann ich Ihnen sonst noch helfen?';
export const CALLBACK_CANCELLED = 'Der Rückrufwunsch ist abgebrochen; ich habe nichts gespeichert. Kann ich Ihnen sonst noch helfen?';

export function callbackConfirmedText(reference: string, when: string, phone: string): string {
  return (
    `Vielen Dank! Ihr Rückrufwunsch ist aufgenommen. Ihre Vorgangsnummer: **${reference}**. ` +
    `Wir rufen Sie ${when} unter ${phone} an. Bitte halten Sie die Vorgangsnummer bereit.`
  );
}

function hoursShort(tenant: TenantFile): string {
  const h = tenant.servicecenter.oeffnungszeiten;
  const days = (['mo', 'di', 'mi', 'do', 'fr', 'sa', 'so'] as const).filter((d) => (h[d] ?? []).length > 0);
  const same = days.every((d) => JSON.stringify(h[d]) === JSON.stringify(h[days[0]]));
  const names: Record<string, string> = { mo: 'Mo', di: 'Di', mi: 'Mi', do: 'Do', fr: 'Fr', sa: 'Sa', so: 'So' };
  if (days.length === 0) return 'nach Vereinbarung';
  const clock = (t: string): string => t.replace(/:00$/, '').replace(/^0/, '');
  const range = (h[days[0]] ?? []).map((r) => r.split('-').map(clock).join('–')).join(', ');
  if (same && days.length > 1) return `${names[days[0]]}–${names[days[days.length - 1]]} ${range} Uhr, nicht an Feiertagen`;
  return days.map((d) => `${names[d]} ${(h[d] ?? []).join(', ')}`).join('; ');
}
