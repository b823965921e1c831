/**
 * Canonical forms of address words. Each group lists spellings that mean the same thing on an
 * address; the first entry is the canonical one. "ST" is both Street and Saint: they compare
 * equal, which is harmless because the house number and the other words must still agree.
 */
const GROUPS: string[][] = [
  // street types (English)
  ['ST', 'STREET', 'STR', 'STRT', 'SAINT'], ['AVE', 'AVENUE', 'AV', 'AVN', 'AVENIDA', 'AVDA'],
  ['RD', 'ROAD'], ['BLVD', 'BOULEVARD', 'BD', 'BVD', 'BOUL'], ['DR', 'DRIVE', 'DRV'], ['LN', 'LANE'],
  ['CT', 'COURT', 'CRT'], ['PL', 'PLACE', 'PLAZA', 'PZA', 'PLATZ', 'PLAETZE'], ['SQ', 'SQUARE'],
  ['TER', 'TERRACE', 'TERR'], ['CIR', 'CIRCLE'], ['CRES', 'CRESCENT'], ['HWY', 'HIGHWAY'],
  ['PKWY', 'PARKWAY', 'PKY'], ['EXPY', 'EXPRESSWAY'], ['FWY', 'FREEWAY'], ['WAY', 'WY'],
  ['TRL', 'TRAIL'], ['CV', 'COVE'], ['ALY', 'ALLEY'], ['GRV', 'GROVE'], ['HTS', 'HEIGHTS'],
  ['MT', 'MOUNT', 'MOUNTAIN'], ['FT', 'FORT'], ['CTR', 'CENTER', 'CENTRE'], ['RTE', 'ROUTE'],
  ['CL', 'CLOSE'], ['GDNS', 'GARDENS'], ['ESPL', 'ESPLANADE'],
  // street types (other languages)
  ['CH', 'CHEMIN'], ['IMP', 'IMPASSE'], ['ALL', 'ALLEE'], ['QU', 'QUAI'], ['FBG', 'FAUBOURG'],
  ['CL', 'CALLE', 'C'], ['CRA', 'CARRERA', 'CR'], ['PSO', 'PASEO', 'PO'], ['PZ', 'PIAZZA', 'PZZA'],
  ['VLE', 'VIALE'], ['CSO', 'CORSO'], ['GA', 'GASSE'], ['STRAAT'], ['LAAN'], ['PLEIN'],
  // directions
  ['N', 'NORTH', 'NORD', 'NORTE'], ['S', 'SOUTH', 'SUD', 'SUR'], ['E', 'EAST', 'EST', 'OST'],
  ['W', 'WEST', 'OUEST', 'OESTE'], ['NE', 'NORTHEAST'], ['NW', 'NORTHWEST'], ['SE', 'SOUTHEAST'],
  ['SW', 'SOUTHWEST'],
  // ordinals written out
  ['1ST', 'FIRST'], ['2ND', 'SECOND'], ['3RD', 'THIRD'], ['4TH', 'FOURTH'], ['5TH', 'FIFTH'],
  ['6TH', 'SIXTH'], ['7TH', 'SEVENTH'], ['8TH', 'EIGHTH'], ['9TH', 'NINTH'], ['10TH', 'TENTH'],
];

/** Words that only introduce a unit or number ("Apt 5", "#5", "Suite 5", "No. 5"): the number decides. */
const UNIT_MARKERS = new Set([
  'APT', 'APARTMENT', 'APPT', 'APPARTEMENT', 'STE', 'SUITE', 'UNIT', 'UNITE', 'NO', 'NUMBER', 'NUM', 'NR',
  'FL', 'FLOOR', 'FLR', 'BLDG', 'BUILDING', 'RM', 'ROOM', 'DEPT', 'DPTO', 'PISO', 'ETAGE', 'WOHNUNG', 'WHG',
  'BOX', 'PO', 'POB', 'POSTBOX', 'BP', 'CEDEX',
]);

const CANONICAL = new Map<string, string>();
for (const group of GROUPS) for (const word of group) if (!CANONICAL.has(word)) CANONICAL.set(word, group[0]);

/** Compound street words: "HAUPTSTRASSE" ~ "HAUPTSTR", "KERKSTRAAT" ~ "KERKSTR". */
const COMPOUND_SUFFIXES: Array<[RegExp, string]> = [
  [/(.{2,})(STRASSE|STRAßE|STRAAT)$/, '$1STR'],
  [/(.{2,})(GASSE)$/, '$1G'],
  [/(.{2,})(PLATZ)$/, '$1PL'],
];

export function canonicalAddressWord(word: string): string {
  const direct = CANONICAL.get(word);
  if (direct) return direct;
  for (const [re, replacement] of COMPOUND_SUFFIXES) if (re.test(word)) return word.replace(re, replacement);
  return word;
}

export function isUnitMarker(word: string): boolean {
  return UNIT_MARKERS.has(word);
}
