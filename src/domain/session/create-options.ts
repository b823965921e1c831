import { paramError } from '../describe-issue.ts';
import { z } from 'zod';
import countries from 'i18n-iso-countries';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import {
  optionalBool,
  optionalCsv,
  optionalHexColor,
  optionalInt,
  optionalNumber,
  optionalPrefill,
  optionalString,
  optionalUrl,
  requiredInt,
  requiredString,
} from './param-coercion.ts';
import { DomainError, ErrorCode, invalidValue } from '../errors.ts';
import { DEFAULT_LIVENESS_THRESHOLD } from '../verification/liveness-threshold.ts';

export const LANGUAGES = ['en', 'fr', 'nl', 'de', 'es', 'sr', 'zh-TW', 'zh-CN',
  // Beyond the reference's eight: the capture app's further languages (web/src/i18n-*.ts), right-to-left ones included.
  'ar', 'he', 'fa', 'ur', 'it', 'pt', 'pl', 'ru', 'uk', 'tr', 'ja', 'ko', 'hi', 'id', 'vi', 'th', 'sv', 'da', 'nb', 'fi', 'cs', 'el', 'ro', 'hu'] as const;
export const AML_DATABASES = [
  'au_dfat', 'ca_dfatd', 'ch_seco', 'eu_fsf', 'fr_tresor_gels_avoir', 'gb_hmt', 'ua_sfms',
  'un_sc', 'us_ofac', 'eu_cor', 'eu_meps', 'global_politicians', 'interpol_red',
] as const;
export const CONTRACT_FORMATS = ['PDF', 'DOCX', 'HTML'] as const;
export const DEFAULT_EXPIRY_SECONDS = 180 * 24 * 3600;

const languageParam = z.preprocess(
  (v) => {
    if (v === '' || v === null || v === undefined) return undefined;
    if (typeof v !== 'string') return v;
    const found = LANGUAGES.find((l) => l.toLowerCase() === v.trim().toLowerCase().replace('_', '-'));
    return found ?? v;
  },
  z.enum(LANGUAGES).optional(),
);

const documentTypeParam = z.preprocess(
  (v) => (v === '' || v === null ? undefined : typeof v === 'string' ? v.trim().toUpperCase() : v),
  z
    .string()
    .regex(/^[PDI]{1,3}$/, 'letters from P, D, I')
    .transform((s) => [...new Set(s.split(''))] as Array<'P' | 'D' | 'I'>)
    .optional(),
);

const countryCode = z
  .string()
  .transform((s) => s.toUpperCase())
  .refine((s) => /^[A-Z]{2}$/.test(s) && countries.isValid(s), 'ISO 3166-1 alpha-2 codes');

const ymd = z
  .string()
  .regex(/^\d{4}\/\d{2}\/\d{2}$/, 'YYYY/MM/DD')
  .refine((s) => {
    const [y, m, d] = s.split('/').map(Number);
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'not a calendar date');

const ageRange = z
  .string()
  .regex(/^\d{1,3}\s*-\s*\d{1,3}$/, '"min-max", e.g. 18-40')
  .transform((s) => {
    const [min, max] = s.split('-').map((x) => Number(x.trim()));
    return { min, max };
  })
  .refine((r) => r.min <= r.max && r.max <= 150, 'min must not exceed max, max at most 150');

const phone = z.string().refine((s) => /^\+\d/.test(s) && isValidPhoneNumber(s), 'international number such as +14155552671');

const templateId = optionalString(64).refine((s) => s === undefined || /^[A-Za-z0-9_-]+$/.test(s), 'template id');

const authModule = z.preprocess(
  (v) => (v === '' || v === null || v === undefined ? undefined : String(v).trim().toLowerCase()),
  z.enum(['1', '2', 'quick']).default('2'),
);

/** Options common to verification and signature sessions. */
const commonShape = {
  companyname: requiredString(200),
  callbackurl: optionalUrl(),
  successredir: optionalUrl(),
  failredir: optionalUrl(),
  customid: optionalString(1000),
  reusable: optionalBool(false),
  vault_save: optionalBool(true),
  nobranding: optionalBool(false),
  customhtmlurl: optionalUrl(),
  logo: optionalUrl(),
  /** The business's privacy notice, linked from the consent step for biometric processing. */
  privacy_notice_url: optionalUrl(),
  language: languageParam,
  expiry: optionalInt(600, 15_552_000, DEFAULT_EXPIRY_SECONDS),
  qr_color: optionalHexColor('000000'),
  qr_bgcolor: optionalHexColor('FFFFFF'),
  qr_size: optionalInt(1, 50, 5),
  qr_margin: optionalInt(1, 50, 1),
  contract_format: z.preprocess(
    (v) => (v === '' || v === null || v === undefined ? undefined : String(v).trim().toUpperCase()),
    z.enum(CONTRACT_FORMATS).default('PDF'),
  ),
  contract_prefill_data: optionalPrefill(),
};

export const createOptionsSchema = z.object({
  ...commonShape,
  type: requiredInt(0, 3),
  biometric: optionalInt(0, 2, 0),
  biometric_threshold: optionalNumber(0, 1, 0.4),
  /** Passive liveness score below which the selfie is refused (fail code 3); see docs/selfie-liveness.md. */
  liveness_threshold: optionalNumber(0, 1, DEFAULT_LIVENESS_THRESHOLD),
  authenticate_minscore: optionalNumber(0, 1, 0.3),
  authenticate_module: authModule,
  maxattempt: optionalInt(1, 10, 2),
  phoneverification: optionalBool(false),
  sms_verification_link: optionalString(32).pipe(phone.optional()),
  documenttype: documentTypeParam,
  documentcountry: optionalCsv(countryCode),
  documentregion: optionalCsv(z.string().min(1).max(64)),
  dualsidecheck: optionalBool(false),
  verify_expiry: optionalBool(true),
  verify_documentno: optionalString(64),
  verify_name: optionalString(200),
  verify_dob: optionalString(10).pipe(ymd.optional()),
  verify_age: optionalString(7).pipe(ageRange.optional()),
  verify_address: optionalString(500),
  verify_postcode: optionalString(20),
  verify_phone: optionalString(32).pipe(phone.optional()),
  aml_check: optionalBool(false),
  aml_database: optionalCsv(z.string().transform((s) => s.toLowerCase()).pipe(z.enum(AML_DATABASES))),
  aml_strict_match: optionalBool(false),
  contract_generate: templateId,
  contract_sign: templateId,
  return_documentimage: optionalBool(true),
  return_faceimage: optionalBool(true),
  crop_document: optionalBool(false),
  return_type: optionalInt(0, 1, 1),
  welcomemessage: optionalString(1000),
  /** Privacy (docs/privacy.md): keep nothing personal once the callback is out. */
  verify_then_forget: optionalBool(false),
  /** Privacy: the callback carries claims (over 18, name matched, document valid, …) instead of the data and images. */
  callback_claims_only: optionalBool(false),
});

export const signOptionsSchema = z.object({
  ...commonShape,
  template_id: templateId,
  sms_contract_link: optionalString(32).pipe(phone.optional()),
});

export type CreateOptions = z.infer<typeof createOptionsSchema>;
export type SignOptions = z.infer<typeof signOptionsSchema>;

function firstIssueParam(error: z.ZodError): { param: string; message: string } {
  const issue = error.issues[0];
  return { param: String(issue?.path[0] ?? 'body'), message: issue?.message ?? 'invalid' };
}

function parseWith<T>(schema: z.ZodType<T>, raw: Record<string, unknown>, smsParam: string): T {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const { param } = firstIssueParam(result.error);
    if (param === smsParam) {
      throw new DomainError(ErrorCode.InvalidPhoneNumber, `Invalid or unreachable phone number for \`${param}\``);
    }
    throw paramError(result.error);
  }
  return result.data;
}

/** Validates a `/docupass/create` body; unknown keys (the client's `client`, `crop_face`) are ignored. */
export function parseCreateOptions(raw: Record<string, unknown>): CreateOptions {
  const options = parseWith(createOptionsSchema, raw, 'sms_verification_link');
  requireDestination(options);
  if (options.verify_phone) options.phoneverification = true;
  return options;
}

export function parseSignOptions(raw: Record<string, unknown>): SignOptions {
  const options = parseWith(signOptionsSchema, raw, 'sms_contract_link');
  requireDestination(options);
  return options;
}

function requireDestination(o: { vault_save: boolean; callbackurl?: string }): void {
  if (!o.vault_save && !o.callbackurl) {
    throw invalidValue('callbackurl', 'either enable vault_save or specify a callbackurl');
  }
}
