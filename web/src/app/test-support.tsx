/**
 * Screen tests (happy-dom under vitest): the page's boot block must exist before state.ts is
 * evaluated, so each screen test imports this module first. Nothing here reaches the bundle
 * (main.tsx does not import it).
 */
import { render, type ComponentChildren } from 'preact';
import type { SessionView } from '../../../src/contract/capture-api.ts';

export const BASE_VIEW: SessionView = {
  reference: 'TESTREF1',
  kind: 'verification',
  module: 'redirection',
  company: 'Acme Bank',
  nobranding: false,
  language: 'en',
  steps: ['document', 'selfie'],
  phase: 'capture',
  attemptsLeft: 1,
  resumed: false,
  qrUrl: '/qr/TESTREF1.png',
  url: 'http://127.0.0.1/TESTREF1',
};

document.body.innerHTML = `<script id="idgate-boot" type="application/json">${JSON.stringify({ reference: 'TESTREF1', token: 'token', view: BASE_VIEW })}</script><div id="root"></div>`;

/** Lets Preact run its queued renders and effects (and a lazy import or two). */
export const settle = async (rounds = 3) => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
};

/** Renders a screen into a fresh root and waits for it to settle. */
export async function mount(node: ComponentChildren): Promise<HTMLElement> {
  const root = document.getElementById('root')!;
  render(null, root);
  render(node, root);
  await settle();
  return root;
}

export const byTestId = (root: ParentNode, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
export const allText = (root: HTMLElement) => root.textContent ?? '';

/** Waits (up to 5 s, for a loaded machine) for an element a lazy chunk or an async step renders. */
export async function waitForTestId(root: ParentNode, id: string): Promise<HTMLElement> {
  for (let i = 0; i < 500; i++) {
    const el = byTestId(root, id);
    if (el) return el;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no [data-testid=${id}] rendered`);
}

/** Waits (up to 5 s, for a loaded machine) until `ok()` holds: renders after a click or a resolved call, without a fixed delay. */
export async function waitUntil(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
}
