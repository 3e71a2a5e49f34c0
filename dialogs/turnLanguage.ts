/**
 * The language of the current turn's replies: set by the main dialog when it reads a message (or, for a dialog
 * that continues, from what the conversation remembers), read by every dialog that renders texts and by the voice.
 */
import type { TurnContext } from 'botbuilder';
import type { KnowledgeBase } from '../knowledge/loader';
import type { LanguageCode } from '../knowledge/schema';

export const LANGUAGE_KEY = Symbol('language');

export function turnLanguage(context: TurnContext): LanguageCode {
  return (context.turnState.get(LANGUAGE_KEY) as LanguageCode | undefined) ?? 'de';
}

/** The knowledge in the words of the turn's language. */
export function turnKnowledge(context: TurnContext, knowledge: KnowledgeBase): KnowledgeBase {
  return knowledge.inLanguage(turnLanguage(context));
}
