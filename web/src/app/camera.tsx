/**
 * Live camera components, loaded only when a step needs them (a selfie, the live module's
 * document, the selfie video): the framed viewfinder that captures by itself when the picture is
 * steady and sharp, and the recorded head-turn challenge. Preact renders every element; refs
 * reach the <video> only to attach the stream and read frames.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type Key } from './i18n.ts';
import type { HeadTurn } from '../../../src/contract/capture-api.ts';

export type CameraTrouble = 'camera_denied' | 'camera_missing';

const SAMPLE_W = 160;
const STEADY_DIFF = 4; // mean absolute grey-level change between samples
const SHARP_MIN = 12; // variance of the Laplacian on the downscaled frame
const GOOD_SAMPLES = 6; // ~1 s of steady, sharp samples
const SAME_PICTURE = 18; // mean grey-level difference under which a view is the previous capture
const TICK_MS = 150;

/** Why the camera cannot be used; the app shows the help (and the upload, where allowed). */
export function cameraError(e: unknown): CameraTrouble {
  const name = (e as { name?: string })?.name ?? '';
  return name === 'NotAllowedError' || name === 'SecurityError' ? 'camera_denied' : 'camera_missing';
}

const stopAll = (stream: MediaStream) => stream.getTracks().forEach((tr) => tr.stop());

/**
 * Opens the camera for as long as the component is mounted: undefined while it starts, the
 * stream once it runs; a refusal or a missing device goes to `onUnavailable`.
 */
function useCamera(facing: 'environment' | 'user', onUnavailable: (why: CameraTrouble) => void, needRecorder = false): MediaStream | undefined {
  const [stream, setStream] = useState<MediaStream>();
  useEffect(() => {
    let alive = true;
    let opened: MediaStream | undefined;
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('no camera API'), { name: 'NotFoundError' });
      if (needRecorder && typeof MediaRecorder === 'undefined') throw Object.assign(new Error('no recorder'), { name: 'NotFoundError' });
      return navigator.mediaDevices.getUserMedia({ video: { facingMode: facing, width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false });
    })().then(
      (s) => {
        if (!alive) return stopAll(s);
        opened = s;
        setStream(s);
      },
      (e) => alive && onUnavailable(cameraError(e)),
    );
    return () => {
      alive = false;
      if (opened) stopAll(opened);
    };
  }, []);
  return stream;
}

/** Attaches the stream to the <video> Preact rendered and starts it. */
function useStreamIn(video: { current: HTMLVideoElement | null }, stream: MediaStream | undefined): void {
  useEffect(() => {
    const v = video.current;
    if (!v || !stream) return;
    v.srcObject = stream;
    void v.play().catch(() => undefined);
  }, [stream]);
}

/** An off-screen canvas for pixel work (never shown, so never part of the rendered tree). */
const scratch = () => document.createElement('canvas');

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
  const c = scratch();
  c.width = video.videoWidth;
  c.height = video.videoHeight;
  c.getContext('2d')!.drawImage(video, 0, 0);
  return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('capture failed'))), 'image/jpeg', quality));
}

type CaptureProps = {
  kind: 'document' | 'selfie';
  /** The look of the previous step's capture: a view still showing it is not taken again. */
  notLike?: Float32Array;
  onUnavailable: (why: CameraTrouble) => void;
  onCapture: (blob: Blob, look: Float32Array) => void | Promise<void>;
};

/** The viewfinder with its frame; captures by itself after ~1 s steady and sharp, or on the button. */
export function LiveCapture({ kind, notLike, onUnavailable, onCapture }: CaptureProps) {
  const stream = useCamera(kind === 'document' ? 'environment' : 'user', onUnavailable);
  const video = useRef<HTMLVideoElement>(null);
  const [hint, setHint] = useState<Key>(kind === 'document' ? 'camera_doc' : 'camera_selfie');
  const [ready, setReady] = useState(false);
  const done = useRef(false);
  const prev = useRef<Float32Array>();
  const canvas = useRef<HTMLCanvasElement>();
  useStreamIn(video, stream);

  const finish = async () => {
    const v = video.current;
    if (done.current || !v || !stream || !v.videoWidth) return;
    done.current = true;
    canvas.current ??= scratch();
    const look = prev.current ?? sample(v, canvas.current).grey;
    const blob = await grab(v);
    stopAll(stream);
    await onCapture(blob, look);
  };

  useEffect(() => {
    if (!stream) return;
    let timer = 0;
    let good = 0;
    canvas.current ??= scratch();
    const tick = () => {
      const v = video.current;
      if (done.current || !v) return;
      if (v.videoWidth > 0) {
        const s = sample(v, canvas.current!);
        const last = prev.current;
        const diff = last && last.length === s.grey.length ? meanDiff(s.grey, last) : Infinity;
        prev.current = s.grey;
        // Still showing what the previous step captured (the document before the selfie): wait.
        const same = !!notLike && notLike.length === s.grey.length && meanDiff(s.grey, notLike) < SAME_PICTURE;
        const steady = diff < STEADY_DIFF && !same;
        const sharp = s.sharpness > SHARP_MIN;
        good = steady && sharp ? good + 1 : 0;
        setReady(good > 0);
        setHint(!sharp && steady ? 'too_blurry' : good > 0 ? 'hold_steady' : kind === 'document' ? 'camera_doc' : 'camera_selfie');
        if (good >= GOOD_SAMPLES) return void finish();
      }
      timer = window.setTimeout(tick, TICK_MS);
    };
    tick();
    return () => window.clearTimeout(timer);
  }, [stream]);

  return (
    <div class="idg-camera-slot" data-starting={t('camera_starting')}>
      {stream ? (
        <>
          <div class="idg-viewfinder">
            <video ref={video} autoPlay muted playsInline class={kind === 'selfie' ? 'idg-video idg-mirror' : 'idg-video'} data-testid="camera-preview" />
            <div class={`idg-overlay idg-overlay-${kind}${ready ? ' idg-ready' : ''}`} aria-hidden="true" />
          </div>
          <p class="idg-hint" aria-live="polite">
            {t(hint)}
          </p>
          <button class="idg-link" type="button" onClick={() => void finish()}>
            {t('capture_now')}
          </button>
        </>
      ) : null}
    </div>
  );
}

const TURN_KEYS: Record<HeadTurn, Key> = { left: 'turn_left', right: 'turn_right', up: 'turn_up', down: 'turn_down' };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

type VideoProps = { challenge: HeadTurn[]; onUnavailable: (why: CameraTrouble) => void; onDone: (video: Blob, frames: Blob[]) => void | Promise<void> };

/** The recorded head-turn challenge: a prompt per turn while the camera records, stills grabbed alongside. */
export function LiveVideo({ challenge, onUnavailable, onDone }: VideoProps) {
  const stream = useCamera('user', onUnavailable, true);
  const video = useRef<HTMLVideoElement>(null);
  const [prompt, setPrompt] = useState<Key>('look_straight');
  const [recording, setRecording] = useState(false);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  useStreamIn(video, stream);

  // The button is live as soon as it shows (a click before the preview plays must not be lost).
  const record = async () => {
    if (!stream || recording) return;
    setRecording(true);
    const type = ['video/webm;codecs=vp8', 'video/webm', 'video/mp4'].find((m) => MediaRecorder.isTypeSupported(m)) ?? '';
    const rec = new MediaRecorder(stream, type ? { mimeType: type } : {});
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => e.data.size && chunks.push(e.data);
    const stopped = new Promise<void>((r) => (rec.onstop = () => r()));
    rec.start(250);
    const frames: Blob[] = [];
    const grabber = window.setInterval(() => video.current && void grab(video.current, 0.85).then((b) => frames.length < 12 && frames.push(b)), 400);
    const plan: Array<[Key, number]> = [['look_straight', 1000], ...challenge.map((c) => [TURN_KEYS[c], 1600] as [Key, number]), ['look_straight', 600]];
    for (const [key, ms] of plan) {
      if (mounted.current) setPrompt(key);
      await wait(ms);
    }
    window.clearInterval(grabber);
    rec.stop();
    await stopped;
    stopAll(stream);
    if (!mounted.current) return;
    await onDone(new Blob(chunks, { type: rec.mimeType || 'video/webm' }), frames);
  };

  return (
    <div class="idg-camera-slot" data-starting={t('camera_starting')}>
      {stream ? (
        <>
          <div class="idg-viewfinder">
            <video ref={video} autoPlay muted playsInline class="idg-video idg-mirror" data-testid="camera-preview" />
            <div class="idg-overlay idg-overlay-selfie" aria-hidden="true" />
          </div>
          <p class="idg-prompt" aria-live="assertive" data-testid="challenge-prompt">
            {t(prompt)}
          </p>
          <button class="idg-button" type="button" data-testid="record" disabled={recording} onClick={() => void record()}>
            {t(recording ? 'recording' : 'record')}
          </button>
        </>
      ) : null}
    </div>
  );
}

/** Stills taken from an uploaded selfie video, spread over its length (decoded off-screen). */
export async function framesFromVideoFile(file: Blob, count = 8): Promise<Blob[]> {
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  Object.assign(video, { muted: true, playsInline: true, preload: 'auto', src: url });
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
