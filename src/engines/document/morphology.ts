/** Separable running max/min filters on one-byte images: the building blocks of the MRZ finder. */
/**
 * Running max/min over a window of k along rows or columns, van Herk/Gil-Werman: three
 * comparisons per pixel whatever k is (the naive loop cost k per pixel and dominated locating).
 */
function filter1d(src: Uint8Array, w: number, h: number, k: number, horizontal: boolean, max: boolean): Uint8Array {
  if (k <= 1) return src.slice();
  return horizontal ? filterRows(src, w, h, k, max) : filterColumns(src, w, h, k, max);
}

function filterRows(src: Uint8Array, w: number, h: number, k: number, max: boolean): Uint8Array {
  const out = new Uint8Array(src.length);
  const r = k >> 1;
  const pad = w + 2 * r;
  const buf = new Uint8Array(pad);
  const g = new Uint8Array(pad);
  const hh = new Uint8Array(pad);
  const fill = max ? 0 : 255;
  for (let line = 0; line < h; line++) {
    const base = line * w;
    buf.fill(fill);
    buf.set(src.subarray(base, base + w), r);
    // Monomorphic loops: a comparator closure here made every pass several times slower.
    if (max) {
      for (let i = 0, m = 0; i < pad; i++, m = m === k - 1 ? 0 : m + 1) { const v = buf[i]!; g[i] = m === 0 ? v : g[i - 1]! > v ? g[i - 1]! : v; }
      for (let i = pad - 1, m = (pad - 1) % k; i >= 0; i--, m = m === 0 ? k - 1 : m - 1) { const v = buf[i]!; hh[i] = m === k - 1 || i === pad - 1 ? v : hh[i + 1]! > v ? hh[i + 1]! : v; }
      for (let i = 0; i < w; i++) { const a = hh[i]!, b = g[Math.min(i + k - 1, pad - 1)]!; out[base + i] = a > b ? a : b; }
    } else {
      for (let i = 0, m = 0; i < pad; i++, m = m === k - 1 ? 0 : m + 1) { const v = buf[i]!; g[i] = m === 0 ? v : g[i - 1]! < v ? g[i - 1]! : v; }
      for (let i = pad - 1, m = (pad - 1) % k; i >= 0; i--, m = m === 0 ? k - 1 : m - 1) { const v = buf[i]!; hh[i] = m === k - 1 || i === pad - 1 ? v : hh[i + 1]! < v ? hh[i + 1]! : v; }
      for (let i = 0; i < w; i++) { const a = hh[i]!, b = g[Math.min(i + k - 1, pad - 1)]!; out[base + i] = a < b ? a : b; }
    }
  }
  return out;
}

/**
 * The same along columns, a whole row at a time: walking each column down the image touched a
 * new cache line per pixel and made this pass the locator's main cost.
 */
function filterColumns(src: Uint8Array, w: number, h: number, k: number, max: boolean): Uint8Array {
  const out = new Uint8Array(src.length);
  const r = k >> 1;
  const pad = h + 2 * r;
  const fillRow = new Uint8Array(w).fill(max ? 0 : 255);
  const row = (j: number) => (j < r || j >= h + r ? fillRow : src.subarray((j - r) * w, (j - r + 1) * w));
  const g = new Uint8Array(pad * w);
  const hh = new Uint8Array(pad * w);
  for (let j = 0; j < pad; j++) {
    const v = row(j), o = j * w;
    if (j % k === 0) { g.set(v, o); continue; }
    const p = o - w;
    if (max) for (let x = 0; x < w; x++) { const a = g[p + x]!, b = v[x]!; g[o + x] = a > b ? a : b; }
    else for (let x = 0; x < w; x++) { const a = g[p + x]!, b = v[x]!; g[o + x] = a < b ? a : b; }
  }
  for (let j = pad - 1; j >= 0; j--) {
    const v = row(j), o = j * w;
    if (j % k === k - 1 || j === pad - 1) { hh.set(v, o); continue; }
    const p = o + w;
    if (max) for (let x = 0; x < w; x++) { const a = hh[p + x]!, b = v[x]!; hh[o + x] = a > b ? a : b; }
    else for (let x = 0; x < w; x++) { const a = hh[p + x]!, b = v[x]!; hh[o + x] = a < b ? a : b; }
  }
  for (let i = 0; i < h; i++) {
    const a = i * w, b = Math.min(i + k - 1, pad - 1) * w, o = i * w;
    if (max) for (let x = 0; x < w; x++) { const p = hh[a + x]!, q = g[b + x]!; out[o + x] = p > q ? p : q; }
    else for (let x = 0; x < w; x++) { const p = hh[a + x]!, q = g[b + x]!; out[o + x] = p < q ? p : q; }
  }
  return out;
}

export function dilate(src: Uint8Array, w: number, h: number, kw: number, kh: number): Uint8Array {
  return filter1d(filter1d(src, w, h, kw, true, true), w, h, kh, false, true);
}

export function erode(src: Uint8Array, w: number, h: number, kw: number, kh: number): Uint8Array {
  return filter1d(filter1d(src, w, h, kw, true, false), w, h, kh, false, false);
}

/** Dark-on-light detail smaller than the kernel (text strokes): closing minus the image. */
export function blackhat(src: Uint8Array, w: number, h: number, kw: number, kh: number): Uint8Array {
  const closed = erode(dilate(src, w, h, kw, kh), w, h, kw, kh);
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = closed[i]! - src[i]!;
  return out;
}

/** Otsu threshold of a one-byte image. */
export function otsu(src: Uint8Array): number {
  const hist = new Array<number>(256).fill(0);
  for (const v of src) hist[v]!++;
  const total = src.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let sumB = 0, wB = 0, best = 0, thr = 0;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (!wB) continue;
    const wF = total - wB;
    if (!wF) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB, mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) { best = between; thr = t; }
  }
  return thr;
}

export type Component = { x0: number; y0: number; x1: number; y1: number; area: number };

/** 4-connected components of non-zero pixels, by flood fill with an explicit stack. */
export function components(bin: Uint8Array, w: number, h: number): Component[] {
  const seen = new Uint8Array(bin.length);
  const out: Component[] = [];
  const stack: number[] = [];
  for (let i = 0; i < bin.length; i++) {
    if (!bin[i] || seen[i]) continue;
    const c: Component = { x0: w, y0: h, x1: 0, y1: 0, area: 0 };
    seen[i] = 1;
    stack.push(i);
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % w, y = (p / w) | 0;
      c.area++;
      if (x < c.x0) c.x0 = x; if (x > c.x1) c.x1 = x; if (y < c.y0) c.y0 = y; if (y > c.y1) c.y1 = y;
      if (x > 0 && bin[p - 1] && !seen[p - 1]) { seen[p - 1] = 1; stack.push(p - 1); }
      if (x < w - 1 && bin[p + 1] && !seen[p + 1]) { seen[p + 1] = 1; stack.push(p + 1); }
      if (y > 0 && bin[p - w] && !seen[p - w]) { seen[p - w] = 1; stack.push(p - w); }
      if (y < h - 1 && bin[p + w] && !seen[p + w]) { seen[p + w] = 1; stack.push(p + w); }
    }
    out.push(c);
  }
  return out;
}
