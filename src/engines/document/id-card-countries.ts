import type { DateOrder, OcrLang } from './eu-licence-countries.ts';

/**
 * National identity cards whose front carries no MRZ (it is on the back): what their title says,
 * which languages their field labels are printed in (English is always tried: European cards
 * are bilingual), the tesseract model their print is read with, the date order, how nationals'
 * nationality is printed, and the card number's shapes (A letter, 9 digit, X either; see
 * `fitNumberFormat`). Labels are per language, not per card: a new country needs a row here.
 */
export type LabelLang = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl' | 'pl' | 'pt';
export type IdCardCountry = {
  iso2: string; iso3: string; titles: string[]; labelLangs: LabelLang[]; lang: OcrLang; dateOrder: DateOrder;
  /** Nationality as printed on a national's card (folded), besides the ISO/ICAO code. */
  nationalWords: string[];
  numberFormats?: string[];
};

export type IdFieldKind = 'surname' | 'given' | 'dob' | 'number' | 'expiry' | 'nationality';

/** Field labels per language, folded (no accents, capitals, punctuation as spaces). */
export const ID_LABELS: Record<LabelLang, Record<IdFieldKind, string[]>> = {
  en: { surname: ['SURNAME', 'FAMILY NAME', 'LAST NAME'], given: ['GIVEN NAMES', 'GIVEN NAME S', 'GIVEN NAME', 'FORENAMES', 'FIRST NAMES'], dob: ['DATE OF BIRTH', 'BIRTH DATE', 'PLACE AND DATE OF BIRTH'], number: ['DOCUMENT NO', 'DOCUMENT NUMBER', 'CARD NO', 'CARD NUMBER', 'IDENTITY CARD NUMBER', 'DOC NO'], expiry: ['DATE OF EXPIRY', 'EXPIRY DATE', 'EXPIRY', 'VALID UNTIL'], nationality: ['NATIONALITY', 'CITIZENSHIP'] },
  de: { surname: ['NAME', 'FAMILIENNAME'], given: ['VORNAMEN', 'VORNAME N', 'VORNAME'], dob: ['GEBURTSDATUM', 'GEBURTSTAG'], number: ['AUSWEISNUMMER', 'DOKUMENTENNUMMER', 'KARTENNUMMER'], expiry: ['GULTIG BIS', 'ABLAUFDATUM'], nationality: ['STAATSANGEHORIGKEIT'] },
  fr: { surname: ['NOM'], given: ['PRENOMS', 'PRENOM'], dob: ['DATE DE NAISSANCE', 'DATE DE NAISS', 'NE E LE'], number: ['N DU DOCUMENT', 'NUMERO DU DOCUMENT', 'NO DU DOCUMENT', 'N DE LA CARTE'], expiry: ['DATE D EXPIR', 'DATE D EXPIRATION', 'VALABLE JUSQU AU'], nationality: ['NATIONALITE'] },
  es: { surname: ['APELLIDOS', 'APELLIDO'], given: ['NOMBRE', 'NOMBRES'], dob: ['FECHA DE NACIMIENTO'], number: ['NUM SOPORT', 'NUM SOPORTE', 'NUMERO DE SOPORTE'], expiry: ['VALIDEZ', 'VALIDO HASTA', 'FECHA DE CADUCIDAD'], nationality: ['NACIONALIDAD'] },
  it: { surname: ['COGNOME'], given: ['NOME', 'NOMI'], dob: ['DATA DI NASCITA', 'LUOGO E DATA DI NASCITA'], number: ['NUMERO CARTA', 'NUMERO DOCUMENTO', 'N CARTA'], expiry: ['SCADENZA', 'DATA DI SCADENZA'], nationality: ['CITTADINANZA', 'NAZIONALITA'] },
  nl: { surname: ['NAAM', 'ACHTERNAAM'], given: ['VOORNAMEN', 'VOORNAAM'], dob: ['GEBOORTEDATUM'], number: ['DOCUMENTNUMMER', 'KAARTNR', 'KAARTNUMMER'], expiry: ['GELDIG TOT', 'VERVALDATUM'], nationality: ['NATIONALITEIT'] },
  pl: { surname: ['NAZWISKO'], given: ['IMIONA', 'IMIE'], dob: ['DATA URODZENIA'], number: ['NUMER DOWODU', 'NUMER DOWODU OSOBISTEGO', 'NUMER DOKUMENTU'], expiry: ['TERMIN WAZNOSCI', 'DATA WAZNOSCI'], nationality: ['OBYWATELSTWO'] },
  pt: { surname: ['APELIDO S', 'APELIDOS', 'APELIDO'], given: ['NOME S', 'NOMES', 'NOME'], dob: ['DATA DE NASCIMENTO'], number: ['N DOCUMENTO', 'NO DOCUMENTO', 'N DO DOCUMENTO', 'NUMERO DO DOCUMENTO'], expiry: ['DATA DE VALIDADE', 'VALIDADE'], nationality: ['NACIONALIDADE'] },
};

const c = (iso2: string, iso3: string, titles: string[], labelLangs: LabelLang[], lang: OcrLang, nationalWords: string[], numberFormats?: string[], dateOrder: DateOrder = 'DMY'): IdCardCountry =>
  ({ iso2, iso3, titles, labelLangs, lang, dateOrder, nationalWords, ...(numberFormats && { numberFormats }) });

export const ID_CARD_COUNTRIES: IdCardCountry[] = [
  c('DE', 'DEU', ['BUNDESREPUBLIK DEUTSCHLAND', 'PERSONALAUSWEIS'], ['de', 'en', 'fr'], 'deu', ['DEUTSCH'], ['CCCCCCCCC']),
  c('AT', 'AUT', ['REPUBLIK OSTERREICH', 'PERSONALAUSWEIS'], ['de', 'en'], 'deu', ['OSTERREICH', 'OSTERREICHISCH'], ['A9999999']),
  c('FR', 'FRA', ['CARTE NATIONALE D IDENTITE', 'REPUBLIQUE FRANCAISE'], ['fr', 'en'], 'fra', ['FRANCAISE', 'FRANCAIS'], ['99AA99999', 'XXXXXXXXX']),
  c('IT', 'ITA', ['REPUBBLICA ITALIANA', 'CARTA DI IDENTITA'], ['it', 'en'], 'ita', ['ITALIANA'], ['AA99999AA']),
  c('ES', 'ESP', ['REINO DE ESPANA', 'DOCUMENTO NACIONAL DE IDENTIDAD'], ['es', 'en'], 'spa', ['ESPANOLA'], ['AAA999999']),
  c('NL', 'NLD', ['KONINKRIJK DER NEDERLANDEN', 'IDENTITEITSKAART'], ['nl', 'en'], 'nld', ['NEDERLANDSE'], ['AAXXXXXX9']),
  c('BE', 'BEL', ['BELGIE', 'BELGIQUE', 'BELGIEN', 'IDENTITEITSKAART', 'CARTE D IDENTITE'], ['nl', 'fr', 'de', 'en'], 'nld', ['BELG', 'BELGE'], ['999999999']),
  c('LU', 'LUX', ['GRAND DUCHE DE LUXEMBOURG', 'CARTE D IDENTITE'], ['fr', 'de', 'en'], 'fra', ['LUXEMBOURGEOISE']),
  c('PL', 'POL', ['RZECZPOSPOLITA POLSKA', 'DOWOD OSOBISTY'], ['pl', 'en'], 'pol', ['POLSKIE'], ['AAA999999']),
  c('PT', 'PRT', ['REPUBLICA PORTUGUESA', 'CARTAO DE CIDADAO'], ['pt', 'en'], 'por', ['PORTUGUESA'], ['99999999']),
];

/** Folded text for matching: no accents, capitals, anything else a space. */
export const foldText = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'SS').toUpperCase().replace(/[^A-Z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();
