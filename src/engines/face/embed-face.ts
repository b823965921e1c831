import { analyzeFaceImage } from './analyze-face.ts';
import type { EmbedResult } from './face-types.ts';

/** Descriptor of the single face in a photo, for storing in the vault and 1:N search. */
export async function embedFace(image: Uint8Array): Promise<EmbedResult> {
  const a = await analyzeFaceImage(image, 'selfie');
  if (a.failure || !a.descriptor || !a.detection) return { failure: a.failure!, detection: a.detection };
  return { embedding: [...a.descriptor], detection: a.detection };
}
