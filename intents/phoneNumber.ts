/**
 * A German phone number in what the citizen wrote or said (libphonenumber-js): typed ("0151 23456789",
 * "+49 (0)5361 28-1234") or read out digit by digit ("null eins fünf eins …"), kept in the citizen's own
 * grouping for people and in E.164 for dialling.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { DIGIT_WORDS, foldGerman } from './normalize';

export interface Phone {
  /** For dialling and the tel: link: "+4915123456789". */
  e164: string;
  /** As the citizen typed it, in national format: "0151 23456789" stays so; "+49 151 23456789" becomes "0151 23456789". */
  display: string;
}

/**
 * The number as typed, in national form: the country code (+49, 0049, with an optional "(0)") becomes the trunk
 * 0, the citizen's own grouping stays. libphonenumber's own grouping ("01512 3456789") is not what they typed.
 */
function nationalAsTyped(typed: string, nationalNumber: string): string {
  const national = typed
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^(?:\+|00)\s?49[\s/-]*(?:\(0\)\s?)?/, '0');
  return national.replace(/\D/g, '') === `0${nationalNumber}` ? national : `0${nationalNumber}`;
}

/**
 * A German phone number with its area code ("0151 1234567", "+49 5361 281234", "0049 …"), or undefined.
 * libphonenumber's compact metadata accepts a few too-short numbers, so a minimal length and an explicit
 * prefix are required as well: "12345" is not a number anyone can call back.
 */
export function parseGermanPhone(text: string): Phone | undefined {
  return parseTyped(text) ?? parseTyped(spokenDigits(text));
}

function parseTyped(text: string): Phone | undefined {
  const candidate = /(?:\+|00)?\d[\d\s/().-]{4,24}\d/.exec(text.slice(0, 200))?.[0];
  if (!candidate || !/^(?:\+49|0049|0)/.test(candidate.replace(/[\s/().-]/g, ''))) return undefined;
  const phone = parsePhoneNumberFromString(candidate, 'DE');
  if (!phone || !phone.isValid() || phone.country !== 'DE') return undefined;
  const national = String(phone.nationalNumber);
  if (national.length < 7 || national.length > 13) return undefined;
  return { e164: phone.number, display: nationalAsTyped(candidate, national) };
}

/** "null fünf drei sieben eins …" → "05371…": digits said as words, written as digits (other words kept). */
function spokenDigits(text: string): string {
  return foldGerman(text)
    .split(' ')
    .map((w) => DIGIT_WORDS[w] ?? ` ${w} `)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
