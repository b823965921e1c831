/**
 * EU/EEA driving licences (Directive 2006/126/EC, Annex I model) and the UK photocard: the
 * distinguishing sign printed in the blue band, the title in the country's language(s), the
 * order in which its dates are printed, and the tesseract language its print is read with
 * (one of the installed @tesseract.js-data packages; English where none is installed — field
 * values are Latin capitals and digits either way).
 */
export type DateOrder = 'DMY' | 'YMD';
export type LicenceCountry = { iso2: string; sign: string; titles: string[]; dateOrder: DateOrder; lang: OcrLang };
export type OcrLang = 'eng' | 'deu' | 'fra' | 'spa' | 'ita' | 'nld' | 'pol' | 'por';

const c = (iso2: string, sign: string, titles: string[], lang: OcrLang = 'eng', dateOrder: DateOrder = 'DMY'): LicenceCountry => ({ iso2, sign, titles, dateOrder, lang });

export const LICENCE_COUNTRIES: LicenceCountry[] = [
  c('AT', 'A', ['FUHRERSCHEIN'], 'deu'),
  c('BE', 'B', ['RIJBEWIJS', 'PERMIS DE CONDUIRE', 'FUHRERSCHEIN'], 'fra'),
  c('BG', 'BG', ['SVIDETELSTVO ZA UPRAVLENIE']),
  c('HR', 'HR', ['VOZACKA DOZVOLA']),
  c('CY', 'CY', ['ADEIA ODIGISIS']),
  c('CZ', 'CZ', ['RIDICSKY PRUKAZ']),
  c('DK', 'DK', ['KOREKORT']),
  c('EE', 'EST', ['JUHILUBA']),
  c('FI', 'FIN', ['AJOKORTTI', 'KORKORT']),
  c('FR', 'F', ['PERMIS DE CONDUIRE'], 'fra'),
  c('DE', 'D', ['FUHRERSCHEIN'], 'deu'),
  c('GR', 'GR', ['ADEIA ODIGISIS']),
  c('HU', 'H', ['VEZETOI ENGEDELY'], 'eng', 'YMD'),
  c('IE', 'IRL', ['CEADUNAS TIOMANA', 'DRIVING LICENCE']),
  c('IT', 'I', ['PATENTE DI GUIDA'], 'ita'),
  c('LV', 'LV', ['VADITAJA APLIECIBA']),
  c('LT', 'LT', ['VAIRUOTOJO PAZYMEJIMAS'], 'eng', 'YMD'),
  c('LU', 'L', ['PERMIS DE CONDUIRE'], 'fra'),
  c('MT', 'M', ['LICENZJA TAS-SEWQAN']),
  c('NL', 'NL', ['RIJBEWIJS'], 'nld'),
  c('PL', 'PL', ['PRAWO JAZDY'], 'pol'),
  c('PT', 'P', ['CARTA DE CONDUCAO'], 'por'),
  c('RO', 'RO', ['PERMIS DE CONDUCERE']),
  c('SK', 'SK', ['VODICSKY PREUKAZ']),
  c('SI', 'SLO', ['VOZNISKO DOVOLJENJE']),
  c('ES', 'E', ['PERMISO DE CONDUCCION'], 'spa'),
  c('SE', 'S', ['KORKORT'], 'eng', 'YMD'),
  c('IS', 'IS', ['OKUSKIRTEINI']),
  c('LI', 'FL', ['FUHRERAUSWEIS'], 'deu'),
  c('NO', 'N', ['FORERKORT']),
  c('GB', 'UK', ['DRIVING LICENCE']),
];

export const licenceCountryByIso2 = (iso2: string) => LICENCE_COUNTRIES.find((x) => x.iso2 === iso2);
