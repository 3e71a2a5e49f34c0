/**
 * The answer to a question about a service the assistant recognises but does not answer yet (a "known
 * unknown" of knowledge/weitere-leistungen.yaml): honest that it cannot answer, who is usually
 * responsible, and the way to a person — never the answer of a similar-sounding service. The texts:
 * knowledge/texte/de/weitere-leistungen.yaml.
 */
import type { OtherService, TenantFile } from '../../knowledge/schema';
import type { Reply } from './reply';
import { isOpen, serviceCenterCalendar } from '../../knowledge/calendar/businessCalendar';
import { reachabilitySentence } from './timePhrases';

/** Who is responsible where the chat's Kommune is (a Kommune may differ from the usual body). */
export function responsibleFor(other: OtherService, tenantId: string): string {
  return other.kommunen?.[tenantId] ?? other.zustaendig;
}

/** In the service center's hours a person is offered besides the callback; outside them, when it is reachable. */
export function otherServiceAnswer(other: OtherService, tenant: TenantFile, now: Date): Reply {
  const t = tenant.texts;
  const responsible = responsibleFor(other, tenant.id);
  const calendar = serviceCenterCalendar(tenant);
  const serviceCenterOpen = isOpen(calendar, now);
  const weg = serviceCenterOpen
    ? t.render('weitere-leistungen.servicecenterGeoeffnet')
    : t.render('weitere-leistungen.servicecenterGeschlossen', {
        erreichbar: reachabilitySentence(t, t.render('weitere-leistungen.servicecenter'), calendar, now),
      });
  // A responsibility not yet checked against a page that states it is said as what it is.
  const zustaendig = t.render(other.quelleAllgemein ? 'weitere-leistungen.zustaendigUngeprueft' : 'weitere-leistungen.zustaendig', {
    zustaendig: responsible,
  });
  const quelle = t.render(other.quelleAllgemein ? 'weitere-leistungen.quelle115' : 'weitere-leistungen.quelle', { url: other.quelle });
  const person = t.render('schaltflaechen.mitPersonSprechen');
  const callback = t.render('schaltflaechen.rueckrufVereinbaren');
  return {
    text: t.render('weitere-leistungen.antwort', { name: other.name, zustaendig, quelle, weg }),
    speak: t.render(serviceCenterOpen ? 'weitere-leistungen.gesprochenGeoeffnet' : 'weitere-leistungen.gesprochenGeschlossen', {
      name: other.name,
      zustaendig,
    }),
    suggestions: serviceCenterOpen ? [person, callback] : [callback],
    expectsAnswer: true,
  };
}
