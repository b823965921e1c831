import { addressesMatch } from '../matching/addresses-match.ts';
import { ageInRange, dobMatches, documentAge, documentDob } from '../matching/dates-match.ts';
import { namesMatch } from '../matching/names-match.ts';
import { postcodesMatch } from '../matching/postcodes-match.ts';
import { fail, missing, pass, type CheckResult } from './check-result.ts';
import { FailCode } from './fail-codes.ts';
import type { VerificationData, VerificationOptions } from './verification-input.ts';
import { anyDoubtful, DOB_FIELDS, NAME_FIELDS, namesExactlyCorroborated, notCertain, type Doubtful } from './doubtful-fields.ts';

const hasName = (d: VerificationData) => !!(d.firstName || d.lastName || d.fullName);

/** Checks of the holder's data against `verify_name`, `verify_dob`, `verify_postcode`, `verify_address`, `verify_age`. */
export function holderChecks(o: VerificationOptions, data: VerificationData, now: Date, doubtful?: Doubtful): CheckResult[] {
  const out: CheckResult[] = [];
  const dobDoubtful = anyDoubtful(doubtful, DOB_FIELDS);
  if (o.verify_name) {
    if (!hasName(data)) out.push(missing('name', 'name'));
    else if (anyDoubtful(doubtful, NAME_FIELDS)) {
      // A doubtful name passes only when the supplied name shows it letter for letter.
      out.push(namesMatch(o.verify_name, data).match && namesExactlyCorroborated(o.verify_name, data, doubtful!) ? pass('name') : notCertain('name', 'name'));
    } else if (namesMatch(o.verify_name, data).match) out.push(pass('name'));
    else out.push(fail('name', FailCode.NameMismatch, 'Name on the document does not match the name provided.'));
  }
  if (o.verify_dob) {
    if (!documentDob(data)) out.push(missing('dob', 'date of birth'));
    else if (dobMatches(o.verify_dob, data)) out.push(pass('dob'));
    else if (dobDoubtful) out.push(notCertain('dob', 'date of birth'));
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
    // The age rests on the birth date alone: a doubtful one is corroborated only by a matching verify_dob.
    else if (dobDoubtful && !(o.verify_dob && dobMatches(o.verify_dob, data))) out.push(notCertain('age', 'date of birth'));
    else if (ageInRange(o.verify_age, data, now)) out.push(pass('age'));
    else out.push(fail('age', FailCode.AgeOutOfRange, `Age of the document holder is outside the accepted range (${min}-${max}).`));
  }
  return out;
}
