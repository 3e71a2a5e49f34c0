import { strict as assert } from 'node:assert';
import { shippedTexts } from '../helpers/texts';
import { assertEachRendered } from '../helpers/cases';
import { formatEuro, forKommune, inKommune, joinGerman, kommuneAfter } from '../../dialogs/answers/reply';
import { agentEndedText, agentMessageText, agentSpeaker, connectedText } from '../../dialogs/answers/handoffAnswers';
import { genitiveOf } from '../../dialogs/answers/serviceAnswers';

describe('reply wording', () => {
  it('puts the Kommune in a German sentence with the right preposition and article', () => {
    assertEachRendered(inKommune, {
      'Landkreis Gifhorn': 'im Landkreis Gifhorn',
      'Stadt Wolfsburg': 'in der Stadt Wolfsburg',
      'Samtgemeinde Brome': 'in der Samtgemeinde Brome',
      Musterstadt: 'in Musterstadt',
    });
    assertEachRendered(forKommune, {
      'Landkreis Gifhorn': 'für den Landkreis Gifhorn',
      'Stadt Wolfsburg': 'für die Stadt Wolfsburg',
    });
  });

  it('puts the Kommune in an English sentence with its kind in English; the other languages name it as it is', () => {
    assertEachRendered((name) => kommuneAfter('fuer', name, 'en'), {
      'Stadt Wolfsburg': 'for the City of Wolfsburg',
      'Landkreis Gifhorn': 'for the District of Gifhorn',
      Musterstadt: 'for Musterstadt',
    });
    assert.equal(kommuneAfter('in', 'Samtgemeinde Brome', 'en'), 'in the Joint Municipality of Brome');
    assert.equal(kommuneAfter('in', 'Landkreis Gifhorn', 'de'), 'im Landkreis Gifhorn');
    assert.equal(kommuneAfter('fuer', 'Stadt Wolfsburg', 'tr'), 'Stadt Wolfsburg');
  });

  it('writes amounts and lists the German way', () => {
    assert.equal(formatEuro(46), '46,00\u00a0€'); // a no-break space keeps amount and currency on one line
    assert.equal(formatEuro(0), 'kostenlos');
    assert.equal(joinGerman(['A', 'B', 'C']), 'A, B und C');
  });
});

describe('an office named in the genitive', () => {
  it('puts the ending on the head noun, not on the last word of the name', () => {
    assert.equal(genitiveOf('das Bürgerbüro der Samtgemeinde Isenbüttel'), 'des Bürgerbüros der Samtgemeinde Isenbüttel');
    assert.equal(genitiveOf('das Standesamt'), 'des Standesamts');
    assert.equal(genitiveOf('die Zulassungsstelle'), 'der Zulassungsstelle');
  });
});

describe('the agent as the citizen meets them', () => {
  it('names the agent by the display name', () => {
    assert.match(connectedText(shippedTexts(), 'Frau Schmidt'), /^Sie sind jetzt mit Frau Schmidt vom Service-Center verbunden\. /);
    assert.match(agentEndedText(shippedTexts(), 'Frau Schmidt'), /^Frau Schmidt hat das Gespräch beendet\. /);
    assert.equal(agentMessageText(shippedTexts(), 'Frau Schmidt', 'Guten Tag!'), 'Frau Schmidt (Service-Center): Guten Tag!');
    assert.equal(agentSpeaker(shippedTexts(), 'Frau Schmidt'), 'Frau Schmidt');
  });

  it('without a display name, a neutral person of the service center in the case each sentence needs', () => {
    assert.match(
      connectedText(shippedTexts(), null),
      /^Sie sind jetzt mit einer Mitarbeiterin oder einem Mitarbeiter des Service-Centers verbunden\. /,
    );
    assert.match(
      agentEndedText(shippedTexts(), null),
      /^Die Mitarbeiterin oder der Mitarbeiter des Service-Centers hat das Gespräch beendet\. /,
    );
    assert.equal(agentMessageText(shippedTexts(), null, 'Guten Tag!'), 'Service-Center: Guten Tag!');
    assert.equal(agentSpeaker(shippedTexts(), null), 'Service-Center');
  });
});
