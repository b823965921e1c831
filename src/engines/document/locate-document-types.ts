import type { Box } from './image-normalise.ts';

/** Types shared by the document locator and its outline search (kept apart: no import circle). */
export type Point = [number, number];
/** Layouts whose portrait position is known (ICAO 9303 parts 4–7; AAMVA DL/ID card design). */
export type LayoutFormat = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB' | 'FR_CNI' | 'AAMVA' | 'DL_EU';
export type LocateHint = { mrzBox?: Box; format?: LayoutFormat };
