import sharp from 'sharp';
import { DOCUMENT_SECOND_FACE_AREA, MIN_FACE_WIDTH, MIN_SHARPNESS } from '../face/face-rules.ts';
import { cropGray } from './analysis-image.ts';
import type { CheckResult, PortraitFace } from './authentication-types.ts';
import type { CheckContext } from './check-context.ts';
import { fail, notPerformed, pass, round } from './check-context.ts';
import { portraitExpectedOnFront } from './check-feature-referencing.ts';
import { laplacianVariance } from './pixel-stats.ts';

/** The main portrait (the largest face) and the smaller copies (ghost images) beside it. */
export function splitPortraits(faces: PortraitFace[]): { main?: PortraitFace; rivals: PortraitFace[]; ghosts: PortraitFace[] } {
  const sorted = [...faces].sort((a, b) => b.box.w * b.box.h - a.box.w * a.box.h);
  const main = sorted[0];
  if (!main) return { rivals: [], ghosts: [] };
  const area = main.box.w * main.box.h;
  const rest = sorted.slice(1);
  return { main, rivals: rest.filter((f) => f.box.w * f.box.h >= DOCUMENT_SECOND_FACE_AREA * area), ghosts: rest.filter((f) => f.box.w * f.box.h < DOCUMENT_SECOND_FACE_AREA * area) };
}

/**
 * A portrait is present, exactly one (a second face of comparable size means a pasted photo or
 * two documents), and usable: wide enough for a face comparison and sharp enough, by the face
 * engine's own acceptance thresholds. Smaller faces are ghost images and are allowed.
 */
export async function checkBiometric(ctx: CheckContext): Promise<CheckResult> {
  const faces = await ctx.faces();
  if (!faces || !ctx.front) return notPerformed('the portrait image could not be analysed');
  const { main, rivals, ghosts } = splitPortraits(faces);
  if (!main) return fail('No portrait was found on the document', { faces: 0 });
  const f = ctx.front.fine;
  const widthOriginal = main.box.w * (ctx.front.originalWidth / f.width);
  const crop = cropGray(f, main.box);
  let sharpness = 0;
  if (crop.width > 4 && crop.height > 4) {
    const { data, info } = await sharp(crop.gray, { raw: { width: crop.width, height: crop.height, channels: 1 } }).resize({ width: 128 }).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    sharpness = laplacianVariance(new Uint8Array(data), info.width, info.height);
  }
  const m: Record<string, number> = { faces: faces.length, ghostImages: ghosts.length, portraitWidthPx: Math.round(widthOriginal), portraitSharpness: round(sharpness, 1) };
  // Where the layout prints it (the outline was found): the face's centre inside the portrait zone.
  const zone = ctx.portraitZone;
  if (zone && portraitExpectedOnFront(ctx)) {
    const cx = main.box.x + main.box.w / 2;
    const cy = main.box.y + main.box.h / 2;
    m.portraitInZone = cx >= zone.x && cx <= zone.x + zone.w && cy >= zone.y && cy <= zone.y + zone.h ? 1 : 0;
  }
  if (rivals.length) return fail('More than one portrait was found on the document', m);
  if (m.portraitInZone === 0) return fail('The portrait is not where the document layout prints it', m);
  if (widthOriginal < MIN_FACE_WIDTH) return fail('The portrait is too small to be usable', m);
  if (sharpness < MIN_SHARPNESS) return fail('The portrait is too blurred to be usable', m);
  return pass(m);
}
