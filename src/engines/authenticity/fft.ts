type Tables = { cos: Float64Array; sin: Float64Array; rev: Uint32Array; hann: Float64Array };
const cache = new Map<number, Tables>();

/** Twiddle factors, bit-reversal permutation and Hann window for length n (a power of two). */
export function fftTables(n: number): Tables {
  let t = cache.get(n);
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
    cache.set(n, t);
  }
  return t;
}

/** In-place radix-2 complex FFT of re/im[off .. off+n) (n a power of two); allocates nothing. */
export function fftAt(re: Float64Array, im: Float64Array, off: number, n: number, t: Tables = fftTables(n)): void {
  const { cos, sin, rev } = t;
  for (let i = 0; i < n; i++) {
    const j = rev[i]!;
    if (i < j) {
      const a = off + i;
      const b = off + j;
      const tr = re[a]!; re[a] = re[b]!; re[b] = tr;
      const ti = im[a]!; im[a] = im[b]!; im[b] = ti;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const step = n / len;
    for (let i = off; i < off + n; i += len) {
      for (let k = 0, w = 0; k < half; k++, w += step) {
        const a = i + k;
        const b = a + half;
        const wr = cos[w]!;
        const wi = sin[w]!;
        const br = re[b]!;
        const bi = im[b]!;
        const tr = br * wr - bi * wi;
        const ti = br * wi + bi * wr;
        const ar = re[a]!;
        const ai = im[a]!;
        re[b] = ar - tr;
        im[b] = ai - ti;
        re[a] = ar + tr;
        im[a] = ai + ti;
      }
    }
  }
}

function transpose(a: Float64Array, n: number): void {
  for (let y = 0; y < n; y++) {
    for (let x = y + 1; x < n; x++) {
      const i = y * n + x;
      const j = x * n + y;
      const v = a[i]!; a[i] = a[j]!; a[j] = v;
    }
  }
}

/** In-place 2-D FFT of an n×n complex array (rows, transpose, rows, transpose back). */
export function fft2d(re: Float64Array, im: Float64Array, n: number): void {
  const t = fftTables(n);
  for (let y = 0; y < n; y++) fftAt(re, im, y * n, n, t);
  transpose(re, n);
  transpose(im, n);
  for (let y = 0; y < n; y++) fftAt(re, im, y * n, n, t);
  transpose(re, n);
  transpose(im, n);
}

/**
 * Adds the power spectra (|X|², index [v*n+u], DC at 0) of two real n×n tiles to `out` (their
 * sum, as a Welch average needs). Both tiles go through one complex FFT (a in the real part, b in
 * the imaginary part) and are separated by conjugate symmetry; each is mean-removed and Hann-windowed so tile borders do not
 * smear energy along the axes. `re` and `im` are scratch buffers of n×n, overwritten.
 */
export function addPowerSpectraOfPair(a: Float64Array, b: Float64Array | undefined, n: number, out: Float64Array, re: Float64Array, im: Float64Array): void {
  const { hann } = fftTables(n);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n * n; i++) { ma += a[i]!; if (b) mb += b[i]!; }
  ma /= n * n;
  mb /= n * n;
  for (let y = 0; y < n; y++) {
    const hy = hann[y]!;
    for (let x = 0; x < n; x++) {
      const i = y * n + x;
      const w = hann[x]! * hy;
      re[i] = (a[i]! - ma) * w;
      im[i] = b ? (b[i]! - mb) * w : 0;
    }
  }
  fft2d(re, im, n);
  for (let v = 0; v < n; v++) {
    const mv = ((n - v) % n) * n;
    for (let u = 0; u < n; u++) {
      const k = v * n + u;
      const m = mv + ((n - u) % n);
      const zr = re[k]!, zi = im[k]!;
      // |A_k|² + |B_k|² = (|Z_k|² + |Z_-k|²) / 2 for Z = FFT(a + i·b).
      out[k] += b ? (zr * zr + zi * zi + re[m]! * re[m]! + im[m]! * im[m]!) / 2 : zr * zr + zi * zi;
    }
  }
}

/** Magnitude spectrum of one n×n real tile (mean removed, Hann window). Index [v*n+u], DC at 0. */
export function magnitudeSpectrum(tile: Float64Array, n: number): Float64Array {
  const power = new Float64Array(n * n);
  addPowerSpectraOfPair(tile, undefined, n, power, new Float64Array(n * n), new Float64Array(n * n));
  for (let i = 0; i < n * n; i++) power[i] = Math.sqrt(power[i]!);
  return power;
}
