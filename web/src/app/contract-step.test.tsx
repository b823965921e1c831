// @vitest-environment happy-dom
import { BASE_VIEW, byTestId, mount, settle } from './test-support.tsx';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, view } from './state.ts';
import { ContractStep } from './contract-step.tsx';

afterEach(() => {
  vi.restoreAllMocks();
  view.value = BASE_VIEW;
});

describe('ContractStep', () => {
  it('shows the contract in a sandboxed frame, the signature pad, and asks for agreement then a signature', async () => {
    vi.spyOn(api, 'contract').mockResolvedValue({ html: '<p>Loan agreement</p>', needsName: true });
    const sign = vi.spyOn(api, 'sign');
    view.value = { ...BASE_VIEW, steps: ['contract'] };
    const root = await mount(<ContractStep />);
    await settle();
    expect(byTestId(root, 'contract-preview')!.getAttribute('data-ready')).toBe('true');
    const frame = byTestId(root, 'contract-frame') as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toContain('Loan agreement');
    expect(byTestId(root, 'sign-pad')!.tagName).toBe('CANVAS');
    expect((byTestId(root, 'typed-name')!.closest('.idg-name') as HTMLElement).hidden).toBe(false);

    byTestId(root, 'sign')!.click();
    await settle();
    expect(byTestId(root, 'sign-problem')!.textContent).toBe('Tick the box to agree before signing.');
    const agree = byTestId(root, 'contract-agree') as HTMLInputElement;
    agree.checked = true;
    agree.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    byTestId(root, 'sign')!.click();
    await settle();
    // Nothing was drawn on the pad.
    expect(byTestId(root, 'sign-problem')!.textContent).toBe('Sign in the box above.');
    expect(sign).not.toHaveBeenCalled();
  });

  it('a contract that cannot be loaded says so', async () => {
    vi.spyOn(api, 'contract').mockRejectedValue(new Error('network'));
    const root = await mount(<ContractStep />);
    await settle();
    expect(byTestId(root, 'contract-preview')!.textContent).toBe('Something went wrong. Please try again.');
  });
});
