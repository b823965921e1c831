import type { Rect, SideReading } from './document-reading.ts';

/**
 * Maps a box from a side's reading coordinates (the work-scale image turned upright by
 * `rotation`) back to the submitted file's own pixels (EXIF-upright), which is what other
 * engines decode: the face engine crops the portrait there. The box's corners are mapped and
 * enclosed, so a tilt widens it slightly.
 */
export function toSourceBox(side: SideReading, box: Rect): Rect {
  if (!side.work || !side.source) return box;
  const t = (side.rotation * Math.PI) / 180;
  const k = side.source.width / side.work.width;
  const back = (x: number, y: number): [number, number] => {
    const dx = x - side.width / 2, dy = y - side.height / 2;
    return [(dx * Math.cos(t) + dy * Math.sin(t) + side.work!.width / 2) * k, (-dx * Math.sin(t) + dy * Math.cos(t) + side.work!.height / 2) * k];
  };
  const pts = [back(box.x, box.y), back(box.x + box.w, box.y), back(box.x + box.w, box.y + box.h), back(box.x, box.y + box.h)];
  const x0 = Math.max(0, Math.min(...pts.map((p) => p[0]))), y0 = Math.max(0, Math.min(...pts.map((p) => p[1])));
  const x1 = Math.min(side.source.width, Math.max(...pts.map((p) => p[0]))), y1 = Math.min(side.source.height, Math.max(...pts.map((p) => p[1])));
  return { x: Math.round(x0), y: Math.round(y0), w: Math.round(x1 - x0), h: Math.round(y1 - y0) };
}
