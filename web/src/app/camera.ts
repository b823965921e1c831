/**
 * Live camera code, loaded only when a step needs it (live mobile module, selfie video): the
 * document frame overlay that captures by itself when the picture is steady and sharp, the live
 * selfie, and the recorded head-turn challenge.
 */
import { h } from '../dom.ts';
import type { Key, T } from './i18n.ts';
import type { HeadTurn } from '../../../src/contract/capture-api.ts';

export type CameraTrouble = 'camera_denied' | 'camera_missing';

const SAMPLE_W = 160;
const STEADY_DIFF = 4; // mean absolute grey-level change between samples
const SHARP_MIN = 12; // variance of the Laplacian on the downscaled frame
const GOOD_SAMPLES = 6; // ~1 s of steady, sharp samples
const SAME_PICTURE = 18; // mean grey-level difference under which a view is the previous capture

/** Why the camera cannot be used; the app shows the help (and the upload, where allowed). */
function cameraError(e: unknown): CameraTrouble {
  const name = (e as { name?: string })?.name ?? '';
  return name === 'NotAllowedError' || name === 'SecurityError' ? 'camera_denied' : 'camera_missing';
}

async function openCamera(facing: 'environment' | 'user'): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('no camera API'), { name: 'NotFoundError' });
  return navigator.mediaDevices.getUserMedia({ video: { facingMode: facing, width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false });
}

function stopWhenGone(slot: HTMLElement, stream: MediaStream): () => boolean {
  return () => {
    if (slot.isConnected) return false;
    stream.getTracks().forEach((tr) => tr.stop());
    return true;
  };
}

/** Grey levels of a downscaled frame, and the sharpness (variance of the Laplacian). */
function sample(video: HTMLVideoElement, canvas: HTMLCanvasElement): { grey: Float32Array; sharpness: number } {
  const w = SAMPLE_W;
  const hh = Math.max(1, Math.round((video.videoHeight / video.videoWidth) * w));
  canvas.width = w;
  canvas.height = hh;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(video, 0, 0, w, hh);
  const px = ctx.getImageData(0, 0, w, hh).data;
  const grey = new Float32Array(w * hh);
  for (let i = 0; i < grey.length; i++) grey[i] = 0.299 * px[i * 4] + 0.587 * px[i * 4 + 1] + 0.114 * px[i * 4 + 2];
  let sum = 0;
  let sum2 = 0;
  let n = 0;
  for (let y = 1; y < hh - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const lap = grey[i - 1] + grey[i + 1] + grey[i - w] + grey[i + w] - 4 * grey[i];
      sum += lap;
      sum2 += lap * lap;
      n++;
    }
  const mean = sum / n;
  return { grey, sharpness: sum2 / n - mean * mean };
}

function meanDiff(a: Float32Array, b: Float32Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i] - b[i]);
  return d / a.length;
}

function grab(video: HTMLVideoElement, quality = 0.92): Promise<Blob> {
  const c = document.createElement('canvas');
  c.width = video.videoWidth;
  c.height = video.videoHeight;
  c.getContext('2d')!.drawImage(video, 0, 0);
  return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('capture failed'))), 'image/jpeg', quality));
}

export async function liveCapture(
  slot: HTMLElement,
  opts: { kind: 'document' | 'selfie'; t: T; onUnavailable: (why: CameraTrouble) => void; notLike?: Float32Array; onCapture: (blob: Blob, look: Float32Array) => Promise<void> },
): Promise<void> {
  const { t } = opts;
  let stream: MediaStream;
  try {
    stream = await openCamera(opts.kind === 'document' ? 'environment' : 'user');
  } catch (e) {
    opts.onUnavailable(cameraError(e));
    return;
  }
  const gone = stopWhenGone(slot, stream);
  const video = h('video', { autoplay: true, muted: true, playsinline: true, class: 'idg-video', 'data-testid': 'camera-preview' }) as HTMLVideoElement;
  video.srcObject = stream;
  const hint = h('p', { class: 'idg-hint', 'aria-live': 'polite' }, t(opts.kind === 'document' ? 'camera_doc' : 'camera_selfie'));
  let done = false;
  const canvas = document.createElement('canvas');
  let prev: Float32Array | undefined;
  const finish = async () => {
    if (done) return;
    done = true;
    const look = prev ?? sample(video, canvas).grey;
    const blob = await grab(video);
    stream.getTracks().forEach((tr) => tr.stop());
    await opts.onCapture(blob, look);
  };
  const manual = h('button', { class: 'idg-link', type: 'button', onclick: () => void finish() }, t('capture_now'));
  const overlay = h('div', { class: `idg-overlay idg-overlay-${opts.kind}`, 'aria-hidden': 'true' });
  if (!slot.isConnected) return void stream.getTracks().forEach((tr) => tr.stop());
  slot.replaceChildren(h('div', { class: 'idg-viewfinder' }, video, overlay), hint, manual);
  await video.play().catch(() => undefined);
  let good = 0;
  const tick = () => {
    if (done || gone()) return;
    if (video.videoWidth > 0) {
      const s = sample(video, canvas);
      let diff = 0;
      if (prev && prev.length === s.grey.length) {
        for (let i = 0; i < s.grey.length; i++) diff += Math.abs(s.grey[i] - prev[i]);
        diff /= s.grey.length;
      } else diff = Infinity;
      prev = s.grey;
      // Still showing what the previous step captured (the document before the selfie): wait.
      const same = !!opts.notLike && opts.notLike.length === s.grey.length && meanDiff(s.grey, opts.notLike) < SAME_PICTURE;
      const steady = diff < STEADY_DIFF && !same;
      const sharp = s.sharpness > SHARP_MIN;
      good = steady && sharp ? good + 1 : 0;
      overlay.classList.toggle('idg-ready', good > 0);
      hint.textContent = !sharp && steady ? t('too_blurry') : good > 0 ? t('hold_steady') : t(opts.kind === 'document' ? 'camera_doc' : 'camera_selfie');
      if (good >= GOOD_SAMPLES) return void finish();
    }
    setTimeout(tick, 150);
  };
  tick();
}

const TURN_KEYS: Record<HeadTurn, Key> = { left: 'turn_left', right: 'turn_right', up: 'turn_up', down: 'turn_down' };

export async function liveVideo(
  slot: HTMLElement,
  opts: { challenge: HeadTurn[]; t: T; onUnavailable: (why: CameraTrouble) => void; onDone: (video: Blob, frames: Blob[]) => Promise<void> },
): Promise<void> {
  const { t } = opts;
  let stream: MediaStream;
  try {
    stream = await openCamera('user');
    if (typeof MediaRecorder === 'undefined') throw Object.assign(new Error('no recorder'), { name: 'NotFoundError' });
  } catch (e) {
    opts.onUnavailable(cameraError(e));
    return;
  }
  const gone = stopWhenGone(slot, stream);
  const video = h('video', { autoplay: true, muted: true, playsinline: true, class: 'idg-video idg-mirror', 'data-testid': 'camera-preview' }) as HTMLVideoElement;
  video.srcObject = stream;
  const prompt = h('p', { class: 'idg-prompt', 'aria-live': 'assertive', 'data-testid': 'challenge-prompt' }, t('look_straight'));
  const start = h('button', { class: 'idg-button', type: 'button', 'data-testid': 'record' }, t('record')) as HTMLButtonElement;
  if (!slot.isConnected) return void stream.getTracks().forEach((tr) => tr.stop());
  slot.replaceChildren(h('div', { class: 'idg-viewfinder' }, video, h('div', { class: 'idg-overlay idg-overlay-selfie', 'aria-hidden': 'true' })), prompt, start);
  // The button is live as soon as it shows (a click before the preview plays must not be lost).
  start.addEventListener('click', async () => {
    start.disabled = true;
    start.textContent = t('recording');
    const type = ['video/webm;codecs=vp8', 'video/webm', 'video/mp4'].find((m) => MediaRecorder.isTypeSupported(m)) ?? '';
    const rec = new MediaRecorder(stream, type ? { mimeType: type } : {});
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => e.data.size && chunks.push(e.data);
    const stopped = new Promise<void>((r) => (rec.onstop = () => r()));
    rec.start(250);
    const frames: Blob[] = [];
    const plan: Array<[Key, number]> = [['look_straight', 1000], ...opts.challenge.map((c) => [TURN_KEYS[c], 1600] as [Key, number]), ['look_straight', 600]];
    const grabber = setInterval(() => void grab(video, 0.85).then((b) => frames.length < 12 && frames.push(b)), 400);
    for (const [key, ms] of plan) {
      prompt.textContent = t(key);
      await new Promise((r) => setTimeout(r, ms));
    }
    clearInterval(grabber);
    rec.stop();
    await stopped;
    stream.getTracks().forEach((tr) => tr.stop());
    if (gone()) return;
    await opts.onDone(new Blob(chunks, { type: rec.mimeType || 'video/webm' }), frames);
  });
  await video.play().catch(() => undefined);
}

/** Stills taken from an uploaded selfie video, spread over its length. */
export async function framesFromVideoFile(file: Blob, count = 8): Promise<Blob[]> {
  const url = URL.createObjectURL(file);
  const video = h('video', { muted: true, playsinline: true, preload: 'auto' }) as HTMLVideoElement;
  video.src = url;
  try {
    await new Promise((resolve, reject) => ((video.onloadeddata = resolve), (video.onerror = reject)));
    const duration = Number.isFinite(video.duration) ? video.duration : 3;
    const frames: Blob[] = [];
    for (let i = 0; i < count; i++) {
      video.currentTime = ((i + 0.5) * duration) / count;
      await new Promise((r) => (video.onseeked = r));
      frames.push(await grab(video, 0.85));
    }
    return frames;
  } finally {
    URL.revokeObjectURL(url);
  }
}
