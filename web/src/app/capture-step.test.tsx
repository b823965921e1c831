// @vitest-environment happy-dom
import { BASE_VIEW, byTestId, mount, settle, waitForTestId } from './test-support.tsx';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, busy, view } from './state.ts';
import { CaptureStep } from './capture-step.tsx';

afterEach(() => {
  vi.restoreAllMocks();
  view.value = BASE_VIEW;
  busy.value = false;
});

/** Picks a file in a file input as a person would (the change event the app listens to). */
async function pick(input: HTMLInputElement, file: File) {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await settle(6);
}

describe('CaptureStep', () => {
  it('document front: title, help and the photo input (upload module, no camera first)', async () => {
    const root = await mount(<CaptureStep step="document" />);
    expect(root.querySelector('h1')!.textContent).toBe('Front of your document');
    const input = byTestId(root, 'document-front') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toContain('image/jpeg');
    expect(input.hasAttribute('capture')).toBe(false); // a computer: no capture hint
    expect(byTestId(root, 'camera-preview')).toBeNull();
    expect(byTestId(root, 'no-back')).toBeNull();
  });

  it('a PDF is named at once, with "Retake" and without "Use this photo"; nothing is sent', async () => {
    const check = vi.spyOn(api, 'check');
    const upload = vi.spyOn(api, 'upload');
    const root = await mount(<CaptureStep step="document" />);
    await pick(byTestId(root, 'document-front') as HTMLInputElement, new File(['%PDF-1.4'], 'statement.pdf', { type: 'application/pdf' }));
    const problems = byTestId(root, 'photo-problems')!;
    expect(problems.querySelector('li')!.getAttribute('data-problem')).toBe('pdf');
    expect(problems.textContent).toContain('This file is a PDF.');
    expect(byTestId(root, 'use-photo')).toBeNull();
    expect(check).not.toHaveBeenCalled();
    expect(upload).not.toHaveBeenCalled();
    byTestId(root, 'retake')!.click();
    await settle();
    expect(byTestId(root, 'document-front')).not.toBeNull();
  });

  it('back side: "My document has no back side" tells the server', async () => {
    view.value = { ...BASE_VIEW, steps: ['document_back', 'selfie'] };
    const noBack = vi.spyOn(api, 'noBack').mockResolvedValue({ ...BASE_VIEW, steps: ['selfie'] });
    const root = await mount(<CaptureStep step="document_back" />);
    expect(byTestId(root, 'document-back')).not.toBeNull();
    byTestId(root, 'no-back')!.click();
    await settle();
    expect(noBack).toHaveBeenCalledTimes(1);
    expect(view.value.steps).toEqual(['selfie']);
  });

  it('selfie: the camera is tried first; with no camera the help and the upload appear', async () => {
    view.value = { ...BASE_VIEW, steps: ['selfie'] };
    const root = await mount(<CaptureStep step="selfie" />);
    // The camera chunk loads; getUserMedia is missing here.
    const help = await waitForTestId(root, 'camera-help');
    expect(help.getAttribute('data-reason')).toBe('camera_missing');
    expect(byTestId(root, 'selfie')).not.toBeNull();
  });

  it('live module: the selfie never falls back to an upload; "Try the camera again" is offered', async () => {
    view.value = { ...BASE_VIEW, module: 'live', steps: ['selfie'] };
    const root = await mount(<CaptureStep step="selfie" />);
    expect((await waitForTestId(root, 'camera-help')).textContent).toContain('This verification needs your camera.');
    expect(byTestId(root, 'selfie')).toBeNull();
    expect(byTestId(root, 'camera-retry')).not.toBeNull();
  });
});
