/** Pure geometry on the 68-point (iBUG/dlib) landmarks: eye openness and a coarse head pose. */

export interface Point {
  x: number;
  y: number;
}

const dist = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);
const deg = (rad: number): number => (rad * 180) / Math.PI;

/**
 * Eye aspect ratio (Soukupová & Čech 2016) of one eye given its six landmarks in order:
 * (|p2−p6| + |p3−p5|) / (2·|p1−p4|). Open eyes are typically 0.25–0.35, closed below ~0.15.
 */
export function eyeAspectRatio(eye: Point[]): number {
  if (eye.length !== 6) throw new Error('an eye has six landmarks');
  const [p1, p2, p3, p4, p5, p6] = eye as [Point, Point, Point, Point, Point, Point];
  const width = dist(p1, p4);
  return width === 0 ? 0 : (dist(p2, p6) + dist(p3, p5)) / (2 * width);
}

/** Mean eye aspect ratio of both eyes from the 68 landmarks (indices 36–41 and 42–47). */
export function eyeOpenness(landmarks: Point[]): number {
  return (eyeAspectRatio(landmarks.slice(36, 42)) + eyeAspectRatio(landmarks.slice(42, 48))) / 2;
}

/**
 * Coarse head pose from 2-D landmarks, in degrees. Yaw comes from where the nose tip sits
 * between the two jaw ends: centred = 0; nearer the image's right edge = positive, i.e. the
 * person turned to their own left in an unmirrored camera image. Roll is the eye-line angle;
 * pitch from the nose tip's height between the eye line and the mouth. Good to ±10° — enough
 * to tell a frontal frame from a clear head turn, not a metric pose estimate.
 */
export function headPose(landmarks: Point[]): { yaw: number; pitch: number; roll: number } {
  const jawL = landmarks[0]!;
  const jawR = landmarks[16]!;
  const nose = landmarks[30]!;
  const eyeL = centroid(landmarks.slice(36, 42));
  const eyeR = centroid(landmarks.slice(42, 48));
  const mouth = centroid(landmarks.slice(48, 68));
  const span = jawR.x - jawL.x;
  const r = span === 0 ? 0.5 : (nose.x - jawL.x) / span;
  const yaw = deg(Math.asin(clamp((r - 0.5) * 2, -1, 1)));
  const roll = deg(Math.atan2(eyeR.y - eyeL.y, eyeR.x - eyeL.x));
  const eyeY = (eyeL.y + eyeR.y) / 2;
  const h = mouth.y - eyeY;
  // In a frontal face the nose tip sits ~60% of the way from the eye line to the mouth.
  const pitch = h === 0 ? 0 : deg(Math.asin(clamp(((nose.y - eyeY) / h - 0.6) * 2, -1, 1)));
  return { yaw: round1(yaw), pitch: round1(pitch), roll: round1(roll) };
}

function centroid(ps: Point[]): Point {
  const n = ps.length;
  return { x: ps.reduce((s, p) => s + p.x, 0) / n, y: ps.reduce((s, p) => s + p.y, 0) / n };
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const round1 = (v: number): number => Math.round(v * 10) / 10;
