/** Pure pixel statistics on a grayscale buffer (one byte per pixel, row-major). */

/**
 * Variance of the 4-neighbour Laplacian: the classic focus measure. Computed on a face crop
 * resized to a fixed width so the figure does not depend on the photo's resolution.
 */
export function laplacianVariance(gray: Uint8Array, width: number, height: number): number {
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const v = gray[i - 1]! + gray[i + 1]! + gray[i - width]! + gray[i + width]! - 4 * gray[i]!;
      sum += v;
      sumSq += v * v;
      n++;
    }
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** Fraction of pixels at or above `level`: specular glare from a screen or laminate. */
export function saturatedFraction(gray: Uint8Array, level = 250): number {
  if (gray.length === 0) return 0;
  let c = 0;
  for (const v of gray) if (v >= level) c++;
  return c / gray.length;
}
