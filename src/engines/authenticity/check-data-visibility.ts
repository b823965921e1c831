import type { DocupassData } from '../document/document-reading.ts';
import type { CheckContext } from './check-context.ts';
import { fail, pass } from './check-context.ts';
import type { CheckResult } from './authentication-types.ts';
import { mrzLineShape } from './document-rules.ts';

const KEY_FIELDS: Array<[string, (d: DocupassData) => unknown]> = [
  ['document number', (d) => d.documentNumber],
  ['name', (d) => d.lastName ?? d.fullName ?? d.firstName],
  ['date of birth', (d) => d.dob],
];

/**
 * The key fields could be read: something machine-readable was found, the MRZ is complete
 * (every line at its format's length, no unreadable characters), a barcode that was found also
 * parsed, and number, name and birth date are present.
 */
export function checkDataVisibility(ctx: CheckContext): CheckResult {
  const r = ctx.reading;
  if (r.failure) return fail(`The document could not be read: ${r.failure.reason}`, { fieldsRead: 0 });
  const problems: string[] = [];
  const missing = KEY_FIELDS.filter(([, get]) => get(r.data) === undefined || get(r.data) === '').map(([n]) => n);
  if (missing.length) problems.push(`key fields could not be read (${missing.join(', ')})`);
  if (r.mrz) {
    const shape = mrzLineShape(r.mrz.format);
    const bad = r.mrz.lines.length !== shape.lines || r.mrz.lines.some((l) => l.length !== shape.length || /[^A-Z0-9<]/.test(l));
    if (bad) problems.push('the machine-readable zone is incomplete');
  }
  if (r.barcode && Object.keys(r.barcode.fields).length === 0) problems.push('the barcode was found but could not be decoded');
  const fieldsRead = Object.values(r.data).filter((v) => v !== undefined && v !== '').length;
  if (problems.length) return fail(`Data not fully visible: ${problems.join('; ')}`, { fieldsRead });
  return pass({ fieldsRead });
}
