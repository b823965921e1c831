/**
 * EU/EEA driving licences (Directive 2006/126/EC, Annex I model) and the UK photocard: the
 * distinguishing sign printed in the blue band, the title in the country's language(s), the
 * order in which its dates are printed, and the tesseract language its print is read with
 * (one of the installed @tesseract.js-data packages; English where none is installed — field
 * values are Latin capitals and digits either way).
 */
export type DateOrder = 'DMY' | 'YMD';
/**
 * `numberFormats`: the shapes of field 5 (the licence number) as printed, separators dropped, one
 * character class per position — `A` a letter, `9` a digit, `N` a letter or the padding digit 9
 * (UK surname and initials), `C` a digit or one of the consonants C F G H J K L M N P R T V W X Y Z
 * (an alphabet without look-alikes, as German card numbers use), `X` either (a position whose
 * class the format does not fix). Where
 * the class is fixed, an OCR look-alike (O/0, I/1, S/5, B/8) is settled by it; an `X` position
 * holding one stays doubtful. Absent: the format is not known, nothing is settled.
 */
export type LicenceCountry = { iso2: string; sign: string; titles: string[]; dateOrder: DateOrder; lang: OcrLang; numberFormats?: string[] };
export type OcrLang = 'eng' | 'deu' | 'fra' | 'spa' | 'ita' | 'nld' | 'pol' | 'por';

const c = (iso2: string, sign: string, titles: string[], lang: OcrLang = 'eng', dateOrder: DateOrder = 'DMY', numberFormats?: string[]): LicenceCountry => ({ iso2, sign, titles, dateOrder, lang, ...(numberFormats && { numberFormats }) });

export const LICENCE_COUNTRIES: LicenceCountry[] = [
  c('AT', 'A', ['FUHRERSCHEIN'], 'deu', 'DMY', ['99999999']),
  c('BE', 'B', ['RIJBEWIJS', 'PERMIS DE CONDUIRE', 'FUHRERSCHEIN'], 'fra', 'DMY', ['9999999999']),
  c('BG', 'BG', ['SVIDETELSTVO ZA UPRAVLENIE']),
  c('HR', 'HR', ['VOZACKA DOZVOLA']),
  c('CY', 'CY', ['ADEIA ODIGISIS']),
  c('CZ', 'CZ', ['RIDICSKY PRUKAZ']),
  c('DK', 'DK', ['KOREKORT']),
  c('EE', 'EST', ['JUHILUBA']),
  c('FI', 'FIN', ['AJOKORTTI', 'KORKORT']),
  c('FR', 'F', ['PERMIS DE CONDUIRE'], 'fra', 'DMY', ['99AA99999', '999999999999']),
  c('DE', 'D', ['FUHRERSCHEIN'], 'deu', 'DMY', ['XXXXXXXXX99']),
  c('GR', 'GR', ['ADEIA ODIGISIS']),
  c('HU', 'H', ['VEZETOI ENGEDELY'], 'eng', 'YMD', ['AA999999']),
  c('IE', 'IRL', ['CEADUNAS TIOMANA', 'DRIVING LICENCE']),
  c('IT', 'I', ['PATENTE DI GUIDA'], 'ita', 'DMY', ['AA9999999A', 'A9XXXXXXXA']),
  c('LV', 'LV', ['VADITAJA APLIECIBA']),
  c('LT', 'LT', ['VAIRUOTOJO PAZYMEJIMAS'], 'eng', 'YMD'),
  c('LU', 'L', ['PERMIS DE CONDUIRE'], 'fra'),
  c('MT', 'M', ['LICENZJA TAS-SEWQAN']),
  c('NL', 'NL', ['RIJBEWIJS'], 'nld', 'DMY', ['9999999999']),
  c('PL', 'PL', ['PRAWO JAZDY'], 'pol', 'DMY', ['99999999999']),
  c('PT', 'P', ['CARTA DE CONDUCAO'], 'por', 'DMY', ['AA9999999', 'A99999999']),
  c('RO', 'RO', ['PERMIS DE CONDUCERE']),
  c('SK', 'SK', ['VODICSKY PREUKAZ']),
  c('SI', 'SLO', ['VOZNISKO DOVOLJENJE']),
  c('ES', 'E', ['PERMISO DE CONDUCCION'], 'spa', 'DMY', ['99999999A', 'A9999999A']),
  c('SE', 'S', ['KORKORT'], 'eng', 'YMD', ['99999999']),
  c('IS', 'IS', ['OKUSKIRTEINI']),
  c('LI', 'FL', ['FUHRERAUSWEIS'], 'deu'),
  c('NO', 'N', ['FORERKORT']),
  c('GB', 'UK', ['DRIVING LICENCE'], 'eng', 'DMY', ['NNNNN999999NN9XX']),
];

export const licenceCountryByIso2 = (iso2: string) => LICENCE_COUNTRIES.find((x) => x.iso2 === iso2);

/** Look-alikes OCR confuses in print, each way: the letter a digit is read for, and back. */
const AS_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B', '2': 'Z', '6': 'G' };
const AS_DIGIT: Record<string, string> = { O: '0', Q: '0', D: '0', I: '1', L: '1', S: '5', B: '8', Z: '2', G: '6' };
/** The letters of the `C` class: no vowels and none that looks like a digit. */
const SAFE_LETTERS = 'CFGHJKLMNPRTVWXYZ';
/** Characters that stay ambiguous where the format allows both letters and digits. */
export const LOOK_ALIKE = /[0OQD1IL5S8B]/;

/**
 * A licence number fitted to one of the country's formats (see `numberFormats`): each look-alike
 * turned into the class its position requires. `settled` when every position is of a fixed class
 * or holds no look-alike; undefined when no format has the number's length and classes.
 */
export function fitNumberFormat(number: string, formats: string[] | undefined): { value: string; settled: boolean } | undefined {
  for (const f of formats ?? []) {
    if (f.length !== number.length) continue;
    let value = '', ok = true, settled = true;
    for (let i = 0; i < f.length && ok; i++) {
      const ch = number[i]!, cls = f[i]!;
      const isDigit = /\d/.test(ch);
      if (cls === '9') { const d = isDigit ? ch : AS_DIGIT[ch]; if (d === undefined) ok = false; else value += d; }
      else if (cls === 'A') { const a = isDigit ? AS_LETTER[ch] : ch; if (a === undefined) ok = false; else value += a; }
      else if (cls === 'N') { const a = ch === '9' || !isDigit ? ch : AS_LETTER[ch]; if (a === undefined) ok = false; else value += a; }
      else if (cls === 'C') { const a = isDigit || SAFE_LETTERS.includes(ch) ? ch : AS_DIGIT[ch]; if (a === undefined) ok = false; else value += a; }
      else { value += ch; if (LOOK_ALIKE.test(ch)) settled = false; }
    }
    if (ok) return { value, settled };
  }
  return undefined;
}
