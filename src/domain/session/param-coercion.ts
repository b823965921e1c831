import { z } from 'zod';

/**
 * The official client sends every option, unset ones as "" (or false/0), and form bodies carry
 * everything as strings. These helpers turn "" into "not given" and accept booleans and numbers
 * in their string forms, so one schema serves JSON, urlencoded and multipart bodies.
 */
const emptyToUndefined = (v: unknown): unknown => (v === '' || v === null ? undefined : v);

export const optionalBool = (defaultValue: boolean) =>
  z.preprocess((v) => {
    const e = emptyToUndefined(v);
    if (e === undefined || typeof e === 'boolean') return e;
    if (typeof e === 'number') return e === 1 ? true : e === 0 ? false : e;
    if (typeof e === 'string') {
      const s = e.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(s)) return true;
      if (['false', '0', 'no', 'off'].includes(s)) return false;
    }
    return e;
  }, z.boolean().default(defaultValue));

const toNumber = (v: unknown): unknown => {
  const e = emptyToUndefined(v);
  if (typeof e === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(e)) return Number(e);
  return e;
};

export const optionalInt = (min: number, max: number, defaultValue: number) =>
  z.preprocess(toNumber, z.number().int().min(min).max(max).default(defaultValue));

export const optionalNumber = (min: number, max: number, defaultValue: number) =>
  z.preprocess(toNumber, z.number().min(min).max(max).default(defaultValue));

export const requiredInt = (min: number, max: number) => z.preprocess(toNumber, z.number().int().min(min).max(max));

export const optionalString = (max = 1000) =>
  z.preprocess((v) => {
    const e = emptyToUndefined(v);
    return typeof e === 'number' ? String(e) : typeof e === 'string' ? e.trim() || undefined : e;
  }, z.string().max(max).optional());

export const requiredString = (max = 1000) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().min(1).max(max));

/** http(s) URL with a host; where it may point is checked later, when it is fetched. */
export const optionalUrl = () =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .max(2048)
      .refine((s) => {
        try {
          const u = new URL(s);
          return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
        } catch {
          return false;
        }
      }, 'must be an http or https URL')
      .optional(),
  );

export const optionalHexColor = (defaultValue: string) =>
  z.preprocess(
    (v) => {
      const e = emptyToUndefined(v);
      return typeof e === 'string' ? e.replace(/^#/, '').toUpperCase() : e;
    },
    z
      .string()
      .regex(/^[0-9A-F]{6}$/, 'must be a 6-digit hex colour')
      .default(defaultValue),
  );

/** Comma-separated list, upper-cased and de-duplicated. */
export const optionalCsv = (item: z.ZodType<string>) =>
  z.preprocess((v) => {
    const e = emptyToUndefined(v);
    if (typeof e !== 'string') return e;
    const parts = e
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return parts.length ? [...new Set(parts)] : undefined;
  }, z.array(item).optional());

/** `contract_prefill_data` arrives as an object or as a JSON string; both become a flat string map. */
export const optionalPrefill = () =>
  z.preprocess(
    (v) => {
      const e = emptyToUndefined(v);
      if (typeof e === 'string') {
        try {
          return JSON.parse(e);
        } catch {
          return e;
        }
      }
      if (e && typeof e === 'object' && !Array.isArray(e) && Object.keys(e).length === 0) return undefined;
      return e;
    },
    z
      .record(z.string().max(200), z.union([z.string().max(10_000), z.number(), z.boolean()]).transform(String))
      .refine((r) => Object.keys(r).length <= 500, 'at most 500 keys')
      .optional(),
  );
