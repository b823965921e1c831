// @vitest-environment happy-dom
import { BASE_VIEW, byTestId, mount, settle, waitForTestId } from './test-support.tsx';
import { afterEach, describe, expect, it } from 'vitest';
import { view } from './state.ts';
import { VideoStep } from './video-step.tsx';

afterEach(() => {
  view.value = BASE_VIEW;
});

describe('VideoStep', () => {
  it('tries the camera; without one, explains and offers a recorded clip', async () => {
    view.value = { ...BASE_VIEW, steps: ['selfie_video'], challenge: ['left', 'right'] };
    const root = await mount(<VideoStep />);
    expect(root.querySelector('h1')!.textContent).toBe('Record a short selfie video');
    expect((await waitForTestId(root, 'camera-help')).getAttribute('data-reason')).toBe('camera_missing');
    expect((byTestId(root, 'selfie-video') as HTMLInputElement).accept).toBe('video/*');
  });

  it('live module: no clip upload, "Try the camera again" restarts the camera', async () => {
    view.value = { ...BASE_VIEW, module: 'live', steps: ['selfie_video'], challenge: ['right', 'up'] };
    const root = await mount(<VideoStep />);
    await waitForTestId(root, 'camera-retry');
    expect(byTestId(root, 'selfie-video')).toBeNull();
    byTestId(root, 'camera-retry')!.click();
    await settle();
    // Trying again: the starting placeholder (then the same help again, as no camera exists here).
    expect(root.querySelector('.idg-camera-slot, [data-testid=camera-help]')).not.toBeNull();
  });
});
