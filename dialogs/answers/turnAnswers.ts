/**
 * What the assistant says about a turn it does not answer: a message too long to read, or a turn that failed
 * (texts: knowledge/texte/de/zug.yaml). Sent by the bot (bot/assistantBot.ts, bot/app.ts) through the same
 * renderer as every other reply, in the words of the conversation's Kommune (the default Kommune's when none is
 * known).
 */
import type { Texts } from '../../knowledge/texts/texts';
import type { Reply } from './reply';

/** A message longer than the assistant reads (bot/assistantBot.ts MAX_MESSAGE_CHARS). */
export function tooLongAnswer(texts: Texts): Reply {
  return { text: texts.render('zug.zuLang') };
}

/** The turn failed (an error nobody caught): the apology instead of an answer. */
export function turnFailedAnswer(texts: Texts): Reply {
  return { text: texts.render('zug.fehler') };
}
