/**
 * The callback offer: when no person can take the conversation (outside business hours, nobody online, an
 * agent who did not accept in time, a contact-center platform that failed), the citizen is told so and
 * offered a call back. "Ja, bitte zurückrufen" leads into the callback dialog, "Nein, danke" ends politely;
 * anything else is no answer to the offer but a new question, handed back to the caller to route as one.
 */
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { toActivity } from './replyActivity';
import { noCallbackAnswer, offerReply } from './answers/handoffAnswers';
import { isCancel, isNo, isYes, mentionsCallback } from '../intents/shortReplies';
import { tenantTexts } from './tenantTexts';
import { turnKnowledge } from './turnLanguage';
import { CALLBACK_DIALOG, CallbackDialog, type CallbackDialogDeps, type CallbackOptions } from './callbackDialog';

export const CALLBACK_OFFER_DIALOG = 'callbackOfferDialog';
const FLOW = 'offerCallbackFlow';
const PROMPT = 'offerCallbackPrompt';

export interface CallbackOfferOptions {
  /** What the citizen is told before the buttons (why nobody can take the conversation now). */
  offer: string;
  tenant: string;
  /** What the conversation was about, for the ticket. */
  topic?: string;
  service?: string;
}

/** The dialog's result when the citizen's message was no answer to the offer: route it as a new question. */
export interface Reroute {
  reroute: true;
}
export const isReroute = (r: unknown): r is Reroute => typeof r === 'object' && r !== null && (r as Reroute).reroute === true;

export class CallbackOfferDialog extends ComponentDialog {
  constructor(private readonly deps: CallbackDialogDeps) {
    super(CALLBACK_OFFER_DIALOG);
    this.addDialog(new TextPrompt(PROMPT));
    this.addDialog(new CallbackDialog(deps));
    this.addDialog(new WaterfallDialog(FLOW, [this.ask.bind(this), this.answer.bind(this), this.done.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as CallbackOfferOptions;
    Object.assign(step.values, { tenant: options.tenant, topic: options.topic, service: options.service });
    return step.prompt(PROMPT, {
      prompt: toActivity(
        offerReply(tenantTexts(turnKnowledge(step.context, this.deps.assistant().knowledge), options.tenant), options.offer),
      ),
    });
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = String(step.result ?? '');
    const { tenant, topic, service } = step.values as { tenant: string; topic?: string; service?: string };
    if (isYes(text) || mentionsCallback(text)) {
      const options: CallbackOptions = { tenant, topic, service };
      return step.beginDialog(CALLBACK_DIALOG, options);
    }
    if (isNo(text) || isCancel(text)) {
      await step.context.sendActivity(
        toActivity(noCallbackAnswer(tenantTexts(turnKnowledge(step.context, this.deps.assistant().knowledge), tenant))),
      );
      return step.endDialog({ done: true });
    }
    const reroute: Reroute = { reroute: true };
    return step.endDialog(reroute);
  }

  private async done(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog({ done: true });
  }
}
