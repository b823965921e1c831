import sharp from 'sharp';
import type { ServiceDeps } from '../deps.ts';
import type { Session } from '../../database/repositories/sessions-repository.ts';
import type { CreateOptions } from '../../domain/session/create-options.ts';
import type { Decision, Evidence } from './verification-decision.ts';
import { signedFileUrl } from '../vault/vault-file-urls.ts';
import { buildVerificationPayload, type CallbackImage } from '../../domain/callback/payload.ts';
import { buildClaimsPayload } from '../../domain/privacy/claims.ts';

/** An attempt's stored form: the decision, the evidence (no image bytes), and where the images are. */
export type StoredVerification = {
  attempt: number;
  decision: Decision;
  evidence: Evidence;
  images: Array<{ side?: string; face?: boolean; key: string; corners?: Array<[number, number]> }>;
};

type Extras = { hash: string; vaultid?: string; contract?: { key: string; ext: string } };

const extOf = (key: string) => (key.split('.').pop() ?? 'jpg').replace('jpeg', 'jpg');

/** Crops a document photo to the bounding box of its detected corners (`crop_document`). */
async function cropToCorners(bytes: Buffer, corners: Array<[number, number]> | undefined): Promise<Buffer> {
  if (!corners || corners.length < 4) return bytes;
  const img = sharp(bytes).rotate();
  const meta = await img.metadata();
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const left = Math.max(0, Math.floor(Math.min(...xs)));
  const top = Math.max(0, Math.floor(Math.min(...ys)));
  const width = Math.min((meta.autoOrient?.width ?? meta.width ?? 0) - left, Math.ceil(Math.max(...xs)) - left);
  const height = Math.min((meta.autoOrient?.height ?? meta.height ?? 0) - top, Math.ceil(Math.max(...ys)) - top);
  if (width < 32 || height < 32) return bytes;
  return img.extract({ left, top, width, height }).jpeg({ quality: 90 }).toBuffer();
}

async function imageEntry(deps: Pick<ServiceDeps, 'clock' | 'config' | 'files' | 'vault' | 'vaultKeys'>, session: Session, options: CreateOptions, img: StoredVerification['images'][number], crop: boolean) {
  let key = img.key;
  if (crop && img.corners) {
    const cropped = await cropToCorners(await deps.files.get(img.key), img.corners);
    key = `sessions/${session.account_id}/${session.reference}/cropped-${img.side ?? 'doc'}.jpg`;
    await deps.files.put(key, cropped);
  }
  const type = extOf(key);
  const base = (img.side ? { side: img.side, type } : { type }) as CallbackImage;
  if (options.return_type === 0) return { ...base, content: (await deps.files.get(key)).toString('base64') };
  return { ...base, url: signedFileUrl(deps, key) };
}

/** The callback body exactly as the reference's success/failure examples. */
export async function buildCallbackPayload(deps: Pick<ServiceDeps, 'clock' | 'config' | 'files' | 'vault' | 'vaultKeys'>, session: Session, options: CreateOptions, stored: StoredVerification, extras: Extras): Promise<Record<string, unknown>> {
  const { decision, evidence } = stored;
  const face = evidence.face?.kind === 'photo' ? evidence.face.comparison : evidence.face?.video.comparison;
  const auth = evidence.authentication && 'score' in evidence.authentication ? evidence.authentication : null;
  const crop = options.crop_document;
  if (options.callback_claims_only) {
    const aml = options.aml_check ? evidence.aml : null;
    return buildClaimsPayload({ reference: session.reference, hash: extras.hash, customid: session.customid, decision, data: evidence.reading?.data, face: face ?? null, phoneVerified: options.phoneverification ? !!evidence.phone : null, aml });
  }
  return buildVerificationPayload({
    reference: session.reference,
    hash: extras.hash,
    customid: session.customid,
    decision,
    data: evidence.reading?.data,
    face: face ? { isIdentical: face.isIdentical, confidence: face.confidence } : null,
    authentication: auth ? { score: auth.score, breakdown: publicBreakdown(auth.breakdown), ...(auth.warning?.length ? { warning: auth.warning } : {}) } : null,
    phone: evidence.phone,
    contract: extras.contract ? { document_url: signedFileUrl(deps, extras.contract.key) } : null,
    // The callback carries the list records; the match explanation is for the AML API.
    aml: evidence.aml.map(({ score: _s, matched: _m, ...record }) => record),
    documentimage: options.return_documentimage ? await Promise.all(stored.images.filter((i) => !i.face).map((i) => imageEntry(deps, session, options, i, crop))) : [],
    faceimage: options.return_faceimage ? await Promise.all(stored.images.filter((i) => i.face).map((i) => imageEntry(deps, session, options, i, false))) : [],
    vaultid: extras.vaultid,
  }) as unknown as Record<string, unknown>;
}

function publicBreakdown(b: Record<string, { passed: boolean; reason?: string }>) {
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.reason ? { passed: v.passed, reason: v.reason } : { passed: v.passed }]));
}
