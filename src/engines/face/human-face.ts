import { loadHuman } from './human-models.ts';
import type { RgbImage } from './decode-image.ts';
import type { FaceBox } from './face-types.ts';

export interface HumanFace {
  box: FaceBox;
  score: number;
  /** Degrees, sign-aligned with face-geometry.headPose: yaw > 0 = the person turned to their left. */
  yaw: number;
  pitch: number;
  roll: number;
  antispoof?: number;
  liveness?: number;
}

/** Runs human's face pipeline (detector + mesh + antispoof + liveness) on one RGB image. */
export async function humanFaces(img: RgbImage): Promise<HumanFace[]> {
  const human = await loadHuman();
  const tensor = human.tf.tensor4d(Float32Array.from(img.data), [1, img.height, img.width, 3], 'float32');
  try {
    const result = await human.detect(tensor);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (result.face ?? []).map((f: any) => {
      const a = f.rotation?.angle ?? { yaw: 0, pitch: 0, roll: 0 };
      const deg = (r: number): number => Math.round(((r * 180) / Math.PI) * 10) / 10;
      return {
        box: { x: f.box[0], y: f.box[1], w: f.box[2], h: f.box[3] },
        score: f.score,
        yaw: YAW_SIGN * deg(a.yaw),
        pitch: deg(a.pitch),
        roll: deg(a.roll),
        antispoof: typeof f.real === 'number' ? Math.round(f.real * 1000) / 1000 : undefined,
        liveness: typeof f.live === 'number' ? Math.round(f.live * 1000) / 1000 : undefined,
      };
    });
  } finally {
    tensor.dispose();
  }
}

/** Human's yaw sign relative to ours, established on real photos (see human-face.test.ts). */
export const YAW_SIGN = -1;
