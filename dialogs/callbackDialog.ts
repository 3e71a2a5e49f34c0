/**
 * The callback request: phone number (validated for Germany), wished time (German date/time recognizer,
 * checked against the service center's business hours, with the nearest valid slot proposed), topic,
 * explicit consent to store the number (DSGVO: without a yes nothing is stored), and a confirmation with a
 * reference number. Every answer may be "abbrechen".
 *
 * All values live in the dialog state (conversation state, SQLite), so a restart in the middle of the
 * dialog continues where the citizen was.
 */
import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { TenantFile } from '../knowledge/schema';
import type { AssistantKnowledge } from './assistantKnowledge';
import type { HandoffPort } from './handoffPort';
import { toActivity } from './replyActivity';
import { callbackTopic, isCancel, isNo, isYes } from '../intents/shortReplies';
import type { Texts } from '../knowledge/texts/texts';
import {
  askTimeText,
  callbackConfirmedText,
  consentButtons,
  consentText,
  proposeSlotText,
  retryTimeText,
  slotButtons,
  timeSuggestions,
} from './answers/handoffAnswers';
import { absoluteText, dayOnlyText, dayText, slotText, stretchText } from './answers/timePhrases';
import { tenantOrDefault, tenantTexts } from './tenantTexts';
import { turnKnowledge, turnLanguage } from './turnLanguage';
import { understandWish, type Wish } from '../intents/wishedTime';
import { parseGermanPhone } from '../intents/phoneNumber';
import { sameBerlinDay } from '../knowledge/calendar/berlinTime';
import { closingOf, nearestSlot, openPartOf, serviceCenterCalendar } from '../knowledge/calendar/businessCalendar';

export const CALLBACK_DIALOG = 'callbackDialog';
const FLOW = 'callbackFlow';
const TIME_FLOW = 'callbackTimeFlow';
const PHONE_PROMPT = 'callbackPhonePrompt';
const TIME_PROMPT = 'callbackTimePrompt';
const YES_NO_PROMPT = 'callbackYesNoPrompt';
const TOPIC_PROMPT = 'callbackTopicPrompt';

export interface CallbackOptions {
  tenant: string;
  topic?: string;
  /** The service the assistant understood before (id): the ticket shows it, also when the citizen names no topic. */
  service?: string;
  /** The message that asked for the call: a number in it ("… meine Nummer ist 0151 …") is not asked for again. */
  request?: string;
}

interface CallbackValues {
  tenant: string;
  topic?: string;
  service?: string;
  phone?: string;
  phoneDisplay?: string;
  /** Epoch ms of the agreed slot. */
  at?: number;
  dateOnly?: boolean;
  /** Epoch ms of the end of an agreed stretch of time ("morgen Vormittag"). */
  until?: number;
}

interface TimeValues {
  tenant: string;
  proposed?: number;
  dateOnly?: boolean;
}
interface TimeResult {
  at?: number;
  dateOnly?: boolean;
  until?: number;
  cancelled?: boolean;
}
const CANCELLED = { cancelled: true } as const;
const MAX_TOPIC = 300;

export interface CallbackDialogDeps {
  assistant: () => AssistantKnowledge;
  clock: () => Date;
  handoff?: HandoffPort;
}

export class CallbackDialog extends ComponentDialog {
  constructor(private readonly deps: CallbackDialogDeps) {
    super(CALLBACK_DIALOG);
    this.addDialog(
      new TextPrompt(
        PHONE_PROMPT,
        async (p: PromptValidatorContext<string>) =>
          p.recognized.succeeded && (isCancel(p.recognized.value ?? '') || parseGermanPhone(p.recognized.value ?? '') !== undefined),
      ),
    );
    this.addDialog(
      new TextPrompt(TIME_PROMPT, async (p: PromptValidatorContext<string>) => {
        const text = p.recognized.value ?? '';
        if (!p.recognized.succeeded) return false;
        if (isCancel(text)) return true;
        const tenant = this.tenantOf((p.options as { validations?: { tenant?: string } }).validations?.tenant);
        return (
          tenant !== undefined &&
          understandWish(text, this.deps.clock(), serviceCenterCalendar(tenant), turnLanguage(p.context)) !== undefined
        );
      }),
    );
    this.addDialog(
      new TextPrompt(YES_NO_PROMPT, async (p: PromptValidatorContext<string>) => {
        const text = p.recognized.value ?? '';
        return p.recognized.succeeded && (isYes(text) || isNo(text) || isCancel(text));
      }),
    );
    this.addDialog(
      new TextPrompt(
        TOPIC_PROMPT,
        async (p: PromptValidatorContext<string>) => p.recognized.succeeded && (p.recognized.value ?? '').trim().length > 0,
      ),
    );
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.askPhone.bind(this),
        this.askTime.bind(this),
        this.askTopic.bind(this),
        this.askConsent.bind(this),
        this.save.bind(this),
      ]),
    );
    this.addDialog(new WaterfallDialog(TIME_FLOW, [this.timeAsk.bind(this), this.timeCheck.bind(this), this.timeConfirm.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private tenantOf(id: string | undefined): TenantFile | undefined {
    return id ? this.deps.assistant().knowledge.tenants.get(id) : undefined;
  }

  /** The texts of the Kommune the callback is for. */
  private texts(context: TurnContext, tenantId: string | undefined): Texts {
    return tenantTexts(turnKnowledge(context, this.deps.assistant().knowledge), tenantId);
  }

  private values(step: WaterfallStepContext): CallbackValues {
    return step.values as CallbackValues;
  }

  private async cancel(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const texts = this.texts(step.context, this.values(step).tenant);
    await step.context.sendActivity(toActivity({ text: texts.render('rueckruf.abgebrochen') }));
    return step.endDialog(CANCELLED);
  }

  private async askPhone(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as CallbackOptions;
    Object.assign(this.values(step), { tenant: options.tenant, topic: options.topic, service: options.service });
    if (options.request !== undefined && parseGermanPhone(options.request)) return step.next(options.request);
    const texts = this.texts(step.context, options.tenant);
    const suggestions = [texts.render('schaltflaechen.abbrechen')];
    return step.prompt(PHONE_PROMPT, {
      prompt: toActivity({ text: texts.render('rueckruf.telefonFrage'), expectsAnswer: true, suggestions }),
      retryPrompt: toActivity({ text: texts.render('rueckruf.telefonNochmal'), expectsAnswer: true, suggestions }),
    });
  }

  private async askTime(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = String(step.result ?? '');
    if (isCancel(text)) return this.cancel(step);
    const phone = parseGermanPhone(text);
    if (!phone) return this.cancel(step);
    Object.assign(this.values(step), { phone: phone.e164, phoneDisplay: phone.display });
    return step.beginDialog(TIME_FLOW, { tenant: this.values(step).tenant });
  }

  private async askTopic(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as TimeResult | undefined;
    if (!result || result.cancelled || result.at === undefined) return this.cancel(step);
    Object.assign(this.values(step), { at: result.at, dateOnly: result.dateOnly === true, until: result.until });
    if (this.values(step).topic) return step.next(this.values(step).topic);
    const text = this.texts(step.context, this.values(step).tenant).render('rueckruf.themaFrage');
    return step.prompt(TOPIC_PROMPT, { prompt: toActivity({ text, expectsAnswer: true }) });
  }

  private async askConsent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = String(step.result ?? '').trim();
    if (isCancel(answer)) return this.cancel(step);
    const v = this.values(step);
    // "Nein", "kein Thema", "weiß nicht": no topic (the ticket shows the service understood, if any).
    v.topic = callbackTopic(answer)?.slice(0, MAX_TOPIC) ?? '';
    const texts = this.texts(step.context, v.tenant);
    const when = this.whenText(texts, v);
    return step.prompt(YES_NO_PROMPT, {
      prompt: toActivity({
        text: consentText(texts, v.phoneDisplay ?? '', when, v.topic),
        suggestions: consentButtons(texts),
        expectsAnswer: true,
      }),
      retryPrompt: toActivity({
        text: texts.render('rueckruf.einwilligungNochmal'),
        suggestions: consentButtons(texts),
        expectsAnswer: true,
      }),
    });
  }

  private async save(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = String(step.result ?? '');
    const v = this.values(step);
    const texts = this.texts(step.context, v.tenant);
    if (!isYes(answer)) {
      // No consent: nothing is stored; the number leaves the dialog state when this dialog ends.
      await step.context.sendActivity(
        toActivity({ text: texts.render(isCancel(answer) ? 'rueckruf.abgebrochen' : 'rueckruf.nichtsGespeichert') }),
      );
      return step.endDialog(CANCELLED);
    }
    if (!this.deps.handoff || v.phone === undefined || v.at === undefined) {
      await step.context.sendActivity(toActivity({ text: texts.render('rueckruf.nichtSpeicherbar') }));
      return step.endDialog(CANCELLED);
    }
    const { reference } = await this.deps.handoff.createTicket({
      conversationId: step.context.activity.conversation?.id,
      tenant: v.tenant,
      topic: v.topic ?? '',
      service: v.service,
      phone: v.phone,
      phoneDisplay: v.phoneDisplay,
      wishedAt: new Date(v.at),
      wishedText: absoluteText(texts, new Date(v.at), v.dateOnly, v.until === undefined ? undefined : new Date(v.until)),
      // A stretch ("morgen Vormittag") is due at its end, a day without a time when the service center closes.
      dueAt: v.until !== undefined ? new Date(v.until) : v.dateOnly ? this.endOfBusinessDay(v.tenant, new Date(v.at)) : undefined,
    });
    await step.context.sendActivity(
      toActivity({ text: callbackConfirmedText(texts, reference, this.whenText(texts, v), v.phoneDisplay ?? v.phone) }),
    );
    return step.endDialog({ reference });
  }

  /** A wish for a day without a time is due when the service center closes that day. */
  private endOfBusinessDay(tenantId: string, at: Date): Date | undefined {
    const tenant = this.tenantOf(tenantId);
    return tenant ? closingOf(serviceCenterCalendar(tenant), at) : undefined;
  }

  private whenText(texts: Texts, v: { at?: number; dateOnly?: boolean; until?: number }): string {
    if (v.at === undefined) return '';
    const now = this.deps.clock();
    if (v.dateOnly) return dayOnlyText(texts, new Date(v.at), now);
    if (v.until !== undefined && Math.abs(v.at - now.getTime()) >= 60000) return stretchText(texts, new Date(v.at), new Date(v.until), now);
    return Math.abs(v.at - now.getTime()) < 60000 ? texts.render('rueckruf.soBaldWieMoeglich') : slotText(texts, new Date(v.at), now);
  }

  // ---- the wished time: ask, check against business hours, propose the nearest slot ----------------

  private async timeAsk(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as TimeValues;
    Object.assign(step.values, { tenant: options.tenant });
    const known = this.tenantOf(options.tenant);
    const tenant = known && tenantOrDefault(turnKnowledge(step.context, this.deps.assistant().knowledge), known.id);
    const texts = this.texts(step.context, options.tenant);
    return step.prompt(TIME_PROMPT, {
      prompt: toActivity({
        text: tenant ? askTimeText(tenant) : texts.render('rueckruf.zeitFrageKurz'),
        suggestions: timeSuggestions(texts),
        expectsAnswer: true,
      }),
      retryPrompt: toActivity({ text: retryTimeText(texts), suggestions: timeSuggestions(texts), expectsAnswer: true }),
      validations: { tenant: options.tenant },
    });
  }

  private async timeCheck(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = String(step.result ?? '');
    const values = step.values as TimeValues;
    const tenant = this.tenantOf(values.tenant);
    if (isCancel(text) || !tenant) return step.endDialog(CANCELLED);
    const cal = serviceCenterCalendar(tenant);
    const texts = this.texts(step.context, tenant.id);
    const now = this.deps.clock();
    const wish = understandWish(text, now, cal, turnLanguage(step.context)) as Wish;
    /** What the citizen asked for, said back when it cannot be kept ("Morgen um 19:30 Uhr ist …"). */
    let wished: string | undefined;
    let partly = false;
    if (wish.kind === 'asap') {
      const slot = nearestSlot(cal, now, now);
      if (!slot) return step.endDialog(CANCELLED);
      if (slot.exact) return step.endDialog({ at: slot.at.getTime() });
      values.proposed = slot.at.getTime();
    } else if (wish.dateOnly) {
      const slot = nearestSlot(cal, wish.at, now);
      if (!slot) return step.endDialog(CANCELLED);
      // A day without a time is fine when the service center is open that day.
      if (sameBerlinDay(slot.at, wish.at)) return step.endDialog({ at: slot.at.getTime(), dateOnly: true });
      values.proposed = slot.at.getTime();
      wished = dayText(texts, wish.at, now);
    } else if (wish.until) {
      // A stretch of time ("morgen Vormittag", "heute Abend"): kept when the service center is open all of
      // it; else its first open moment, or the nearest slot when it is closed all the time.
      const open = openPartOf(cal, wish.at, wish.until, now);
      if (open?.whole) return step.endDialog({ at: wish.at.getTime(), until: wish.until.getTime() });
      const slot = open ? { at: open.at } : nearestSlot(cal, wish.at, now);
      if (!slot) return step.endDialog(CANCELLED);
      values.proposed = slot.at.getTime();
      wished = stretchText(texts, wish.at, wish.until, now);
      partly = open !== undefined;
    } else {
      const slot = nearestSlot(cal, wish.at, now);
      if (!slot) return step.endDialog(CANCELLED);
      if (slot.exact) return step.endDialog({ at: slot.at.getTime() });
      values.proposed = slot.at.getTime();
      wished = slotText(texts, wish.at, now);
    }
    return step.prompt(YES_NO_PROMPT, {
      prompt: toActivity({
        text: proposeSlotText(texts, slotText(texts, new Date(values.proposed), now), wished, partly),
        suggestions: slotButtons(texts),
        expectsAnswer: true,
      }),
      retryPrompt: toActivity({ text: texts.render('rueckruf.jaOderNein'), suggestions: slotButtons(texts), expectsAnswer: true }),
    });
  }

  private async timeConfirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = String(step.result ?? '');
    const values = step.values as TimeValues;
    if (isCancel(text)) return step.endDialog(CANCELLED);
    if (isYes(text) && values.proposed !== undefined) return step.endDialog({ at: values.proposed });
    // "Nein, andere Zeit": ask again.
    return step.replaceDialog(TIME_FLOW, { tenant: values.tenant });
  }
}
