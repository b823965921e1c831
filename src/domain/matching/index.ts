export { normalizeName } from './normalize-name.ts';
export { namesMatch, type DocumentName, type MatchResult } from './names-match.ts';
export { addressesMatch, type DocumentAddress } from './addresses-match.ts';
export { postcodesMatch } from './postcodes-match.ts';
export { dobMatches, ageInRange, ageOn, documentAge, documentDob, documentExpiry, isExpired, type DocumentDates } from './dates-match.ts';
export { documentNumberMatches } from './document-number-matches.ts';
