import { useState } from 'preact/hooks';
import { t } from '../strings.ts';

/** Zoom and rotate with CSS transforms; keyboard: + / - / r / 0 while the viewer has focus. */
export function ImageViewer(p: { src: string | null; label: string; testid: string }) {
  const [zoom, setZoom] = useState(1);
  const [turn, setTurn] = useState(0);
  if (!p.src) {
    return (
      <figure class="viewer withheld" data-testid={p.testid}>
        <div class="placeholder">{t.detail.withheld}</div>
        <figcaption>{p.label}</figcaption>
      </figure>
    );
  }
  const onKey = (e: KeyboardEvent) => {
    if (e.key === '+' || e.key === '=') setZoom((z) => Math.min(6, z * 1.25));
    else if (e.key === '-') setZoom((z) => Math.max(0.5, z / 1.25));
    else if (e.key === 'r') setTurn((r) => (r + 90) % 360);
    else if (e.key === '0') (setZoom(1), setTurn(0));
    else return;
    e.preventDefault();
  };
  return (
    <figure class="viewer">
      <div class="frame" tabIndex={0} onKeyDown={onKey} aria-label={`${p.label}: + zoom in, - zoom out, r rotate, 0 reset`}>
        <img src={p.src} alt={p.label} data-testid={p.testid} data-zoom={zoom} data-rotation={turn} style={{ transform: `scale(${zoom}) rotate(${turn}deg)` }} />
      </div>
      <figcaption>
        <span>{p.label}</span>
        <span class="tools">
          <button type="button" onClick={() => setZoom((z) => Math.min(6, z * 1.25))} aria-label={t.detail.zoomIn} data-testid={`${p.testid}-zoom-in`}>
            +
          </button>
          <button type="button" onClick={() => setZoom((z) => Math.max(0.5, z / 1.25))} aria-label={t.detail.zoomOut}>
            −
          </button>
          <button type="button" onClick={() => setTurn((r) => (r + 90) % 360)} aria-label={t.detail.rotate} data-testid={`${p.testid}-rotate`}>
            ⟳
          </button>
          <button type="button" onClick={() => (setZoom(1), setTurn(0))}>
            {t.detail.resetView}
          </button>
          <span class="muted">{Math.round(zoom * 100)}%</span>
        </span>
      </figcaption>
    </figure>
  );
}
