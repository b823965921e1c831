import sharp from 'sharp';
import { fileTypeFromBuffer } from 'file-type';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { safeFetch, SafeFetchError } from '../../net/safe-fetch.ts';

export type ImageSource =
  | { kind: 'bytes'; param: string; data: Buffer }
  | { kind: 'base64'; param: string; data: string }
  | { kind: 'url'; param: string; url: string };

export type AcceptedImage = { data: Buffer; mime: string; ext: string; width: number; height: number };

export type IntakeLimits = { maxBytes: number; maxPixels: number; allowPrivateUrls: boolean };

const ACCEPTED: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/heic': 'heic', 'image/heif': 'heic' };

const bad = (param: string, why: string) => new DomainError(ErrorCode.InvalidImage, `Invalid image for \`${param}\`: ${why}`);

function decodeBase64(param: string, s: string, maxBytes: number): Buffer {
  const body = s.replace(/^data:[^;,]+;base64,/, '').replace(/\s+/g, '');
  if (body.length > Math.ceil((maxBytes * 4) / 3) + 4) throw bad(param, `larger than ${maxBytes} bytes`);
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(body)) throw bad(param, 'not valid base64');
  return Buffer.from(body, 'base64');
}

async function fetchImage(param: string, url: string, limits: IntakeLimits): Promise<Buffer> {
  try {
    const res = await safeFetch(url, { allowPrivate: limits.allowPrivateUrls, maxBytes: limits.maxBytes, timeoutMs: 10_000 });
    if (res.truncated) throw bad(param, `larger than ${limits.maxBytes} bytes`);
    if (res.status !== 200) throw bad(param, `the URL answered HTTP ${res.status}`);
    return res.body;
  } catch (e) {
    if (e instanceof SafeFetchError) throw bad(param, e.message);
    throw e;
  }
}

/**
 * Accepts an image only if its bytes say it is JPEG, PNG, WebP (or HEIC), it is within the size
 * and pixel limits (decompression bombs), and it decodes completely (truncated files).
 */
export async function intakeImage(source: ImageSource, limits: IntakeLimits): Promise<AcceptedImage> {
  const data =
    source.kind === 'bytes' ? source.data : source.kind === 'base64' ? decodeBase64(source.param, source.data, limits.maxBytes) : await fetchImage(source.param, source.url, limits);
  if (data.length === 0) throw bad(source.param, 'empty');
  if (data.length > limits.maxBytes) throw bad(source.param, `larger than ${limits.maxBytes} bytes`);
  const type = await fileTypeFromBuffer(data);
  const ext = type && ACCEPTED[type.mime];
  if (!type || !ext) throw bad(source.param, `unsupported type ${type?.mime ?? 'unknown'}; send JPEG, PNG or WebP`);
  let width = 0;
  let height = 0;
  try {
    const meta = await sharp(data, { limitInputPixels: limits.maxPixels }).metadata();
    width = meta.width ?? 0;
    height = meta.height ?? 0;
    if (width * height > limits.maxPixels) throw bad(source.param, `too many pixels (${width}×${height})`);
    if (width < 50 || height < 50) throw bad(source.param, `too small (${width}×${height})`);
    // A full (shrunk) decode is the only way to catch a truncated or corrupt body.
    await sharp(data, { limitInputPixels: limits.maxPixels, failOn: 'truncated' }).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
  } catch (e) {
    if (e instanceof DomainError) throw e;
    if (/pixel limit/i.test((e as Error).message)) throw bad(source.param, `too many pixels (limit ${limits.maxPixels})`);
    throw bad(source.param, `cannot be decoded (${(e as Error).message.split('\n')[0]})`);
  }
  return { data, mime: type.mime, ext, width, height };
}
