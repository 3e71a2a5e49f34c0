/**
 * The answer to a question about a service the assistant recognises but does not answer yet (a "known
 * unknown" of knowledge/weitere-leistungen.yaml): honest that it cannot answer, who is usually
 * responsible, and the way to a person — never the answer of a similar-sounding service.
 */
import type { OtherService, TenantFile } from '../../knowledge/schema';
import type { Reply } from './reply';
import { isOpen, serviceCenterCalendar } from '../../knowledge/calendar/businessCalendar';
import { reachabilitySentence } from './timePhrases';

export const TALK_TO_PERSON = 'Mit einer Person sprechen';
export const ASK_CALLBACK = 'Rückruf vereinbaren';

/** Who is responsible where the chat's Kommune is (a Kommune may differ from the usual body). */
export function responsibleFor(other: OtherService, tenantId: string): string {
  return other.kommunen?.[tenantId] ?? other.zustaendig;
}

/** In the service center's hours a person is offered besides the callback; outside them, when it is reachable. */
export function otherServiceAnswer(other: OtherService, tenant: TenantFile, now: Date): Reply {
  const responsible = responsibleFor(other, tenant.id);
  const calendar = serviceCenterCalendar(tenant);
  const serviceCenterOpen = isOpen(calendar, now);
  const way = serviceCenterOpen
    ? 'Das Service-Center hilft Ihnen weiter: Ich verbinde Sie gern mit einer Person oder vereinbare einen Rückruf.'
    : `${reachabilitySentence('das Service-Center', calendar, now)} Gern vereinbare ich einen Rückruf.`;
  // A responsibility not yet checked against a page that states it is said as what it is.
  const who = other.quelleAllgemein
    ? `Meist ist dafür zuständig: ${responsible}. Für Ihre Kommune ist das hier noch nicht geprüft.`
    : `Zuständig ist in der Regel: ${responsible}.`;
  const link = other.quelleAllgemein ? `[Behördenfinder 115](${other.quelle})` : `[Quelle](${other.quelle})`;
  return {
    text: `Zum Thema **${other.name}** kann ich Ihnen hier leider noch keine Auskunft geben.\n\n${who} ${link}\n\n${way}`,
    speak:
      `Zum Thema ${other.name} kann ich leider noch keine Auskunft geben. ${who} ` +
      (serviceCenterOpen ? 'Möchten Sie mit einer Person sprechen, oder sollen wir Sie zurückrufen?' : 'Sollen wir Sie zurückrufen?'),
    suggestions: serviceCenterOpen ? [TALK_TO_PERSON, ASK_CALLBACK] : [ASK_CALLBACK],
    expectsAnswer: true,
  };
}
