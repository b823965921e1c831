import { analyzeSelfieVideo } from './analyze-selfie-video.ts';
import { compareFaces } from './compare-faces.ts';
import { embedFace } from './embed-face.ts';
import type { CompareFacesInput, EmbedResult, FaceComparison, SelfieVideoInput, SelfieVideoResult } from './face-types.ts';

/**
 * Worker-pool entry points. The models are module-level singletons, so each worker thread loads
 * them on its first face task and keeps them. Bytes arrive as Uint8Array (structured clone).
 */
export const faceCompareTask = (input: CompareFacesInput): Promise<FaceComparison> => compareFaces(input);
export const faceEmbedTask = (input: { image: Uint8Array }): Promise<EmbedResult> => embedFace(input.image);
export const faceVideoTask = (input: SelfieVideoInput): Promise<SelfieVideoResult> => analyzeSelfieVideo(input);
