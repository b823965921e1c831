import { z } from 'zod';
import { AML_DATABASES } from '../../domain/session/create-options.ts';
import { optionalBool, optionalCsv, optionalNumber, optionalString } from '../../domain/session/param-coercion.ts';
import { invalidValue } from '../../domain/errors.ts';
import { paramError } from '../../domain/describe-issue.ts';

/** `POST /aml` as the official AMLAPI client sends it (every field, unset ones as ""). */
export const amlSearchSchema = z.object({
  name: optionalString(300),
  documentnumber: optionalString(100),
  country: optionalString(2).pipe(z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 code').optional()),
  dob: optionalString(10).pipe(z.string().regex(/^\d{4}([-/.]\d{1,2}([-/.]\d{1,2})?)?$/, 'YYYY-MM-DD, YYYY-MM or YYYY').optional()),
  database: optionalCsv(z.string().transform((s) => s.toLowerCase()).pipe(z.enum(AML_DATABASES))),
  entity: optionalString(20).pipe(z.enum(['person', 'legalentity']).optional()),
  strict: optionalBool(false),
  threshold: optionalNumber(0.5, 1, 0.85),
});

export type AmlSearchParams = z.infer<typeof amlSearchSchema>;

export function parseAmlSearch(raw: Record<string, unknown>): AmlSearchParams {
  const r = amlSearchSchema.safeParse(raw);
  if (!r.success) throw paramError(r.error, 'request');
  const p = r.data;
  if (!p.name && !p.documentnumber) throw invalidValue('name', 'give a name (at least 3 characters) or a document number');
  if (p.name && p.name.length < 3) throw invalidValue('name', 'at least 3 characters');
  return p;
}
