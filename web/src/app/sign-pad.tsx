import { useEffect, useRef } from 'preact/hooks';
import { t } from './i18n.ts';

/** What the contract step asks of the pad when the person signs. */
export type SignPadHandle = { isEmpty: () => boolean; toDataUrl: () => string };

const MIN_STROKES = 3; // a tap or a stray touch is not a signature

/**
 * A signature pad drawn with pointer events (finger, pen or mouse). Preact renders the canvas and
 * binds the handlers; the ref reaches the canvas only to draw and to export the PNG.
 */
export function SignPad({ handle }: { handle: { current?: SignPadHandle } }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const strokes = useRef(0);
  const ctx = () => canvas.current?.getContext('2d') ?? null;

  useEffect(() => {
    const c = ctx();
    if (c) Object.assign(c, { lineWidth: 3, lineCap: 'round', strokeStyle: '#111' });
    handle.current = { isEmpty: () => strokes.current < MIN_STROKES, toDataUrl: () => canvas.current?.toDataURL('image/png') ?? '' };
    return () => void (handle.current = undefined);
  }, []);

  /** The pointer in the canvas's own pixels (it is drawn at 600×200 and shown at any width). */
  const at = (e: PointerEvent): [number, number] => {
    const el = canvas.current!;
    const r = el.getBoundingClientRect();
    return [((e.clientX - r.left) * el.width) / (r.width || el.width), ((e.clientY - r.top) * el.height) / (r.height || el.height)];
  };
  const down = (e: PointerEvent) => {
    const c = ctx();
    if (!c) return;
    drawing.current = true;
    canvas.current!.setPointerCapture?.(e.pointerId);
    c.beginPath();
    c.moveTo(...at(e));
  };
  const move = (e: PointerEvent) => {
    const c = ctx();
    if (!drawing.current || !c) return;
    c.lineTo(...at(e));
    c.stroke();
    strokes.current++;
  };
  const clear = () => {
    const el = canvas.current;
    ctx()?.clearRect(0, 0, el?.width ?? 0, el?.height ?? 0);
    strokes.current = 0;
  };

  return (
    <div class="idg-pad-wrap">
      <p id="idg-pad-label">{t('sign_here')}</p>
      <canvas
        ref={canvas}
        width={600}
        height={200}
        class="idg-pad"
        data-testid="sign-pad"
        role="img"
        aria-labelledby="idg-pad-label"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={() => (drawing.current = false)}
        onPointerCancel={() => (drawing.current = false)}
      />
      <button type="button" class="idg-link" onClick={clear}>
        {t('clear')}
      </button>
    </div>
  );
}
