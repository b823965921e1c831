import type { ServiceDeps } from '../deps.ts';
import type { Account } from '../../database/repositories/accounts-repository.ts';
import type { Session } from '../../database/repositories/sessions-repository.ts';
import { parseCreateOptions, parseSignOptions, type CreateOptions, type SignOptions } from '../../domain/session/create-options.ts';
import { referenceFromBytes, REFERENCE_LENGTH } from '../../domain/session/reference.ts';
import { DomainError, ErrorCode, invalidValue } from '../../domain/errors.ts';
import type { ImageSource } from './intake-image.ts';
import { storeSessionImages } from './session-files.ts';
import { pendingSteps } from './session-inputs.ts';
import { queueVerification } from './submit-session.ts';
import { iframeHtml, qrHtml, sessionLinks } from './session-links.ts';

export type UploadedFiles = Partial<Record<'document' | 'document_back' | 'face', Buffer>>;
export type ImageRole = 'document' | 'document_back' | 'face';

export type CreateSessionResponse = {
  reference: string;
  type: number;
  customid: string;
  url: string;
  qrcode: string;
  base_url: string;
  html: string;
  expiry: number;
  smssent?: string;
};

export type SignSessionResponse = Omit<CreateSessionResponse, 'type' | 'html'> & { html_qrcode: string; html_iframe: string };

/** The image a caller may supply for each capture step, in the order the reference lists them. */
function imageSources(raw: Record<string, unknown>, files: UploadedFiles): Map<ImageRole, ImageSource> {
  const out = new Map<ImageRole, ImageSource>();
  const pick = (role: ImageRole, urlParam: string) => {
    const bytes = files[role];
    const b64 = raw[`${role}_base64`];
    const url = raw[urlParam];
    if (bytes) out.set(role, { kind: 'bytes', param: role, data: bytes });
    else if (typeof b64 === 'string' && b64 !== '') out.set(role, { kind: 'base64', param: `${role}_base64`, data: b64 });
    else if (typeof url === 'string' && url !== '') out.set(role, { kind: 'url', param: urlParam, url });
    else if (b64 !== undefined && b64 !== '' && b64 !== null) throw invalidValue(`${role}_base64`, 'must be a base64 string');
  };
  pick('document', 'document_url');
  pick('document_back', 'document_back_url');
  pick('face', 'face_url');
  return out;
}

async function newReference(deps: Pick<ServiceDeps, 'randomBytes'>): Promise<string> {
  return referenceFromBytes(deps.randomBytes(REFERENCE_LENGTH));
}

async function requireTemplate(deps: Pick<ServiceDeps, 'templates'>, account: Account, id: string | undefined): Promise<void> {
  if (id && !(await deps.templates.getLatest(account.id, id))) throw new DomainError(ErrorCode.InvalidValue, 'Invalid contract template ID');
}

type NewSession = { kind: 'verification'; options: CreateOptions } | { kind: 'signature'; options: SignOptions };

function newSession(account: Account, reference: string, what: NewSession, type: number, now: number, parent?: string): Session {
  const { options } = what;
  return {
    ...what,
    reference,
    account_id: account.id,
    type,
    customid: options.customid ?? null,
    state: 'created',
    reusable: options.reusable && !parent ? 1 : 0,
    parent_reference: parent ?? null,
    attempts: 0,
    outcome_success: null,
    outcome_failcode: null,
    created_at: now,
    updated_at: now,
    expires_at: now + options.expiry * 1000,
  } as Session;
}

async function sendLinkSms(deps: Pick<ServiceDeps, 'logger' | 'sms'>, to: string | undefined, url: string, company: string, purpose: string): Promise<string | undefined> {
  if (!to) return undefined;
  try {
    await deps.sms.send({ to, body: `${company}: continue here ${url}`, purpose });
  } catch (e) {
    deps.logger.warn({ err: e }, 'SMS link could not be sent');
    throw new DomainError(ErrorCode.InvalidPhoneNumber, `Invalid or unreachable phone number for \`${purpose}\``);
  }
  return to;
}

/** Options of /docusign/create an account default may also set (the rest are verification-only). */
const SIGNATURE_DEFAULTS = new Set(['language', 'privacy_notice_url', 'callbackurl', 'successredir', 'failredir', 'vault_save', 'expiry', 'nobranding', 'contract_format']);

/**
 * The account's default session options (portal Settings, validated there with this same
 * schema) merged into a create body: an option the caller did not pass (absent, null or empty)
 * takes the account's default; anything the caller passed wins.
 */
export async function withAccountDefaults(deps: Pick<ServiceDeps, 'portal'>, accountId: string, raw: Record<string, unknown>, kind: 'verification' | 'signature'): Promise<Record<string, unknown>> {
  const row = await deps.portal?.settings.getSettings(accountId);
  if (!row) return raw;
  let defaults: Record<string, unknown>;
  try {
    defaults = JSON.parse(row.defaults_json) as Record<string, unknown>;
  } catch {
    return raw;
  }
  const merged = { ...raw };
  for (const [k, v] of Object.entries(defaults ?? {})) {
    if (kind === 'signature' && !SIGNATURE_DEFAULTS.has(k)) continue;
    const given = raw[k];
    if (given === undefined || given === null || given === '') merged[k] = v;
  }
  return merged;
}

export async function createVerificationSession(deps: Pick<ServiceDeps, 'capture' | 'clock' | 'config' | 'files' | 'logger' | 'portal' | 'queue' | 'randomBytes' | 'sessions' | 'sms' | 'templates'>, account: Account, rawGiven: Record<string, unknown>, files: UploadedFiles = {}): Promise<CreateSessionResponse> {
  const raw = await withAccountDefaults(deps, account.id, rawGiven, 'verification');
  const options = parseCreateOptions(raw);
  await requireTemplate(deps, account, options.contract_generate);
  await requireTemplate(deps, account, options.contract_sign);
  const sources = imageSources(raw, files);
  const reference = await newReference(deps);
  const fileRows = options.reusable ? [] : await storeSessionImages(deps, account.id, reference, sources);
  const now = deps.clock();
  const row = newSession(account, reference, { kind: 'verification', options }, options.type, now);
  await deps.sessions.insert(row, fileRows);
  await verifyAtOnceIfComplete(deps, row, options, fileRows.length);
  const links = sessionLinks(deps.config.publicUrl, reference);
  const smssent = await sendLinkSms(deps, options.sms_verification_link, links.url, options.companyname, 'sms_verification_link');
  return {
    reference,
    type: options.type,
    customid: options.customid ?? '',
    ...links,
    html: qrHtml('start identity verification', links, reference),
    expiry: Math.floor(row.expires_at / 1000),
    ...(smssent ? { smssent } : {}),
  };
}

export async function createSignatureSession(deps: Pick<ServiceDeps, 'clock' | 'config' | 'logger' | 'portal' | 'randomBytes' | 'sessions' | 'sms' | 'templates'>, account: Account, rawGiven: Record<string, unknown>): Promise<SignSessionResponse> {
  const options = parseSignOptions(await withAccountDefaults(deps, account.id, rawGiven, 'signature'));
  await requireTemplate(deps, account, options.template_id);
  const reference = await newReference(deps);
  const now = deps.clock();
  const row = newSession(account, reference, { kind: 'signature', options }, 0, now);
  await deps.sessions.insert(row);
  const links = sessionLinks(deps.config.publicUrl, reference);
  const smssent = await sendLinkSms(deps, options.sms_contract_link, links.url, options.companyname, 'sms_contract_link');
  return {
    reference,
    customid: options.customid ?? '',
    ...links,
    html_qrcode: qrHtml('sign contract', links, reference),
    html_iframe: iframeHtml(links),
    expiry: Math.floor(row.expires_at / 1000),
    ...(smssent ? { smssent } : {}),
  };
}

/**
 * When create supplied every image the session needs and no phone or contract step remains,
 * the verification runs at once, without anyone opening the link.
 */
async function verifyAtOnceIfComplete(deps: Pick<ServiceDeps, 'capture' | 'clock' | 'queue' | 'sessions'>, row: Session, options: CreateOptions, supplied: number): Promise<void> {
  if (supplied === 0 || options.reusable || options.phoneverification || options.contract_sign) return;
  if ((await pendingSteps(deps, row)).length > 0) return;
  await queueVerification(deps, row);
}

/**
 * A visitor to a reusable link gets a session of their own: same options, fresh reference, its
 * own expiry counted from the visit (but never past the reusable link's own expiry).
 */
export async function spawnFromReusable(deps: Pick<ServiceDeps, 'accounts' | 'clock' | 'randomBytes' | 'sessions'>, parent: Session): Promise<Session> {
  const account = await deps.accounts.getAccount(parent.account_id);
  if (!account) throw new Error(`session ${parent.reference} has no account`);
  const now = deps.clock();
  const what: NewSession = parent.kind === 'signature' ? { kind: 'signature', options: parent.options } : { kind: 'verification', options: parent.options };
  const child = newSession(account, await newReference(deps), what, parent.type, now, parent.reference);
  child.expires_at = Math.min(child.expires_at, parent.expires_at);
  await deps.sessions.insert(child);
  return child;
}
