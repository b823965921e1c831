import sharp from 'sharp';
import type { ServiceDeps } from './deps.ts';
import type { SessionRow } from '../database/repositories/sessions-repository.ts';
import type { CreateOptions } from '../domain/session/create-options.ts';
import type { Decision, Evidence } from './verification-decision.ts';
import { signedFileUrl } from './vault-file-urls.ts';

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

async function imageEntry(deps: ServiceDeps, session: SessionRow, options: CreateOptions, img: StoredVerification['images'][number], crop: boolean) {
  let key = img.key;
  if (crop && img.corners) {
    const cropped = await cropToCorners(await deps.files.get(img.key), img.corners);
    key = `sessions/${session.account_id}/${session.reference}/cropped-${img.side ?? 'doc'}.jpg`;
    await deps.files.put(key, cropped);
  }
  const type = extOf(key);
  const base = img.side ? { side: img.side, type } : { type };
  if (options.return_type === 0) return { ...base, content: (await deps.files.get(key)).toString('base64') };
  return { ...base, url: signedFileUrl(deps, key) };
}

/** The callback body exactly as the reference's success/failure examples. */
export async function buildVerificationPayload(deps: ServiceDeps, session: SessionRow, options: CreateOptions, stored: StoredVerification, extras: Extras): Promise<Record<string, unknown>> {
  const { decision, evidence } = stored;
  const body: Record<string, unknown> = { success: decision.passed, reference: session.reference, hash: extras.hash, customid: session.customid ?? '' };
  if (!decision.passed) Object.assign(body, { failreason: decision.failreason, failcode: decision.failcode });
  body.data = evidence.reading?.data ?? {};
  if (extras.contract) {
    const url = options.return_type === 0 ? undefined : signedFileUrl(deps, extras.contract.key);
    body.contract = url ? { document_url: url } : { document_url: '', content: (await deps.files.get(extras.contract.key)).toString('base64'), type: extras.contract.ext };
  }
  if (evidence.phone) body.phone = { number: evidence.phone.number, type: evidence.phone.type };
  const face = evidence.face?.kind === 'photo' ? evidence.face.comparison : evidence.face?.video.comparison;
  if (face) body.face = { isIdentical: face.isIdentical, confidence: face.confidence.toFixed(3) };
  body.verification = { passed: decision.passed, result: decision.result };
  if (evidence.authentication && 'score' in evidence.authentication) {
    const a = evidence.authentication;
    body.authentication = { score: a.score, breakdown: publicBreakdown(a.breakdown), ...(a.warning?.length ? { warning: a.warning } : {}) };
  }
  body.aml = evidence.aml.map(({ score: _s, matched: _m, ...record }) => record);
  const crop = options.crop_document;
  body.documentimage = options.return_documentimage ? await Promise.all(stored.images.filter((i) => !i.face).map((i) => imageEntry(deps, session, options, i, crop))) : [];
  body.faceimage = options.return_faceimage ? await Promise.all(stored.images.filter((i) => i.face).map((i) => imageEntry(deps, session, options, i, false))) : [];
  if (extras.vaultid) body.vaultid = extras.vaultid;
  return body;
}

function publicBreakdown(b: Record<string, { passed: boolean; reason?: string }>) {
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.reason ? { passed: v.passed, reason: v.reason } : { passed: v.passed }]));
}
