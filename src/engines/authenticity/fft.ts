const twiddles = new Map<number, { cos: Float64Array; sin: Float64Array; rev: Uint32Array; hann: Float64Array }>();

function tables(n: number) {
  let t = twiddles.get(n);
  if (!t) {
    const cos = new Float64Array(n / 2);
    const sin = new Float64Array(n / 2);
    for (let k = 0; k < n / 2; k++) { cos[k] = Math.cos((-2 * Math.PI * k) / n); sin[k] = Math.sin((-2 * Math.PI * k) / n); }
    const rev = new Uint32Array(n);
    const bits = Math.log2(n);
    for (let i = 0; i < n; i++) { let r = 0; for (let b = 0; b < bits; b++) r = (r << 1) | ((i >> b) & 1); rev[i] = r; }
    const hann = new Float64Array(n);
    for (let i = 0; i < n; i++) hann[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
    t = { cos, sin, rev, hann };
    twiddles.set(n, t);
  }
  return t;
}

/** In-place radix-2 complex FFT (length a power of two). */
export function fft1d(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  const { cos, sin, rev } = tables(n);
  for (let i = 0; i < n; i++) {
    const j = rev[i]!;
    if (i < j) {
      const tr = re[i]!; re[i] = re[j]!; re[j] = tr;
      const ti = im[i]!; im[i] = im[j]!; im[j] = ti;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const step = n / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < half; k++) {
        const a = i + k;
        const b = a + half;
        const wr = cos[k * step]!;
        const wi = sin[k * step]!;
        const tr = re[b]! * wr - im[b]! * wi;
        const ti = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
      }
    }
  }
}

/**
 * Magnitude spectrum of an n×n real tile (n a power of two), mean removed and Hann-windowed so
 * the tile's borders do not smear energy along the axes. Index [v*n+u], DC at 0.
 */
export function magnitudeSpectrum(tile: Float64Array, n: number): Float64Array {
  const { hann } = tables(n);
  let mean = 0;
  for (let i = 0; i < tile.length; i++) mean += tile[i]!;
  mean /= tile.length;
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) re[y * n + x] = (tile[y * n + x]! - mean) * hann[x]! * hann[y]!;
  for (let y = 0; y < n; y++) fft1d(re.subarray(y * n, y * n + n), im.subarray(y * n, y * n + n));
  const cr = new Float64Array(n);
  const ci = new Float64Array(n);
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) { cr[y] = re[y * n + x]!; ci[y] = im[y * n + x]!; }
    fft1d(cr, ci);
    for (let y = 0; y < n; y++) { re[y * n + x] = cr[y]!; im[y * n + x] = ci[y]!; }
  }
  const mag = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) mag[i] = Math.sqrt(re[i]! * re[i]! + im[i]! * im[i]!);
  return mag;
}
