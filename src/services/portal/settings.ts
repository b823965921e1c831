import sharp from 'sharp';
import { paramError } from '../../domain/describe-issue.ts';
import { DomainError, ErrorCode, invalidValue } from '../../domain/errors.ts';
import { createOptionsSchema } from '../../domain/session/create-options.ts';
import { actorWho, audit } from './audit.ts';
import { iso } from './paging.ts';
import { requireCapability } from './permissions.ts';
import type { Actor, PortalDeps } from './portal-deps.ts';

/**
 * The /docupass/create options an account may set a default for. Per-person values
 * (verify_name, verify_dob, customid, phone numbers, prefill data) are not defaults.
 */
export const DEFAULTABLE_OPTIONS = [
  'type', 'language', 'dualsidecheck', 'verify_expiry', 'documenttype', 'documentcountry', 'biometric', 'biometric_threshold', 'liveness_threshold',
  'authenticate_minscore', 'authenticate_module', 'maxattempt', 'phoneverification', 'aml_check', 'aml_database', 'aml_strict_match', 'privacy_notice_url',
  'callbackurl', 'successredir', 'failredir', 'vault_save', 'expiry', 'return_documentimage', 'return_faceimage', 'crop_document', 'welcomemessage',
  'nobranding', 'verify_then_forget', 'callback_claims_only', 'contract_format',
] as const;
export type DefaultValue = string | number | boolean;
export type SessionDefaults = Partial<Record<(typeof DEFAULTABLE_OPTIONS)[number], DefaultValue>>;

const LOGO_MAX_BYTES = 512 * 1024;
const LOGO_MAX_SIDE = 512;

export const parseDefaults = (json: string | undefined): SessionDefaults => {
  try {
    const v = JSON.parse(json ?? '{}') as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as SessionDefaults) : {};
  } catch {
    return {};
  }
};

/**
 * Defaults are checked by the same schema as a /docupass/create body (with a placeholder
 * company name and type when the defaults do not set one): a default that create would refuse
 * is refused here, with the same message.
 */
export function validateDefaults(input: Record<string, unknown>): SessionDefaults {
  const out: SessionDefaults = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === '' || v === null || v === undefined) continue;
    if (!(DEFAULTABLE_OPTIONS as readonly string[]).includes(k)) throw invalidValue(k, `not an option an account default may set (one of ${DEFAULTABLE_OPTIONS.join(', ')})`);
    if (!['string', 'number', 'boolean'].includes(typeof v)) throw invalidValue(k, 'a string, number or boolean');
    out[k as keyof SessionDefaults] = v as DefaultValue;
  }
  const parsed = createOptionsSchema.safeParse({ companyname: 'placeholder', type: 0, ...out });
  if (!parsed.success) throw paramError(parsed.error);
  return out;
}

function view(row: Awaited<ReturnType<PortalDeps['portal']['settings']['getSettings']>>) {
  return {
    companyName: row?.company_name ?? null,
    logo: row?.logo_key ? `/portal/api/settings/logo?v=${row.updated_at}` : null,
    defaults: parseDefaults(row?.defaults_json),
    updated: iso(row?.updated_at),
    updatedBy: row?.updated_by ?? null,
    options: [...DEFAULTABLE_OPTIONS],
  };
}

export async function getSettings(deps: PortalDeps, actor: Actor) {
  requireCapability(actor, 'settings');
  return view(await deps.portal.settings.getSettings(actor.accountId));
}

/** Company name and default session options; every change audited (names of the changed options, not values). */
export async function saveSettings(deps: PortalDeps, actor: Actor, input: { companyName?: string | null; defaults?: Record<string, unknown> }) {
  requireCapability(actor, 'settings');
  const current = await deps.portal.settings.getSettings(actor.accountId);
  const before = parseDefaults(current?.defaults_json);
  const companyName = input.companyName === undefined ? (current?.company_name ?? null) : input.companyName?.trim() || null;
  if (companyName && companyName.length > 200) throw invalidValue('companyName', 'at most 200 characters');
  const defaults = input.defaults === undefined ? before : validateDefaults(input.defaults);
  const keys = new Set([...Object.keys(before), ...Object.keys(defaults)]);
  const changed = [...keys].filter((k) => JSON.stringify(before[k as keyof SessionDefaults]) !== JSON.stringify(defaults[k as keyof SessionDefaults])).sort();
  const row = {
    account_id: actor.accountId,
    company_name: companyName,
    logo_key: current?.logo_key ?? null,
    logo_mime: current?.logo_mime ?? null,
    defaults_json: JSON.stringify(defaults),
    updated_at: deps.clock(),
    updated_by: actor.email,
  };
  await deps.portal.settings.upsertSettings(row);
  await audit(deps, actorWho(actor), 'settings.update', actor.accountId, { company_name: companyName !== (current?.company_name ?? null), defaults: changed.join(',') || null });
  return view(row);
}

/**
 * A logo upload: must decode as PNG, JPEG or WebP (checked by decoding, not by name or type);
 * re-encoded to PNG at most 512 px wide, which drops metadata and anything appended to the file.
 */
export async function saveLogo(deps: PortalDeps, actor: Actor, data: Buffer) {
  requireCapability(actor, 'settings');
  if (data.length === 0 || data.length > LOGO_MAX_BYTES) throw invalidValue('logo', `an image of at most ${LOGO_MAX_BYTES / 1024} kB`);
  let png: Buffer;
  try {
    const meta = await sharp(data).metadata();
    if (!meta.format || !['png', 'jpeg', 'webp'].includes(meta.format)) throw new Error(`format ${meta.format}`);
    png = await sharp(data).rotate().resize({ width: LOGO_MAX_SIDE, height: LOGO_MAX_SIDE, fit: 'inside', withoutEnlargement: true }).png().toBuffer();
  } catch {
    throw invalidValue('logo', 'a PNG, JPEG or WebP image');
  }
  const current = await deps.portal.settings.getSettings(actor.accountId);
  const now = deps.clock();
  const key = `accounts/${actor.accountId}/logo-${now}.png`;
  await deps.files.put(key, png);
  await deps.portal.settings.upsertSettings({
    account_id: actor.accountId,
    company_name: current?.company_name ?? null,
    logo_key: key,
    logo_mime: 'image/png',
    defaults_json: current?.defaults_json ?? '{}',
    updated_at: now,
    updated_by: actor.email,
  });
  if (current?.logo_key && current.logo_key !== key) await deps.files.delete(current.logo_key);
  await audit(deps, actorWho(actor), 'settings.logo', actor.accountId, { bytes: png.length });
  return view(await deps.portal.settings.getSettings(actor.accountId));
}

/** The logo (shown in the portal's header to every signed-in operator). */
export async function getLogo(deps: PortalDeps, actor: Actor): Promise<{ data: Buffer; mime: string }> {
  requireCapability(actor, 'dashboard');
  const row = await deps.portal.settings.getSettings(actor.accountId);
  if (!row?.logo_key) throw new DomainError(ErrorCode.NotFound, 'No logo set');
  return { data: await deps.files.get(row.logo_key), mime: row.logo_mime ?? 'image/png' };
}

/** What every operator's header shows: the company name and whether a logo is set. */
export async function getBranding(deps: PortalDeps, actor: Actor) {
  const row = await deps.portal.settings.getSettings(actor.accountId);
  return { companyName: row?.company_name ?? null, logo: row?.logo_key ? `/portal/api/settings/logo?v=${row.updated_at}` : null };
}
