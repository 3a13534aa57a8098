/** Validation of the student reference: free text, but a personnummer must be a valid one. */
import { DomainError } from '../shared/errors.ts';

/** Luhn check over the 10 digits YYMMDDNNNC. */
function luhnOk(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/** True when the text looks like a Swedish personnummer / samordningsnummer (any format). */
export function looksLikePersonnummer(text: string): boolean {
  return /^\s*(\d{2})?\d{6}[-+]?\d{4}\s*$/.test(text);
}

/** Whether a Swedish personnummer (10 or 12 digits, optional separator) has a valid check digit and date. */
export function isValidPersonnummer(text: string): boolean {
  const m = /^\s*(\d{2})?(\d{2})(\d{2})(\d{2})[-+]?(\d{3})(\d)\s*$/.exec(text);
  if (!m) return false;
  const month = Number(m[3]);
  let day = Number(m[4]);
  if (day > 60) day -= 60; // samordningsnummer
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return luhnOk(`${m[2]}${m[3]}${m[4]}${m[5]}${m[6]}`);
}

/** Norwegian fødselsnummer: 11 digits with two mod-11 check digits. */
export function isValidFodselsnummer(text: string): boolean {
  const d = text.replace(/\s/g, '');
  if (!/^\d{11}$/.test(d)) return false;
  const n = [...d].map(Number);
  const k1w = [3, 7, 6, 1, 8, 9, 4, 5, 2];
  const k2w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const mod = (w: number[], len: number) => {
    const r = 11 - (w.reduce((s, wi, i) => s + wi * n[i]!, 0) % 11);
    return r === 11 ? 0 : r;
  };
  const k1 = mod(k1w, 9);
  const k2 = mod(k2w, 10);
  return k1 !== 10 && k2 !== 10 && k1 === n[9] && k2 === n[10];
}

/** Refuses a student reference that is a malformed personnummer/fødselsnummer. */
export function validateStudentRef(ref: string): void {
  const compact = ref.replace(/\s/g, '');
  if (/^\d{11}$/.test(compact)) {
    if (!isValidFodselsnummer(compact)) throw new DomainError('INPUT.PERSONNUMMER', { field: 'studentRef' });
    return;
  }
  if (looksLikePersonnummer(ref) && !isValidPersonnummer(ref)) throw new DomainError('INPUT.PERSONNUMMER', { field: 'studentRef' });
}
