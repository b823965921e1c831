import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n.ts';
import { act, api, busy, view } from './state.ts';
import type { CameraTrouble } from './camera.tsx';
import { Progress, Screen } from './layout.tsx';
import { SelfieArt } from './icons.tsx';
import { FileButton } from './capture-step.tsx';

/** The recorded head-turn challenge; a recorded clip as the fallback where no camera works (never in the live module). */
export function VideoStep() {
  const v = view.value;
  const [camera, setCamera] = useState<'trying' | CameraTrouble>('trying');
  const [run, setRun] = useState(0);
  const [cam, setCam] = useState<typeof import('./camera.tsx')>();
  const mounted = useRef(true);
  useEffect(() => {
    void import('./camera.tsx').then((m) => mounted.current && setCam(m));
    return () => void (mounted.current = false);
  }, []);
  const uploadAllowed = v.module !== 'live';
  const upload = (
    <FileButton
      testid="selfie-video"
      accept="video/*"
      facing="user"
      label="choose_video"
      onFile={(file) =>
        void act(async () => {
          const { framesFromVideoFile } = await import('./camera.tsx');
          return api.upload('face_video', file, await framesFromVideoFile(file));
        })
      }
    />
  );
  return (
    <Screen title={t('video_title')}>
      <Progress step="selfie_video" />
      <SelfieArt />
      <p>{t('video_help')}</p>
      {camera === 'trying' ? (
        cam && !busy.value ? (
          <cam.LiveVideo
            key={run}
            challenge={v.challenge ?? ['left', 'right']}
            onUnavailable={(why) => mounted.current && setCamera(why)}
            onDone={async (video, frames) => void (await act(() => api.upload('face_video', video, frames)))}
          />
        ) : (
          <div class="idg-camera-slot" data-starting={t('camera_starting')} />
        )
      ) : (
        <>
          <p class={uploadAllowed ? 'idg-note' : 'idg-error'} role="alert" data-testid="camera-help" data-reason={camera}>
            {uploadAllowed ? t(camera as CameraTrouble) : t('camera_required')}
          </p>
          {uploadAllowed ? (
            upload
          ) : (
            <button type="button" class="idg-button" data-testid="camera-retry" onClick={() => (setCamera('trying'), setRun((n) => n + 1))}>
              {t('camera_retry')}
            </button>
          )}
        </>
      )}
    </Screen>
  );
}
