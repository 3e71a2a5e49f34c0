/**
 * The main dialog: understands each message, decides (routing.ts) and answers from the knowledge of the
 * conversation's Kommune. When the service is missing or ambiguous it asks back with suggested actions.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog, DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog,
  type DialogState, type WaterfallStepContext, type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { Office, TenantFile } from '../knowledge/schema';
import { serviceForTenant } from '../knowledge/resolve';
import type { AssistantKnowledge } from './assistantKnowledge';
import { askedTime, type AskedTime } from '../intents/askedTime';
import type { Understanding } from '../intents/understanding';
import { decide, isHoursQuestion, type ConversationMemory, type Decision, type ServiceIntent } from './routing';
import type { Reply } from './answers/reply';
import {
  contactAnswer, documentsAnswer, feesAnswer, howtoAnswer, officeContactAnswer, officeHoursAnswer, serviceCenterHoursAnswer,
} from './answers/serviceAnswers';
import {
  POPULAR_SERVICES, askServiceAnswer, callbackNotAvailableAnswer, goodbyeAnswer, greetingAnswer, helpAnswer,
  humanNotAvailableAnswer, outOfScopeAnswer, rephraseAnswer, serviceButtons,
} from './answers/conversationAnswers';
import { toActivity } from './replyActivity';

/** Where the bot puts the conversation's tenant id for the dialogs of this turn. */
export const TENANT_KEY = Symbol('tenant');

export interface MainDialogDeps {
  /** The current knowledge (a function: it can be reloaded while conversations go on). */
  assistant: () => AssistantKnowledge;
  memory: StatePropertyAccessor<ConversationMemory>;
  clock: () => Date;
  /** Told about every understood message (metrics, the report of unanswered questions). */
  observe?: (turn: UnderstoodTurn) => void;
}

export interface UnderstoodTurn {
  tenant: string;
  text: string;
  understood: Understanding;
  decision: Decision['kind'];
}

const MAIN_FLOW = 'mainFlow';
const SERVICE_PROMPT = 'servicePrompt';

const ASK_SERVICE_QUESTION: Record<ServiceIntent, string> = {
  documents: 'Gern sage ich Ihnen, welche Unterlagen Sie brauchen.',
  fees: 'Gern nenne ich Ihnen die Kosten.',
  howto: 'Gern erkläre ich Ihnen den Ablauf.',
  contact: 'Gern sage ich Ihnen, wer zuständig ist.',
  hours: 'Gern nenne ich Ihnen die Öffnungszeiten.',
};

export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: MainDialogDeps) {
    super('mainDialog');
    this.addDialog(new TextPrompt(SERVICE_PROMPT));
    this.addDialog(new WaterfallDialog(MAIN_FLOW, [this.routeStep.bind(this), this.afterQuestionStep.bind(this)]));
    this.initialDialogId = MAIN_FLOW;
  }

  /** Runs the dialog for one turn, continuing a pending question or starting anew. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  async greet(context: TurnContext): Promise<void> {
    await context.sendActivity(toActivity(greetingAnswer(this.tenant(context))));
  }

  private tenant(context: TurnContext): TenantFile {
    const { knowledge } = this.deps.assistant();
    const id = context.turnState.get(TENANT_KEY) as string | undefined;
    const tenant = (id && knowledge.tenants.get(id)) || knowledge.tenants.values().next().value;
    if (!tenant) throw new Error('no tenant in the knowledge');
    return tenant;
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const assistant = this.deps.assistant();
    const tenant = this.tenant(context);
    const text = context.activity.text ?? '';
    const memory = await this.deps.memory.get(context, { misunderstandings: 0 });
    const understood = assistant.understanding.understand(text);
    const office = assistant.officeMatchers.get(tenant.id)?.match(text);
    const decision = decide(understood, memory, office !== undefined);
    this.deps.observe?.({ tenant: tenant.id, text, understood, decision: decision.kind });

    if (decision.kind === 'ask-service') {
      // The answer to this question is routed like any message, with the pending intent remembered.
      await this.deps.memory.set(context, { ...memory, lastIntent: decision.intent, lastService: undefined });
      const choices = decision.candidates.length > 0 ? decision.candidates : POPULAR_SERVICES;
      const reply = askServiceAnswer(ASK_SERVICE_QUESTION[decision.intent], serviceButtons(assistant.knowledge, choices));
      return step.prompt(SERVICE_PROMPT, { prompt: toActivity(reply) });
    }
    // Only hours questions need the date/time recognizer ("Hat das Standesamt am Freitagnachmittag auf?").
    const asked = isHoursQuestion(decision) ? askedTime(text, this.deps.clock()) : undefined;
    const { reply, memory: next } = this.answer(decision, memory, tenant, office, asked);
    await this.deps.memory.set(context, next);
    await context.sendActivity(toActivity(reply));
    return step.endDialog();
  }

  /** The citizen answered "which service?": handle the answer as a new message (the intent is remembered). */
  private async afterQuestionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.replaceDialog(MAIN_FLOW);
  }

  private answer(decision: Exclude<Decision, { kind: 'ask-service' }>, memory: ConversationMemory, tenant: TenantFile,
    office: Office | undefined, asked: AskedTime | undefined): { reply: Reply; memory: ConversationMemory } {
    const { knowledge } = this.deps.assistant();
    const now = this.deps.clock();
    const answered = (reply: Reply, m: Partial<ConversationMemory> = {}): { reply: Reply; memory: ConversationMemory } =>
      ({ reply, memory: { ...memory, ...m, misunderstandings: 0 } });

    switch (decision.kind) {
      case 'answer': {
        const s = serviceForTenant(knowledge, decision.service, tenant.id);
        if (!s) return answered(outOfScopeAnswer(knowledge));
        const compose = { documents: documentsAnswer, fees: feesAnswer, howto: howtoAnswer, contact: contactAnswer, hours: undefined }[decision.intent];
        const reply = compose ? compose(s) : officeHoursAnswer(s.office, tenant, now, asked);
        return answered(reply, { lastIntent: decision.intent, lastService: decision.service });
      }
      case 'office':
        if (decision.intent === 'contact' && office) return answered(officeContactAnswer(office, tenant), { lastIntent: 'contact' });
        return answered(office ? officeHoursAnswer(office, tenant, now, asked) : serviceCenterHoursAnswer(tenant, now, asked), { lastIntent: 'hours' });
      case 'small-talk':
        switch (decision.intent) {
          case 'greeting': return answered(greetingAnswer(tenant));
          case 'help': return answered(helpAnswer(tenant, knowledge));
          case 'goodbye': return answered(goodbyeAnswer());
          case 'agent': return answered(humanNotAvailableAnswer(tenant, now, false));
          case 'callback': return answered(callbackNotAvailableAnswer(tenant, now));
        }
        break;
      case 'not-understood': {
        const count = memory.misunderstandings + 1;
        // The second time in a row, offer a person rather than asking again.
        if (count >= 2) return { reply: humanNotAvailableAnswer(tenant, now, true), memory: { ...memory, misunderstandings: 0 } };
        return { reply: decision.unsure ? rephraseAnswer() : outOfScopeAnswer(knowledge), memory: { ...memory, misunderstandings: count } };
      }
    }
    return answered(outOfScopeAnswer(knowledge));
  }
}
