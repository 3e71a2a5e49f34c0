/**
 * What happens when a turn fails: the citizen hears the dialogs' apology and the failure is logged and counted. A
 * proactive turn (an agent's message, a queue update, a callback offer) has a caller that keeps what must not
 * be lost and tries again later: it has to hear of the failure, and there is nobody to apologise to.
 */
import { ActivityEventNames, ActivityTypes, type TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { turnFailedAnswer } from '../../dialogs/answers/turnAnswers';
import { toActivity } from '../../dialogs/replyActivity';
import type { Texts } from '../../knowledge/texts/texts';

/** `textsOf`: the words of the turn's Kommune (the default Kommune's when the turn has none). */
export function turnErrorPolicy(
  log: Logger,
  metrics: Metrics,
  textsOf: (context: TurnContext) => Promise<Texts>,
): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    if (context.activity.type === ActivityTypes.Event && context.activity.name === ActivityEventNames.ContinueConversation) throw error;
    log.error({ err: error.message, stack: error.stack?.split('\n').slice(0, 5).join(' | ') }, 'turn failed');
    metrics.errors.inc({ kind: 'turn' });
    try {
      await context.sendActivity(toActivity(turnFailedAnswer(await textsOf(context))));
    } catch {
      /* the channel may be gone: nothing more to do */
    }
  };
}
