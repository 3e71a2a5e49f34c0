/** Small talk and the honest answers for what the assistant cannot do. */
import type { KnowledgeBase } from '../../knowledge/loader';
import type { TenantFile } from '../../knowledge/schema';
import { bulletList, forKommune, inKommune, type ButtonValue, type Reply } from './reply';

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

export const EXAMPLES = [
  'Was brauche ich für einen Personalausweis?',
  'Was kostet ein Reisepass?',
  'Wann hat die Zulassungsstelle geöffnet?',
];

export function greetingAnswer(tenant: TenantFile): Reply {
  return {
    text:
      `Guten Tag! Ich bin der digitale Assistent des Service-Centers ${forKommune(tenant.name)}. ` +
      'Ich beantworte Fragen zu Leistungen der Verwaltung: welche Unterlagen Sie brauchen, was es kostet, wie es abläuft, wer zuständig ist und wann geöffnet ist. Wie kann ich helfen?',
    suggestions: EXAMPLES,
    expectsAnswer: true,
  };
}

export function helpAnswer(tenant: TenantFile, knowledge: KnowledgeBase): Reply {
  const names = [...knowledge.services.values()].map((s) => s.name).sort((a, b) => a.localeCompare(b, 'de'));
  return {
    text:
      `Ich beantworte Fragen zu diesen Leistungen ${inKommune(tenant.name)}:\n${bulletList(names)}\n\n` +
      'Fragen Sie zum Beispiel nach Unterlagen, Kosten, Ablauf, Zuständigkeit oder Öffnungszeiten. ' +
      'Persönliche Anliegen und Fälle, die ich nicht kenne, beantwortet das Service-Center.',
    suggestions: EXAMPLES,
    expectsAnswer: true,
  };
}

export function goodbyeAnswer(): Reply {
  return { text: 'Gern geschehen! Wenn Sie noch eine Frage haben, schreiben Sie mir einfach. Auf Wiedersehen!' };
}

export function outOfScopeAnswer(knowledge: KnowledgeBase): Reply {
  return {
    text:
      'Dazu kann ich Ihnen leider nicht helfen. Ich kenne mich mit Leistungen der Verwaltung aus, zum Beispiel ' +
      'Personalausweis, Reisepass, Wohnsitz-Anmeldung, Kfz-Zulassung oder Führungszeugnis: welche Unterlagen Sie brauchen, was es kostet, wie es abläuft, wer zuständig ist und wann geöffnet ist.',
    ...serviceButtons(knowledge, POPULAR_SERVICES.slice(0, 4)),
    expectsAnswer: true,
  };
}

export function rephraseAnswer(): Reply {
  return {
    text: 'Das habe ich leider nicht sicher verstanden. Können Sie Ihre Frage bitte anders formulieren? Nennen Sie am besten die Leistung und was Sie wissen möchten, zum Beispiel „Was kostet ein Reisepass?“.',
    expectsAnswer: true,
  };
}

export function askServiceAnswer(intentQuestion: string, choices: ServiceButtons): Reply {
  return { text: `${intentQuestion} Um welche Leistung geht es?`, ...choices, expectsAnswer: true };
}
