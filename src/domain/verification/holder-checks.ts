import { addressesMatch } from '../matching/addresses-match.ts';
import { ageInRange, dobMatches, documentAge, documentDob } from '../matching/dates-match.ts';
import { namesMatch } from '../matching/names-match.ts';
import { postcodesMatch } from '../matching/postcodes-match.ts';
import { fail, missing, pass, type CheckResult } from './check-result.ts';
import { FailCode } from './fail-codes.ts';
import type { VerificationData, VerificationOptions } from './verification-input.ts';

const hasName = (d: VerificationData) => !!(d.firstName || d.lastName || d.fullName);

/** Checks of the holder's data against `verify_name`, `verify_dob`, `verify_postcode`, `verify_address`, `verify_age`. */
export function holderChecks(o: VerificationOptions, data: VerificationData, now: Date): CheckResult[] {
  const out: CheckResult[] = [];
  if (o.verify_name) {
    if (!hasName(data)) out.push(missing('name', 'name'));
    else if (namesMatch(o.verify_name, data).match) out.push(pass('name'));
    else out.push(fail('name', FailCode.NameMismatch, 'Name on the document does not match the name provided.'));
  }
  if (o.verify_dob) {
    if (!documentDob(data)) out.push(missing('dob', 'date of birth'));
    else if (dobMatches(o.verify_dob, data)) out.push(pass('dob'));
    else out.push(fail('dob', FailCode.DobMismatch, 'Date of birth on the document does not match the date provided.'));
  }
  if (o.verify_postcode) {
    if (!data.postcode) out.push(missing('postcode', 'postcode'));
    else if (postcodesMatch(o.verify_postcode, data)) out.push(pass('postcode'));
    else out.push(fail('postcode', FailCode.PostcodeMismatch, 'Postcode on the document does not match the postcode provided.'));
  }
  if (o.verify_address) {
    const regionNames = [data.issuerOrg_region_full, data.issuerOrg_region_abbr].filter((s): s is string => !!s);
    if (!data.address1) out.push(missing('address', 'address'));
    else if (addressesMatch(o.verify_address, { ...data, regionNames }).match) out.push(pass('address'));
    else out.push(fail('address', FailCode.AddressMismatch, 'Address on the document does not match the address provided.'));
  }
  if (o.verify_age) {
    const { min, max } = o.verify_age;
    if (documentAge(data, now) === null) out.push(missing('age', 'date of birth'));
    else if (ageInRange(o.verify_age, data, now)) out.push(pass('age'));
    else out.push(fail('age', FailCode.AgeOutOfRange, `Age of the document holder is outside the accepted range (${min}-${max}).`));
  }
  return out;
}
