/**
 * What the assistant says about a turn it does not answer: a message too long to read, or a turn that failed.
 * Sent by the bot (bot/assistantBot.ts, bot/app.ts) through the same renderer as every other reply.
 */
import type { Reply } from './reply';

const TOO_LONG = 'Ihre Nachricht ist leider zu lang für mich. Bitte stellen Sie Ihre Frage kürzer, in höchstens 2.000 Zeichen.';
const TURN_FAILED = 'Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuchen Sie es noch einmal.';

/** A message longer than the assistant reads (bot/assistantBot.ts MAX_MESSAGE_CHARS). */
export function tooLongAnswer(): Reply {
  return { text: TOO_LONG };
}

/** The turn failed (an error nobody caught): the apology instead of an answer. */
export function turnFailedAnswer(): Reply {
  return { text: TURN_FAILED };
}
