/** Small talk and the honest answers for what the assistant cannot do (texts: knowledge/texte/de/gespraech.yaml). */
import type { KnowledgeBase } from '../../knowledge/loader';
import type { TenantFile } from '../../knowledge/schema';
import type { Texts } from '../../knowledge/texts/texts';
import { bulletList, kommuneAfter, type ButtonValue, type Reply } from './reply';

/** Services offered as examples and buttons, the most asked first. */
export const POPULAR_SERVICES = [
  'personalausweis',
  'reisepass',
  'wohnsitz-anmeldung',
  'kfz-zulassung',
  'fuehrungszeugnis',
  'meldebescheinigung',
];

/** Services as buttons: their names, each sending its service id as well (read without understanding the name). */
export interface ServiceButtons {
  suggestions: string[];
  buttonValues: Record<string, ButtonValue>;
}

export function serviceButtons(knowledge: KnowledgeBase, ids: readonly string[]): ServiceButtons {
  const out: ServiceButtons = { suggestions: [], buttonValues: {} };
  for (const id of ids) {
    const name = knowledge.services.get(id)?.name;
    if (name === undefined) continue;
    out.suggestions.push(name);
    out.buttonValues[name] = { service: id };
  }
  return out;
}

/** Example questions, as buttons: the most asked. */
export function examples(texts: Texts): string[] {
  return [
    texts.render('schaltflaechen.beispielAusweis'),
    texts.render('schaltflaechen.beispielReisepass'),
    texts.render('schaltflaechen.beispielZulassungsstelle'),
  ];
}

export function greetingAnswer(tenant: TenantFile): Reply {
  return {
    text: tenant.texts.render('gespraech.begruessung', { fuerKommune: kommuneAfter('fuer', tenant.name, tenant.texts.language) }),
    suggestions: examples(tenant.texts),
    expectsAnswer: true,
  };
}

export function helpAnswer(tenant: TenantFile, knowledge: KnowledgeBase): Reply {
  const names = [...knowledge.services.values()].map((s) => s.name).sort((a, b) => a.localeCompare(b, 'de'));
  return {
    text: tenant.texts.render('gespraech.hilfe', {
      imKommune: kommuneAfter('in', tenant.name, tenant.texts.language),
      leistungen: bulletList(names),
    }),
    suggestions: examples(tenant.texts),
    expectsAnswer: true,
  };
}

export function goodbyeAnswer(texts: Texts): Reply {
  return { text: texts.render('gespraech.abschied') };
}

export function outOfScopeAnswer(knowledge: KnowledgeBase, texts: Texts): Reply {
  return {
    text: texts.render('gespraech.nichtZustaendig'),
    ...serviceButtons(knowledge, POPULAR_SERVICES.slice(0, 4)),
    expectsAnswer: true,
  };
}

export function rephraseAnswer(texts: Texts): Reply {
  return { text: texts.render('gespraech.nichtVerstanden'), expectsAnswer: true };
}

/** `intentQuestion`: what the assistant will gladly do ("Gern nenne ich Ihnen die Kosten."). */
export function askServiceAnswer(texts: Texts, intentQuestion: string, choices: ServiceButtons): Reply {
  return { text: texts.render('gespraech.welcheLeistung', { frage: intentQuestion }), ...choices, expectsAnswer: true };
}
