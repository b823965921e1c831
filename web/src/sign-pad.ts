import { h } from './dom.ts';
import type { T } from './app/i18n.ts';

/** A signature pad drawn with pointer events (finger, pen or mouse); exports a PNG data URL. */
export function signPad(t: T) {
  const canvas = h('canvas', { width: 600, height: 200, class: 'idg-pad', 'data-testid': 'sign-pad', 'aria-label': t('sign_here'), role: 'img' }) as HTMLCanvasElement;
  const ctx = canvas.getContext('2d')!;
  ctx.lineWidth = 3;
  ctx.lineCap = 'round';
  ctx.strokeStyle = '#111';
  let drawing = false;
  let strokes = 0;
  const at = (e: PointerEvent) => {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * canvas.width) / r.width, ((e.clientY - r.top) * canvas.height) / r.height] as const;
  };
  canvas.addEventListener('pointerdown', (e) => {
    drawing = true;
    canvas.setPointerCapture(e.pointerId);
    ctx.beginPath();
    ctx.moveTo(...at(e));
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    ctx.lineTo(...at(e));
    ctx.stroke();
    strokes++;
  });
  canvas.addEventListener('pointerup', () => (drawing = false));
  const clear = h('button', { type: 'button', class: 'idg-link', onclick: () => (ctx.clearRect(0, 0, canvas.width, canvas.height), (strokes = 0)) }, t('clear'));
  return {
    element: h('div', { class: 'idg-pad-wrap' }, h('p', {}, t('sign_here')), canvas, clear),
    isEmpty: () => strokes < 3,
    toDataUrl: () => canvas.toDataURL('image/png'),
  };
}
