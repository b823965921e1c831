import { describe, expect, it } from 'vitest';
import { eyeAspectRatio, eyeOpenness, headPose, type Point } from './face-geometry.ts';

/** Six eye landmarks (corner, two upper lid, corner, two lower lid) of a given opening. */
function eye(cx: number, cy: number, width: number, open: number): Point[] {
  const h = open / 2;
  return [
    { x: cx - width / 2, y: cy },
    { x: cx - width / 6, y: cy - h },
    { x: cx + width / 6, y: cy - h },
    { x: cx + width / 2, y: cy },
    { x: cx + width / 6, y: cy + h },
    { x: cx - width / 6, y: cy + h },
  ];
}

/** A schematic 68-point face: jaw 0–16, nose tip 30, eyes 36–47, mouth 48–67. */
function face(opts: { noseX?: number; eyeOpen?: number } = {}): Point[] {
  const pts: Point[] = Array.from({ length: 68 }, () => ({ x: 50, y: 50 }));
  for (let i = 0; i <= 16; i++) pts[i] = { x: i * (100 / 16), y: 40 + Math.sin((i / 16) * Math.PI) * 50 };
  pts[30] = { x: opts.noseX ?? 50, y: 58 };
  const l = eye(32, 40, 16, opts.eyeOpen ?? 5);
  const r = eye(68, 40, 16, opts.eyeOpen ?? 5);
  for (let i = 0; i < 6; i++) {
    pts[36 + i] = l[i]!;
    pts[42 + i] = r[i]!;
  }
  for (let i = 48; i < 68; i++) pts[i] = { x: 40 + ((i - 48) / 19) * 20, y: 70 };
  return pts;
}

describe('eye aspect ratio', () => {
  it('is about height/width for an open eye and near zero for a closed one', () => {
    expect(eyeAspectRatio(eye(0, 0, 30, 9))).toBeCloseTo(0.3, 2);
    expect(eyeAspectRatio(eye(0, 0, 30, 1))).toBeLessThan(0.05);
  });
  it('averages both eyes of a 68-point face', () => {
    expect(eyeOpenness(face({ eyeOpen: 5 }))).toBeGreaterThan(0.25);
    expect(eyeOpenness(face({ eyeOpen: 1 }))).toBeLessThan(0.1);
  });
  it('rejects an eye without six points', () => {
    expect(() => eyeAspectRatio([{ x: 0, y: 0 }])).toThrow(/six/);
  });
});

describe('head pose from landmarks', () => {
  it('reads a centred nose as frontal', () => {
    expect(Math.abs(headPose(face()).yaw)).toBeLessThan(1);
    expect(Math.abs(headPose(face()).roll)).toBeLessThan(1);
  });
  it('reads a nose near the image right as a turn to the person’s left (positive yaw)', () => {
    expect(headPose(face({ noseX: 75 })).yaw).toBeGreaterThan(20);
    expect(headPose(face({ noseX: 25 })).yaw).toBeLessThan(-20);
  });
});
