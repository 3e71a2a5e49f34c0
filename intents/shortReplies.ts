/**
 * The citizen's short replies to what the assistant asked or offered: yes, no, cancel, and "that did not
 * help". Read on the same German folding as the classifier (umlauts as ae/oe/ue, punctuation gone), so
 * "Nö", "noe" and "nö!" are one word, and shown by `npm run -s classify` as `reply`.
 */
import { foldGerman, plainWords } from './normalize';

export type ShortReply = 'yes' | 'no' | 'cancel' | 'not-helped';

const YES =
  /^(ja|jo|jap|jawohl|gern|gerne|ok|okay|einverstanden|passt|klar|bitte|ja bitte|ja gerne|ja passt|ja einverstanden|ja bitte zurueckrufen|ja bitte zuruckrufen|sicher|genau|richtig)\b/;
const NOT = /\b(nicht|nein)\b/;
const NO = /^(nein|ne|nee|noe|no|nicht|lieber nicht|kein|keine|danke nein|nein danke)\b/;
const CANCEL = /^(abbrechen|abbruch|stopp|stop|cancel|ende|beenden|aufhoeren|tschuess)$/;
const NOT_HELPED =
  /\b(nicht (weiter)?geholfen|hilft (mir )?(leider )?(so )?(nicht|nichts|kaum)|nicht hilfreich|bringt mir nichts|hilft mir nicht weiter|hat nicht geholfen|nicht weiterhelfen|nicht weiter ?geholfen)\b/;

/**
 * The same short replies in the other languages the assistant speaks (en, tr, uk, ar, ru), on lowercase text
 * without punctuation: German folding would break their letters.
 */
const OTHER_YES =
  /^(yes|yeah|yep|sure|ok|okay|please|yes please|evet|tamam|olur|evet lütfen|так|да|авжеж|звісно|конечно|добре|хорошо|نعم|أيوه|ايوه|اي|تمام|حسنا|طيب)(\s|$)/u;
const OTHER_NO = /^(no|nope|no thanks|hayır|hayir|yok|istemiyorum|ні|нет|не треба|не надо|لا|لا شكرا)(\s|$)/u;
const OTHER_CANCEL =
  /^(cancel|stop|end|quit|iptal|bitir|vazgeç|скасувати|відміна|зупинити|завершити|отмена|отменить|стоп|завершить|إلغاء|الغاء|إنهاء|انهاء|توقف)$/u;

export function isYes(text: string): boolean {
  const folded = foldGerman(text);
  return (YES.test(folded) && !NOT.test(folded)) || OTHER_YES.test(plainWords(text));
}

export function isNo(text: string): boolean {
  return NO.test(foldGerman(text)) || OTHER_NO.test(plainWords(text));
}

export function isCancel(text: string): boolean {
  return CANCEL.test(foldGerman(text)) || OTHER_CANCEL.test(plainWords(text));
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
