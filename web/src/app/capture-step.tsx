import { useEffect, useRef, useState } from 'preact/hooks';
import type { PrecheckAnswer, SessionView } from '../../../src/contract/capture-api.ts';
import { hasKey, t, type Key } from './i18n.ts';
import { act, api, busy, view } from './state.ts';
import { preparePhoto } from './photo.ts';
import type { CameraTrouble } from './camera.tsx';

type CameraModule = typeof import('./camera.tsx');
import { forgetStep, LaterHandoff, Progress, Screen } from './layout.tsx';
import { DocumentArt, SelfieArt } from './icons.tsx';

type StepKind = 'document' | 'document_back' | 'selfie';
type Role = 'document' | 'document_back' | 'face';
const CFG: Record<StepKind, { title: Key; help: Key; testid: string; role: Role; facing: 'environment' | 'user' }> = {
  document: { title: 'front_title', help: 'front_help', testid: 'document-front', role: 'document', facing: 'environment' },
  document_back: { title: 'back_title', help: 'back_help', testid: 'document-back', role: 'document_back', facing: 'environment' },
  selfie: { title: 'selfie_title', help: 'selfie_help', testid: 'selfie', role: 'face', facing: 'user' },
};
/**
 * A precheck that has not answered by then is skipped (the pipeline still checks everything). It
 * answers in about two seconds once the engines are loaded; the first one after a start loads them.
 */
const CHECK_TIMEOUT_MS = 45_000;
const DEFAULT_MAX_BYTES = 15 * 1024 * 1024;

/** The look of the last live capture, so the next step does not take the same picture again. */
let lastCapture: Float32Array | undefined;

type Problem = { key: Key; vars?: Record<string, string> };

function problemsOf(answer: PrecheckAnswer, v: SessionView): Problem[] {
  const types = (v.documentTypes ?? []).map((d) => t(`type_${d}` as Key)).join(', ');
  return answer.problems.map((p) => `p_${p}`).filter(hasKey).map((key) => ({ key, vars: { company: v.company, types } }));
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), ms))]);
}

export function FileButton({ testid, accept, facing, label, onFile }: { testid: string; accept: string; facing: 'environment' | 'user'; label: Key; onFile: (f: File) => void }) {
  const id = `file-${testid}`;
  const phoneModule = view.value.module === 'mobile' || view.value.module === 'live';
  return (
    <div class="idg-upload">
      <label for={id} class="idg-button">
        {t(label)}
      </label>
      <input
        type="file"
        id={id}
        accept={accept}
        {...(phoneModule ? { capture: facing } : {})}
        data-testid={testid}
        class="idg-file"
        disabled={busy.value}
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          const file = input.files?.[0];
          input.value = '';
          if (file) onFile(file);
        }}
      />
    </div>
  );
}

/**
 * A photo step: the camera (the selfie's default everywhere, the document's in the live module)
 * or a file; then a preview while the server prechecks it. A clean photo is used at once; a
 * flagged one stays on screen with every problem named, "Retake" and "Use this photo".
 */
export function CaptureStep({ step }: { step: StepKind }) {
  const v = view.value;
  const cfg = CFG[step];
  const cameraFirst = step === 'selfie' || v.module === 'live';
  const [stage, setStage] = useState<'choose' | 'checking' | 'review'>('choose');
  const [camera, setCamera] = useState<'trying' | CameraTrouble>(cameraFirst ? 'trying' : 'camera_missing');
  const [cameraRun, setCameraRun] = useState(0);
  const [preview, setPreview] = useState<string>();
  const [photo, setPhoto] = useState<Blob>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [cam, setCam] = useState<CameraModule>();
  const live = useRef(true);
  useEffect(() => () => void (live.current = false), []);
  useEffect(() => () => preview && URL.revokeObjectURL(preview), [preview]);

  async function send(blob: Blob, documentType?: string) {
    const ok = await act(async () => {
      let next = await api.upload(cfg.role, blob);
      // A passport has no back side: the front read on upload says so, and the step is skipped.
      if (step === 'document' && documentType === 'P' && next.steps.includes('document_back')) {
        forgetStep('document_back');
        next = await api.noBack();
      }
      return next;
    });
    if (!ok && live.current) setStage('choose');
  }

  async function onPhoto(input: Blob, fromCamera: boolean) {
    const prepared = fromCamera ? { blob: input } : await preparePhoto(input, v.maxUploadBytes ?? DEFAULT_MAX_BYTES);
    if ('problem' in prepared) {
      setPhoto(undefined);
      setPreview(undefined);
      setProblems([prepared.problem]);
      setStage('review');
      return;
    }
    setPhoto(prepared.blob);
    setPreview(URL.createObjectURL(prepared.blob));
    setStage('checking');
    const answer = await withTimeout(api.check(cfg.role, prepared.blob).catch(() => undefined), CHECK_TIMEOUT_MS);
    if (!live.current) return;
    if (!answer || answer.ok) return send(prepared.blob, answer?.documentType);
    setProblems(problemsOf(answer, v));
    setStage('review');
  }

  const retake = () => {
    setProblems([]);
    setPhoto(undefined);
    setPreview(undefined);
    setStage('choose');
    setCameraRun((n) => n + 1);
  };

  // The camera components are a lazy chunk: loaded only by a step that starts with the camera.
  useEffect(() => {
    if (cameraFirst) void import('./camera.tsx').then((m) => live.current && setCam(m));
  }, []);

  const upload = <FileButton testid={cfg.testid} accept="image/jpeg,image/png,image/webp,image/heic" facing={cfg.facing} label="choose_photo" onFile={(f) => void onPhoto(f, false)} />;
  // The live module never falls back to an upload for the selfie: the camera is the point of it.
  const uploadAllowed = !(step === 'selfie' && v.module === 'live');
  let body;
  if (stage === 'checking' || stage === 'review') {
    body = (
      <div class="idg-preview-box">
        {preview ? <img class="idg-preview" src={preview} alt={t('preview_alt')} data-testid="photo-preview" /> : null}
        {stage === 'checking' ? (
          <p class="idg-muted" role="status" data-testid="photo-checking">
            <span class="idg-spinner idg-spinner-inline" aria-hidden="true" /> {busy.value ? t('uploading') : t('checking')}
          </p>
        ) : (
          <>
            <div class="idg-problems" role="alert" data-testid="photo-problems">
              <p>{t('problems_intro')}</p>
              <ul>
                {problems.map((p) => (
                  <li key={p.key} data-problem={p.key.slice(2)}>
                    {t(p.key, p.vars)}
                  </li>
                ))}
              </ul>
            </div>
            <button type="button" class="idg-button" data-testid="retake" onClick={retake}>
              {t('retake')}
            </button>
            {photo ? (
              <button type="button" class="idg-button idg-secondary" data-testid="use-photo" disabled={busy.value} onClick={() => void send(photo)}>
                {t('use_photo')}
              </button>
            ) : null}
          </>
        )}
      </div>
    );
  } else if (cameraFirst && camera === 'trying') {
    body = (
      <>
        {cam && !busy.value ? (
          <cam.LiveCapture
            key={cameraRun}
            kind={cfg.facing === 'user' ? 'selfie' : 'document'}
            notLike={lastCapture}
            onUnavailable={(why) => live.current && setCamera(why)}
            onCapture={async (blob, look) => {
              lastCapture = look;
              await onPhoto(blob, true);
            }}
          />
        ) : (
          <div class="idg-camera-slot" data-starting={t('camera_starting')} />
        )}
        {step !== 'selfie' ? (
          <details class="idg-upload-instead">
            <summary>{t('upload_instead')}</summary>
            {upload}
          </details>
        ) : null}
      </>
    );
  } else if (cameraFirst) {
    body = (
      <>
        <p class={uploadAllowed ? 'idg-note' : 'idg-error'} role="alert" data-testid="camera-help" data-reason={camera}>
          {uploadAllowed ? t(camera as CameraTrouble) : t('camera_required')}
        </p>
        {uploadAllowed ? (
          upload
        ) : (
          <button type="button" class="idg-button" data-testid="camera-retry" onClick={() => (setCamera('trying'), setCameraRun((n) => n + 1))}>
            {t('camera_retry')}
          </button>
        )}
      </>
    );
  } else body = upload;

  return (
    <Screen title={t(cfg.title)}>
      <Progress step={step} />
      {/* While the camera runs or a photo is previewed, that picture is the illustration: nothing pushes it (or the buttons) down. */}
      {stage === 'choose' && !(cameraFirst && camera === 'trying') ? (step === 'selfie' ? <SelfieArt /> : <DocumentArt back={step === 'document_back'} />) : null}
      {stage === 'choose' ? <p>{t(cfg.help)}</p> : null}
      {body}
      {step === 'document_back' && stage === 'choose' ? (
        <button type="button" class="idg-link" data-testid="no-back" onClick={() => (forgetStep('document_back'), void act(() => api.noBack()))}>
          {t('no_back')}
        </button>
      ) : null}
      <LaterHandoff />
    </Screen>
  );
}
