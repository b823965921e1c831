/** Photos are checked and, when large, scaled in the browser before they are sent. */
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];
/** Longest side kept: plenty for the MRZ and the face (the engines work at ≤ 2000 px). */
const MAX_SIDE = 2400;
/** Files up to this size and side are sent untouched (keeping their EXIF for the authenticity checks). */
const KEEP_BYTES = 4 * 1024 * 1024;

export type PhotoProblem = { key: 'p_pdf' | 'p_unsupported' | 'p_too_large' | 'p_unreadable'; vars?: Record<string, string> };
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/** A file the person picked: refused with a named problem, or made ready to send (scaled when large). */
export async function preparePhoto(file: Blob, maxBytes: number): Promise<{ blob: Blob } | { problem: PhotoProblem }> {
  const type = file.type.toLowerCase();
  if (type === 'application/pdf' || (file instanceof File && /\.pdf$/i.test(file.name))) return { problem: { key: 'p_pdf' } };
  if (type && !IMAGE_TYPES.includes(type)) return { problem: { key: 'p_unsupported' } };
  let bitmap: ImageBitmap | undefined;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    // HEIC and other formats the browser cannot draw go as they are, when they fit.
    if (file.size > maxBytes) return { problem: { key: 'p_too_large', vars: { size: mb(file.size), max: mb(maxBytes) } } };
    return type.startsWith('image/heic') || type.startsWith('image/heif') ? { blob: file } : { problem: { key: 'p_unreadable' } };
  }
  const side = Math.max(bitmap.width, bitmap.height);
  if (file.size <= Math.min(KEEP_BYTES, maxBytes) && side <= MAX_SIDE) return { blob: file };
  const k = Math.min(1, MAX_SIDE / side);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * k);
  canvas.height = Math.round(bitmap.height * k);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.9));
  if (!blob || blob.size > maxBytes) return { problem: { key: 'p_too_large', vars: { size: mb(file.size), max: mb(maxBytes) } } };
  return { blob };
}
