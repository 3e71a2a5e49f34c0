/**
 * "Bitte löschen Sie meine Daten" (DSGVO Art. 17): the assistant asks once whether everything of this
 * conversation should go, and on "Ja" marks the turn; the bot then deletes the conversation's state,
 * transcript, queue entry and callback request after the turn (bot/assistantBot.ts), so that nothing of this
 * turn is written back either.
 */
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { toActivity } from './replyActivity';
import type { Texts } from '../knowledge/texts/texts';

export const DELETE_DATA_DIALOG = 'deleteDataDialog';
/** Set in turnState when the citizen confirmed: the bot forgets the conversation after this turn. */
export const FORGET_CONVERSATION = Symbol('forgetConversation');

const CONFIRM_PROMPT = 'deleteDataConfirm';
const YES = /^\s*(ja|jawohl|j|yes|ok|okay|bitte|löschen|ja,? (bitte )?löschen)\b/i;

export function forgetRequested(context: TurnContext): boolean {
  return context.turnState.get(FORGET_CONVERSATION) === true;
}

export class DeleteDataDialog extends ComponentDialog {
  /** `textsOf`: the texts of the turn's Kommune (knowledge/texte/de/daten-loeschen.yaml). */
  constructor(private readonly textsOf: (context: TurnContext) => Texts) {
    super(DELETE_DATA_DIALOG);
    this.addDialog(new TextPrompt(CONFIRM_PROMPT));
    this.addDialog(new WaterfallDialog('deleteDataFlow', [this.ask.bind(this), this.decide.bind(this)]));
    this.initialDialogId = 'deleteDataFlow';
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const texts = this.textsOf(step.context);
    return step.prompt(CONFIRM_PROMPT, {
      prompt: toActivity({
        text: texts.render('daten-loeschen.frage'),
        suggestions: [texts.render('schaltflaechen.jaLoeschen'), texts.render('schaltflaechen.nein')],
      }),
    });
  }

  private async decide(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const texts = this.textsOf(step.context);
    if (YES.test(String(step.result ?? ''))) {
      step.context.turnState.set(FORGET_CONVERSATION, true);
      await step.context.sendActivity(toActivity({ text: texts.render('daten-loeschen.erledigt') }));
    } else {
      await step.context.sendActivity(toActivity({ text: texts.render('daten-loeschen.nichtsGeloescht') }));
    }
    return step.endDialog();
  }
}
