/** A conversation as the citizen meets it: each reply's chat text and what a voice says (SSML as plain text). */
import type { Activity } from 'botbuilder';
import type { AssistantKnowledge } from '../../dialogs/assistantKnowledge';
import { addVoice } from '../../bot/voiceMiddleware';
import { ask, dialogClient } from './assistant';

export interface HeardReply {
  text: string;
  /** The spoken form: the SSML's text with its tags removed and entities decoded. */
  spoken: string;
  buttons: string[];
  activity: Partial<Activity>;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

export function spokenOf(activity: Partial<Activity>): string {
  const copy = { ...activity, type: 'message' };
  addVoice(copy, 'de-DE-KatjaNeural');
  return String(copy.speak ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(/&\w+;/g, (e) => ENTITIES[e] ?? e)
    .trim();
}

/** Sends the turns in one new conversation and returns every reply, heard. */
export async function converse(
  assistant: AssistantKnowledge,
  tenant: string,
  turns: readonly string[],
  clock?: () => Date,
): Promise<HeardReply[]> {
  const client = dialogClient(assistant, tenant, clock);
  const out: HeardReply[] = [];
  for (const t of turns) {
    const activity = await ask(client, t);
    out.push({
      text: activity.text ?? '',
      spoken: spokenOf(activity),
      buttons: (activity.suggestedActions?.actions ?? []).map((a) => String(a.title)),
      activity,
    });
  }
  return out;
}
