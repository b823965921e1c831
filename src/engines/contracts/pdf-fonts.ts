/**
 * Fonts for contract PDFs. A Unicode TrueType family (DejaVu Sans, else Liberation Sans, from the
 * Debian font packages) is embedded as a subset so names in any Latin, Greek or Cyrillic script
 * print and stay selectable. Without one, the PDF standard fonts are used and characters outside
 * WinAnsi are replaced by `?` rather than failing the whole contract.
 */
import fs from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';

export type FontSet = { regular: PDFFont; bold: PDFFont; italic: PDFFont; boldItalic: PDFFont; mono: PDFFont; encode: (s: string) => string; unicode: boolean };

const FAMILIES = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf'],
  ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Italic.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-BoldItalic.ttf', '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf'],
];

let cached: Array<{ bytes: Buffer; name: string }> | null | undefined;
/** Font files are read once per process; `IDGATE_CONTRACT_FONTS=standard` forces the fallback. */
function fontFiles(): Array<{ bytes: Buffer; name: string }> | null {
  if (cached !== undefined) return cached;
  cached = null;
  if (process.env.IDGATE_CONTRACT_FONTS !== 'standard') {
    for (const family of FAMILIES) {
      if (family.every((f) => fs.existsSync(f))) {
        cached = family.map((f) => ({ bytes: fs.readFileSync(f), name: path.basename(f, '.ttf') }));
        break;
      }
    }
  }
  return cached;
}

// WinAnsi (CP1252) beyond Latin-1: what the standard fonts can still show.
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const winAnsi = (s: string): string =>
  s.replace(/[^\n\x20-\x7e\xa0-\xff]/g, (c) => (CP1252_EXTRA.has(c) ? c : c.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e\xa0-\xff]/g, '?')));

/**
 * fontkit parses a whole font file on every `create`; pdf-lib calls it for each document. Parsed
 * fonts are immutable for our use (layout and subsetting), so one parse per file is shared.
 */
const parsed = new Map<Uint8Array, unknown>();
const cachingFontkit = {
  create(data: Uint8Array, postscriptName?: string) {
    let f = parsed.get(data);
    if (!f) parsed.set(data, (f = fontkit.create(data, postscriptName)));
    return f;
  },
} as unknown as typeof fontkit;

export async function embedFonts(doc: PDFDocument): Promise<FontSet> {
  const files = fontFiles();
  if (files) {
    doc.registerFontkit(cachingFontkit);
    // Fixed subset tags instead of pdf-lib's random suffix: the same inputs give the same bytes,
    // so the hash of an unsigned contract can be reproduced.
    const [regular, bold, italic, boldItalic, mono] = await Promise.all(files.map((f, i) => doc.embedFont(f.bytes, { subset: true, customName: `IDGAT${'ABCDE'[i]}+${f.name}` })));
    return { regular, bold, italic, boldItalic, mono, encode: (s) => s.replace(/[\u0000-\u0008\u000b-\u001f]/g, ''), unicode: true };
  }
  const [regular, bold, italic, boldItalic, mono] = await Promise.all(
    [StandardFonts.Helvetica, StandardFonts.HelveticaBold, StandardFonts.HelveticaOblique, StandardFonts.HelveticaBoldOblique, StandardFonts.Courier].map((f) => doc.embedFont(f)),
  );
  return { regular, bold, italic, boldItalic, mono, encode: winAnsi, unicode: false };
}
