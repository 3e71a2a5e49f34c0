import { strict as assert } from 'node:assert';
import { parseGermanPhone } from '../../intents/phoneNumber';

describe('phone number (intents/phoneNumber)', () => {
  it('German phone numbers', () => {
    assert.equal(parseGermanPhone('0151 1234567')?.e164, '+491511234567');
    assert.equal(parseGermanPhone('+49 151 12345678')?.e164, '+4915112345678');
    assert.equal(parseGermanPhone('meine Nummer ist 05361 28-1234')?.e164, '+495361281234');
    assert.equal(parseGermanPhone('0049 171 1234567')?.e164, '+491711234567');
    // Shown as the citizen typed it, in national format; libphonenumber would group "01512 3456789".
    assert.equal(parseGermanPhone('0151 23456789')?.display, '0151 23456789');
    assert.equal(parseGermanPhone('+49 151 23456789')?.display, '0151 23456789');
    assert.equal(parseGermanPhone('+49 (0)5361 28-1234')?.display, '05361 28-1234');
    assert.equal(parseGermanPhone('0049 171/1234567')?.display, '0171/1234567');
    assert.equal(parseGermanPhone('meine Nummer:  0151   23456789 ')?.display, '0151 23456789');
    // Read out by voice, digit by digit.
    assert.equal(parseGermanPhone('null fünf drei sieben eins zwei drei vier fünf sechs')?.e164, '+49537123456');
    assert.equal(parseGermanPhone('meine nummer ist null eins fünf eins, zwei drei vier fünf sechs sieben acht')?.display, '01512345678');
    for (const bad of ['12345', '+43 1 234567', 'keine Ahnung', '0', '0'.repeat(40), '+49 1'])
      assert.equal(parseGermanPhone(bad), undefined, bad);
  });
});
