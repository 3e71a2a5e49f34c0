/**
 * The citizen's short replies to what the assistant asked or offered: yes, no, cancel, and "that did not
 * help". Read on the same German folding as the classifier (umlauts as ae/oe/ue, punctuation gone), so
 * "Nö", "noe" and "nö!" are one word, and shown by `npm run -s classify` as `reply`.
 */
import { foldGerman } from './normalize';

export type ShortReply = 'yes' | 'no' | 'cancel' | 'not-helped';

const YES =
  /^(ja|jo|jap|jawohl|gern|gerne|ok|okay|einverstanden|passt|klar|bitte|ja bitte|ja gerne|ja passt|ja einverstanden|ja bitte zurueckrufen|ja bitte zuruckrufen|sicher|genau|richtig)\b/;
const NOT = /\b(nicht|nein)\b/;
const NO = /^(nein|ne|nee|noe|no|nicht|lieber nicht|kein|keine|danke nein|nein danke)\b/;
const CANCEL = /^(abbrechen|abbruch|stopp|stop|cancel|ende|beenden|aufhoeren|tschuess)$/;
const NOT_HELPED =
  /\b(nicht (weiter)?geholfen|hilft (mir )?(leider )?(so )?(nicht|nichts|kaum)|nicht hilfreich|bringt mir nichts|hilft mir nicht weiter|hat nicht geholfen|nicht weiterhelfen|nicht weiter ?geholfen)\b/;

export function isYes(text: string): boolean {
  const folded = foldGerman(text);
  return YES.test(folded) && !NOT.test(folded);
}

export function isNo(text: string): boolean {
  return NO.test(foldGerman(text));
}

export function isCancel(text: string): boolean {
  return CANCEL.test(foldGerman(text));
}

/** "Das hat mir nicht geholfen": the citizen says the answer did not help. */
export function saysNotHelped(text: string): boolean {
  return NOT_HELPED.test(foldGerman(text));
}

/** "Rückruf", "zurückrufen" in the answer to a callback offer: the citizen takes it, whatever else the text says. */
export function mentionsCallback(text: string): boolean {
  return /zur(?:ue|u)ckruf/.test(foldGerman(text));
}

/** Which short reply the text is, if any (cancel before no: "Abbrechen"; not-helped before no: "Nein, hilft nicht"). */
export function shortReplyOf(text: string): ShortReply | null {
  if (isCancel(text)) return 'cancel';
  if (saysNotHelped(text)) return 'not-helped';
  if (isYes(text)) return 'yes';
  if (isNo(text)) return 'no';
  return null;
}

/**
 * The answer to "Worum geht es?" as a topic, or undefined when it declines to give one ("Nein", "nein danke",
 * "kein Thema", "weiß nicht", "egal"): such an answer is no topic, and the ticket shows the service understood.
 */
export function callbackTopic(text: string): string | undefined {
  const t = text.trim();
  const folded = foldGerman(t);
  if (folded === '') return undefined;
  return DECLINES_TOPIC.test(folded) ? undefined : t;
}

const DECLINES_TOPIC =
  /^(?:nein|ne|nee|noe|no|nichts|nix|kein(?:e|en)?(?: (?:thema|angabe|ahnung|idee|kommentar|details?))?|keine angabe|danke|nein danke|danke nein|lieber nicht|weiss (?:ich )?nicht|weiss nicht genau|ich weiss (?:es )?nicht|keine ahnung|egal|nicht so wichtig|moechte ich nicht sagen|sag ich nicht|nichts weiter)(?: danke)?$/;
