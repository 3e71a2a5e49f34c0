/**
 * Gives every outgoing message its spoken form (SSML `speak` in the Kommune's voice) and an `inputHint`.
 * Registered on the adapter (adapter.use), so it covers every dialog's replies, error messages and proactive
 * messages alike; the rendering itself lives in dialogs/voice.ts.
 */
import { InputHints, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { asksQuestion, forTheEarIn, spokenTextIn, toSsml, type SpeakableMessage, type Voice } from '../dialogs/voice';
import { setBounded } from './boundedMap';

/**
 * The voice for the replies of this turn: its Kommune's for German, the language's for the language the turn
 * answers in (may load conversation state). A plain name is a German voice.
 */
export type VoiceOf = (context: TurnContext) => Promise<string | Voice>;

const voiceFrom = (voice: string | Voice): Voice => (typeof voice === 'string' ? { name: voice, locale: 'de-DE' } : voice);

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** What of an activity is spoken: text, buttons and the cards' own `speak` or title. */
export function speakableOf(activity: Partial<Activity>): SpeakableMessage {
  const cards = (activity.attachments ?? []).map((a) => {
    const content = (a.content ?? {}) as { speak?: unknown; title?: unknown; body?: { type?: string; text?: unknown }[] };
    const speak = typeof content.speak === 'string' ? content.speak : undefined;
    let title = typeof content.title === 'string' ? content.title : undefined;
    if (!title && a.contentType === ADAPTIVE_CARD && Array.isArray(content.body)) {
      const first = content.body.find((e) => e?.type === 'TextBlock' && typeof e.text === 'string');
      title = first?.text as string | undefined;
    }
    return { speak, title };
  });
  return {
    text: activity.text,
    suggestions: (activity.suggestedActions?.actions ?? []).map((a) => String(a.title ?? a.value ?? '')).filter(Boolean),
    cards,
  };
}

/** How many rendered replies are kept (oldest dropped first). */
const RENDERED_KEPT = 2000;
const rendered = new Map<string, string>();

/**
 * The SSML of a message. Rendering for the ear is some thirty regular-expression passes over the reply;
 * replies are composed from the knowledge, so the same ones go to many citizens ("Was kostet ein
 * Reisepass?"), and each is rendered once per voice.
 */
function ssmlOf(speakable: SpeakableMessage, voice: Voice): string {
  const key = `${voice.name}\n${voice.locale}\n${JSON.stringify(speakable)}`;
  let ssml = rendered.get(key);
  if (ssml === undefined) {
    ssml = toSsml(spokenTextIn(voice.locale.slice(0, 2), speakable), voice.name, voice.locale);
    setBounded(rendered, key, ssml, RENDERED_KEPT);
  }
  return ssml;
}

/** Adds `speak` and `inputHint` to one message activity, leaving what a dialog set explicitly. */
export function addVoice(activity: Partial<Activity>, given: string | Voice): void {
  if (activity.type !== 'message') return;
  const voice = voiceFrom(given);
  // The language of the reply, for clients (Web Chat reads and speaks by it) and the agents' transcript.
  if (voice.locale !== 'de-DE') {
    activity.locale = voice.locale;
    activity.channelData = { language: voice.locale.slice(0, 2), ...(activity.channelData as object | undefined) };
  }
  if (!activity.speak) {
    activity.speak = ssmlOf(speakableOf(activity), voice);
  } else if (!/^\s*<speak[\s>]/.test(activity.speak)) {
    // Plain text set by a dialog: still wrapped and escaped, so the channel always gets valid SSML.
    activity.speak = toSsml(forTheEarIn(voice.locale.slice(0, 2), activity.speak), voice.name, voice.locale);
  }
  if (!activity.inputHint) {
    activity.inputHint = asksQuestion(activity.text) ? InputHints.ExpectingInput : InputHints.AcceptingInput;
  }
}

export class VoiceMiddleware implements Middleware {
  constructor(private readonly voiceOf: VoiceOf) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (ctx, activities, sendNext) => {
      if (activities.some((a) => a.type === 'message')) {
        const voice = await this.voiceOf(ctx);
        for (const activity of activities) addVoice(activity, voice);
      }
      return sendNext();
    });
    await next();
  }
}
