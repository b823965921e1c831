/**
 * Licence/ID number formats per US jurisdiction, as the states publish them (compiled from the
 * National Highway Traffic Safety Administration / state DMV format tables that licence-number
 * validators use). Only the shape is checked; a number that fits may still be false. States whose
 * formats are too loose to say anything (e.g. "1–9 digits") are still listed: a letter in such a
 * number is a real contradiction. Jurisdictions not listed are not judged.
 */
export const AAMVA_NUMBER_FORMATS: Record<string, RegExp> = {
  AL: /^\d{1,8}$/,
  AK: /^\d{1,7}$/,
  AZ: /^([A-Z]\d{8}|[A-Z]{2}\d{2,5}|\d{9})$/,
  AR: /^\d{4,10}$/,
  CA: /^[A-Z]\d{7}$/,
  CO: /^(\d{9}|[A-Z]\d{3,6}|[A-Z]{2}\d{2,5})$/,
  CT: /^\d{9}$/,
  DE: /^\d{1,7}$/,
  DC: /^(\d{7}|\d{9})$/,
  FL: /^[A-Z]\d{12}$/,
  GA: /^\d{7,9}$/,
  HI: /^([A-Z]\d{8}|\d{9})$/,
  ID: /^([A-Z]{2}\d{6}[A-Z]|\d{9})$/,
  IL: /^[A-Z]\d{11,12}$/,
  IN: /^([A-Z]\d{9}|\d{9,10})$/,
  IA: /^(\d{9}|\d{3}[A-Z]{2}\d{4})$/,
  KS: /^([A-Z]\d[A-Z]\d[A-Z]|[A-Z]\d{8}|\d{9})$/,
  KY: /^([A-Z]\d{8,9}|\d{9})$/,
  LA: /^\d{1,9}$/,
  ME: /^(\d{7,8}|\d{7}[A-Z])$/,
  MD: /^[A-Z]\d{12}$/,
  MA: /^([A-Z]\d{8}|\d{9})$/,
  MI: /^([A-Z]\d{10}|[A-Z]\d{12})$/,
  MN: /^[A-Z]\d{12}$/,
  MS: /^\d{9}$/,
  MO: /^([A-Z]\d{5,9}|[A-Z]\d{6}R|\d{8}[A-Z]{2}|\d{9}[A-Z]|\d{9})$/,
  MT: /^([A-Z]\d{8}|\d{13}|\d{9}|\d{14})$/,
  NE: /^[A-Z]\d{6,8}$/,
  NV: /^(\d{9,10}|\d{12}|X\d{8})$/,
  NH: /^(\d{2}[A-Z]{3}\d{5}|[A-Z]{3}\d{8})$/,
  NJ: /^[A-Z]\d{14}$/,
  NM: /^\d{8,9}$/,
  NY: /^([A-Z]\d{7}|[A-Z]\d{18}|\d{8,9}|\d{16}|[A-Z]{8})$/,
  NC: /^\d{1,12}$/,
  ND: /^([A-Z]{3}\d{6}|\d{9})$/,
  OH: /^([A-Z]\d{4,8}|[A-Z]{2}\d{3,7}|\d{8})$/,
  OK: /^([A-Z]\d{9}|\d{9})$/,
  OR: /^(\d{1,9}|[A-Z]\d{6}|[A-Z]{2}\d{5})$/,
  PA: /^\d{8}$/,
  RI: /^(\d{7,8}|[A-Z]\d{6})$/,
  SC: /^\d{5,11}$/,
  SD: /^(\d{6,10}|\d{12})$/,
  TN: /^\d{7,9}$/,
  TX: /^\d{7,8}$/,
  UT: /^\d{4,10}$/,
  VT: /^(\d{8}|\d{7}A)$/,
  VA: /^([A-Z]\d{8,11}|\d{9})$/,
  WA: /^(WDL[A-Z0-9]{9}|[A-Z*]{1,7}[A-Z0-9*]{5,11})$/,
  WV: /^(\d{7}|[A-Z]{1,2}\d{5,6})$/,
  WI: /^[A-Z]\d{13}$/,
  WY: /^\d{9,10}$/,
};

/** Normalises a printed number the way states print it (spaces and dashes are layout only). */
export function aamvaNumberFits(state: string, number: string): boolean | undefined {
  const re = AAMVA_NUMBER_FORMATS[state.toUpperCase()];
  if (!re) return undefined;
  return re.test(number.toUpperCase().replace(/[\s-]/g, ''));
}
