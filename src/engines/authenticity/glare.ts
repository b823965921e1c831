/**
 * Specular glare: saturated blobs (≥ 250) whose surroundings fall off gradually, as a reflection
 * on a laminate does: bright close to the blob, less bright a few pixels out. A printed white area
 * or a scanner's white margin is flat or ends in a hard edge, and blobs touching the frame are
 * margins or background. Returns every saturated blob, marked `glare` when it is one.
 */
export type GlareBlob = { x0: number; y0: number; x1: number; y1: number; area: number; near: number; far: number; glare: boolean };

export function findGlare(gray: Uint8Array, w: number, h: number, opts: { minArea: number; minFalloff: number }): GlareBlob[] {
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) mask[i] = gray[i]! >= 250 ? 1 : 0;
  const label = new Int32Array(w * h);
  const depth = new Uint8Array(w * h);
  const out: GlareBlob[] = [];
  let next = 0;
  const stack: number[] = [];
  for (let start = 0; start < w * h; start++) {
    if (!mask[start] || label[start]) continue;
    next++;
    const pixels: number[] = [];
    stack.push(start);
    label[start] = next;
    while (stack.length) {
      const i = stack.pop()!;
      pixels.push(i);
      const x = i % w;
      for (const j of [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, i - w, i + w]) {
        if (j >= 0 && j < w * h && mask[j] && !label[j]) { label[j] = next; stack.push(j); }
      }
    }
    if (pixels.length < opts.minArea) continue;
    // Rings around the blob by breadth-first layers over non-saturated pixels, up to 10 deep.
    const sums = new Float64Array(11);
    const counts = new Uint32Array(11);
    let frontier = pixels;
    const touched: number[] = [];
    for (let d = 1; d <= 10 && frontier.length; d++) {
      const nextFrontier: number[] = [];
      for (const i of frontier) {
        const x = i % w;
        for (const j of [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, i - w, i + w]) {
          if (j < 0 || j >= w * h || mask[j] || depth[j]) continue;
          depth[j] = d;
          touched.push(j);
          sums[d] += gray[j]!;
          counts[d]!++;
          nextFrontier.push(j);
        }
      }
      frontier = nextFrontier;
    }
    for (const j of touched) depth[j] = 0;
    const mean = (a: number, b: number) => {
      let s = 0;
      let c = 0;
      for (let d = a; d <= b; d++) { s += sums[d]!; c += counts[d]!; }
      return c ? s / c : 0;
    };
    const near = mean(1, 2);
    const far = mean(5, 10);
    let x0 = w, y0 = h, x1 = 0, y1 = 0;
    for (const i of pixels) {
      const x = i % w;
      const y = (i - x) / w;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
    // Blobs touching the frame are paper margins or background, not reflections on the document.
    const touches = x0 === 0 || y0 === 0 || x1 === w - 1 || y1 === h - 1;
    const glare = !touches && near >= 225 && far >= 215 && near - far >= opts.minFalloff;
    out.push({ x0, y0, x1, y1, area: pixels.length, near: Math.round(near), far: Math.round(far), glare });
  }
  return out;
}
