import type { DocumentReading, Rect, SideReading } from '../document/document-reading.ts';
import type { AnalysisImage } from './analysis-image.ts';
import type { AuthenticateInput, CheckResult, PortraitFace } from './authentication-types.ts';
import type { DocumentRegion } from './document-region.ts';

/** Everything a check may look at, decoded once by `authenticateDocument`. */
export type CheckContext = {
  input: AuthenticateInput;
  reading: DocumentReading;
  now: Date;
  /** The front image decoded for pixel checks; undefined when it cannot be decoded. */
  front?: AnalysisImage;
  frontSide?: SideReading;
  region?: DocumentRegion;
  /** The reader's MRZ box on the front, in the front's work-raster pixels. */
  mrzBox?: Rect;
  /**
   * Where the layout prints the portrait (locateDocument's zone), in the fine raster's pixels;
   * only when the document's outline was found.
   */
  portraitZone?: Rect;
  /** Lazily detected faces on the front (original pixels). */
  faces: () => Promise<PortraitFace[] | undefined>;
};

export const pass = (measurements?: Record<string, number>): CheckResult => ({ passed: true, performed: true, ...(measurements && { measurements }) });
export const fail = (reason: string, measurements?: Record<string, number>): CheckResult => ({ passed: false, reason, performed: true, ...(measurements && { measurements }) });
/** Nothing could be measured: reported as not passed, with the reason, and left out of the score. */
export const notPerformed = (reason: string, measurements?: Record<string, number>): CheckResult => ({ passed: false, reason: `Not performed: ${reason}`, performed: false, ...(measurements && { measurements }) });

export const round = (v: number, d = 3): number => Math.round(v * 10 ** d) / 10 ** d;
