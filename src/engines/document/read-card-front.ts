import type { Rect } from './document-reading.ts';
import type { GrayImage } from './image-normalise.ts';
import { quadPoint, type Corners } from './locate-document.ts';
import { idCountriesByTitle, readIdFront, type IdFrontRead } from './read-id-front.ts';
import { classifyLicence, flatCard, LICENCE_PORTRAIT, readLicenceCard, readTitle, type LicenceRead } from './read-licence.ts';

/**
 * A card front read from its print (no MRZ or barcode on it): the card is found and flattened
 * once, its title band read once, and the title says which reader goes on — an ID card front
 * (`read-id-front.ts`) or an EU-model licence (`read-licence.ts`). When the first pose finds
 * neither, the card is read turned by 180° (a card photographed upside down). Corners and the
 * portrait box are given in the coordinates of `img` turned by `rotation`.
 */
export type CardFrontRead = ({ kind: 'id'; id: IdFrontRead } | { kind: 'licence'; licence: LicenceRead }) & {
  rotation: 0 | 180;
  corners: Array<[number, number]>;
  portraitBox?: Rect;
};

const turn180 = (g: GrayImage): GrayImage => ({ ...g, data: g.data.slice().reverse() });

/** What one read of a side has found out about its card so far (kept so no step is done twice). */
export type CardCache = { flat?: Awaited<ReturnType<typeof flatCard>> | null; titles?: Partial<Record<0 | 180, string>> };

async function cardOf(img: GrayImage, cache: CardCache) {
  if (cache.flat === undefined) cache.flat = (await flatCard(img)) ?? null;
  return cache.flat ?? undefined;
}

async function titleOf(card: GrayImage, rotation: 0 | 180, cache: CardCache): Promise<string> {
  cache.titles ??= {};
  return (cache.titles[rotation] ??= await readTitle(card));
}

/**
 * A glance at the card's title (upright pose only): does it name an EU-model licence? A licence
 * front carries no MRZ or barcode, so the slower searches for them can be skipped.
 */
export async function titleNamesLicence(img: GrayImage, cache: CardCache): Promise<boolean> {
  const flat = await cardOf(img, cache);
  if (!flat) return false;
  const title = await titleOf(flat.card, 0, cache);
  return idCountriesByTitle(title).length === 0 && classifyLicence(title, '').byTitle;
}

export async function readCardFront(img: GrayImage, now: Date, opts: { only?: 'id' } = {}, cache: CardCache = {}): Promise<CardFrontRead | undefined> {
  const flat = await cardOf(img, cache);
  if (!flat) return undefined;
  for (const rotation of [0, 180] as const) {
    const card = rotation ? turn180(flat.card) : flat.card;
    const title = await titleOf(card, rotation, cache);
    const ids = idCountriesByTitle(title);
    let read: { kind: 'id'; id: IdFrontRead } | { kind: 'licence'; licence: LicenceRead } | undefined;
    if (ids.length) {
      const id = await readIdFront(card, ids[0], now, { issuerKnown: ids.length === 1 });
      if (id) read = { kind: 'id', id };
    }
    if (!read && opts.only !== 'id') {
      const licence = await readLicenceCard(card, title, now);
      if (licence) read = { kind: 'licence', licence };
    }
    if (!read) continue;
    // The card's corners in the image turned by `rotation` (a 180° turn maps (x, y) to (W − x, H − y)).
    const turn = ([x, y]: [number, number]): [number, number] => (rotation ? [img.width - x, img.height - y] : [x, y]);
    const c = flat.corners.map(turn);
    const corners = (rotation ? [c[2]!, c[3]!, c[0]!, c[1]!] : c) as Corners;
    const zone = read.kind === 'licence' ? LICENCE_PORTRAIT : read.id.portrait;
    return { ...read, rotation, corners: corners.map(([x, y]) => [Math.round(x), Math.round(y)] as [number, number]), ...(zone && { portraitBox: zoneBox(corners, zone, img) }) };
  }
  return undefined;
}

function zoneBox(c: Corners, z: { u0: number; v0: number; u1: number; v1: number }, size: { width: number; height: number }): Rect {
  const p = [quadPoint(c, z.u0, z.v0), quadPoint(c, z.u1, z.v0), quadPoint(c, z.u1, z.v1), quadPoint(c, z.u0, z.v1)];
  const x0 = Math.max(0, Math.min(...p.map((q) => q[0]))), y0 = Math.max(0, Math.min(...p.map((q) => q[1])));
  const x1 = Math.min(size.width, Math.max(...p.map((q) => q[0]))), y1 = Math.min(size.height, Math.max(...p.map((q) => q[1])));
  return { x: Math.round(x0), y: Math.round(y0), w: Math.round(x1 - x0), h: Math.round(y1 - y0) };
}
