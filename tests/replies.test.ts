import { strict as assert } from 'node:assert';
import { formatEuro, forKommune, inKommune, joinGerman } from '../dialogs/answers/reply';

describe('reply wording', () => {
  it('puts the Kommune in a German sentence with the right preposition and article', () => {
    assert.equal(inKommune('Landkreis Gifhorn'), 'im Landkreis Gifhorn');
    assert.equal(inKommune('Stadt Wolfsburg'), 'in der Stadt Wolfsburg');
    assert.equal(inKommune('Samtgemeinde Brome'), 'in der Samtgemeinde Brome');
    assert.equal(inKommune('Musterstadt'), 'in Musterstadt');
    assert.equal(forKommune('Landkreis Gifhorn'), 'für den Landkreis Gifhorn');
    assert.equal(forKommune('Stadt Wolfsburg'), 'für die Stadt Wolfsburg');
  });

  it('writes amounts and lists the German way', () => {
    assert.equal(formatEuro(46), '46,00\u00a0€'); // a no-break space keeps amount and currency on one line
    assert.equal(formatEuro(0), 'kostenlos');
    assert.equal(joinGerman(['A', 'B', 'C']), 'A, B und C');
  });
});
