/**
 * Block model → PDF with pdf-lib. Text is drawn as real text (selectable, searchable), wrapped
 * greedily per word; tables keep each row on one page; lists carry bullets or numbers.
 * Layout goes through a `Sink` so the same code measures (table cells), draws in a box (cell
 * content) or flows across pages (the document body).
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage, type PDFImage } from 'pdf-lib';
import { type Align, type Block, type Inline, type Run, type TableCell, isLineBreak } from './document-model.ts';
import { embedFonts, type FontSet } from './pdf-fonts.ts';

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN = 56;
const FOOTER = 28;
const BODY = 10.5;
const LINE = 1.35;
const HEADING_SIZE = [0, 20, 16, 13.5, 12, 11, 10.5];
const PX = 0.75; // CSS px → pt

export type PdfMeta = { title: string; now: number; subject?: string; footer?: string };

type Piece = { text: string; font: PDFFont; size: number; width: number; underline?: boolean; strike?: boolean };
type Line = { pieces: Piece[]; width: number; size: number };

interface Sink {
  take(height: number): { page: PDFPage | null; top: number };
  pageBreak(): void;
}

class FlowSink implements Sink {
  page: PDFPage;
  y: number;
  constructor(private readonly doc: PDFDocument) {
    this.page = doc.addPage([PAGE_W, PAGE_H]);
    this.y = PAGE_H - MARGIN;
  }
  take(h: number) {
    if (this.y - h < MARGIN + FOOTER && this.y < PAGE_H - MARGIN) this.pageBreak();
    const top = this.y;
    this.y -= h;
    return { page: this.page, top };
  }
  pageBreak() {
    if (this.y === PAGE_H - MARGIN) return; // already at a fresh page
    this.page = this.doc.addPage([PAGE_W, PAGE_H]);
    this.y = PAGE_H - MARGIN;
  }
}

class BoxSink implements Sink {
  constructor(
    private readonly page: PDFPage | null,
    public y: number,
  ) {}
  take(h: number) {
    const top = this.y;
    this.y -= h;
    return { page: this.page, top };
  }
  pageBreak() {}
}

class Renderer {
  private images = new Map<Uint8Array, PDFImage>();
  private widths = new Map<PDFFont, Map<string, number>>();
  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: FontSet,
  ) {}

  private fontFor(r: Run): PDFFont {
    if (r.mono) return this.fonts.mono;
    if (r.bold && r.italic) return this.fonts.boldItalic;
    if (r.bold) return this.fonts.bold;
    if (r.italic) return this.fonts.italic;
    return this.fonts.regular;
  }

  /** Text width is linear in size; measuring through fontkit is slow, so each word is measured once. */
  private measure(font: PDFFont, text: string, size: number): number {
    let m = this.widths.get(font);
    if (!m) this.widths.set(font, (m = new Map()));
    let w = m.get(text);
    if (w === undefined) m.set(text, (w = font.widthOfTextAtSize(text, 1000) / 1000));
    return w * size;
  }

  layoutInlines(inlines: Inline[], width: number, size: number): Line[] {
    const lines: Line[] = [];
    let cur: Line = { pieces: [], width: 0, size };
    const newLine = () => {
      // Trailing spaces do not count towards alignment.
      const last = cur.pieces[cur.pieces.length - 1];
      if (last && /^\s+$/.test(last.text)) {
        cur.width -= last.width;
        cur.pieces.pop();
      }
      lines.push(cur);
      cur = { pieces: [], width: 0, size };
    };
    for (const inl of inlines) {
      if (isLineBreak(inl)) {
        newLine();
        continue;
      }
      const font = this.fontFor(inl);
      const s = size * (inl.scale ?? 1);
      for (const token of this.fonts.encode(inl.text).split(/(\s+)/)) {
        if (!token) continue;
        const space = /^\s+$/.test(token);
        const text = space ? ' ' : token;
        if (space && cur.pieces.length === 0) continue;
        let w = this.measure(font, text, s);
        if (!space && cur.width + w > width && cur.pieces.length) newLine();
        if (!space && w > width) {
          // A word longer than the line (an IBAN, a URL) is cut by characters.
          let chunk = '';
          for (const ch of text) {
            if (this.measure(font, chunk + ch, s) > width && chunk) {
              cur.pieces.push({ text: chunk, font, size: s, width: this.measure(font, chunk, s), underline: inl.underline, strike: inl.strike });
              cur.width += this.measure(font, chunk, s);
              newLine();
              chunk = '';
            }
            chunk += ch;
          }
          w = this.measure(font, chunk, s);
          cur.pieces.push({ text: chunk, font, size: s, width: w, underline: inl.underline, strike: inl.strike });
          cur.width += w;
          continue;
        }
        cur.pieces.push({ text, font, size: s, width: w, underline: inl.underline, strike: inl.strike });
        cur.width += w;
        cur.size = Math.max(cur.size, s);
      }
    }
    if (cur.pieces.length || lines.length === 0) newLine();
    return lines;
  }

  private drawLines(lines: Line[], sink: Sink, x: number, width: number, align: Align): void {
    for (const line of lines) {
      const h = line.size * LINE;
      const { page, top } = sink.take(h);
      if (!page) continue;
      let cx = x + (align === 'center' ? (width - line.width) / 2 : align === 'right' ? width - line.width : 0);
      const baseline = top - line.size * 1.02;
      // One drawText per run of same-styled pieces: pdf-lib shapes every call through fontkit.
      const groups: Piece[] = [];
      for (const p of line.pieces) {
        const g = groups[groups.length - 1];
        if (g && g.font === p.font && g.size === p.size && g.underline === p.underline && g.strike === p.strike) {
          g.text += p.text;
          g.width += p.width;
        } else groups.push({ ...p });
      }
      for (const p of groups) {
        page.drawText(p.text, { x: cx, y: baseline, size: p.size, font: p.font, color: rgb(0, 0, 0) });
        if (p.underline) page.drawLine({ start: { x: cx, y: baseline - 1.5 }, end: { x: cx + p.width, y: baseline - 1.5 }, thickness: 0.6 });
        if (p.strike) page.drawLine({ start: { x: cx, y: baseline + p.size * 0.3 }, end: { x: cx + p.width, y: baseline + p.size * 0.3 }, thickness: 0.6 });
        cx += p.width;
      }
    }
  }

  private async image(data: Uint8Array, format: 'png' | 'jpeg'): Promise<PDFImage> {
    let img = this.images.get(data);
    if (!img) {
      img = format === 'png' ? await this.doc.embedPng(data) : await this.doc.embedJpg(data);
      this.images.set(data, img);
    }
    return img;
  }

  async drawBlocks(blocks: Block[], sink: Sink, x: number, width: number, compact = false): Promise<void> {
    const gap = compact ? 2 : 6;
    for (const b of blocks) {
      switch (b.kind) {
        case 'heading': {
          const size = HEADING_SIZE[b.level];
          sink.take(compact ? 2 : size * 0.5);
          this.drawLines(this.layoutInlines(b.inlines, width, size), sink, x, width, b.align);
          sink.take(gap);
          break;
        }
        case 'paragraph': {
          const indent = (b.indent ?? 0) * 18;
          const lines = this.layoutInlines(b.inlines, width - indent, BODY);
          if (b.quote) {
            const first = sink.take(0);
            this.drawLines(lines, sink, x + indent, width - indent, b.align);
            const end = sink.take(0);
            if (first.page && first.page === end.page) first.page.drawLine({ start: { x: x + indent - 8, y: first.top }, end: { x: x + indent - 8, y: end.top }, thickness: 1.5, color: rgb(0.7, 0.7, 0.7) });
          } else this.drawLines(lines, sink, x + indent, width - indent, b.align);
          sink.take(gap);
          break;
        }
        case 'list': {
          let n = b.start;
          for (const item of b.items) {
            const marker = b.ordered ? `${n++}.` : '•';
            const markerFont = this.fonts.regular;
            let drawn = false;
            const itemSink: Sink = {
              take: (h) => {
                const r = sink.take(h);
                if (!drawn && h > 0 && r.page) {
                  drawn = true;
                  const text = this.fonts.encode(marker);
                  r.page.drawText(text, { x: x + 16 - markerFont.widthOfTextAtSize(text, BODY), y: r.top - BODY * 1.02, size: BODY, font: markerFont });
                } else if (h > 0) drawn = true;
                return r;
              },
              pageBreak: () => sink.pageBreak(),
            };
            await this.drawBlocks(item, itemSink, x + 22, width - 22, true);
          }
          sink.take(gap);
          break;
        }
        case 'table':
          await this.drawTable(b, sink, x, width);
          sink.take(gap + 4);
          break;
        case 'image': {
          let w = b.width * PX;
          let h = b.height * PX;
          const maxH = PAGE_H - 2 * MARGIN - FOOTER - 20;
          const scale = Math.min(1, width / w, maxH / h);
          w *= scale;
          h *= scale;
          const { page, top } = sink.take(h);
          if (page) {
            const img = await this.image(b.data, b.format);
            const ix = x + (b.align === 'center' ? (width - w) / 2 : b.align === 'right' ? width - w : 0);
            page.drawImage(img, { x: ix, y: top - h, width: w, height: h });
          }
          sink.take(gap);
          break;
        }
        case 'rule': {
          const { page, top } = sink.take(12);
          page?.drawLine({ start: { x, y: top - 6 }, end: { x: x + width, y: top - 6 }, thickness: 0.7, color: rgb(0.5, 0.5, 0.5) });
          break;
        }
        case 'pageBreak':
          sink.pageBreak();
          break;
      }
    }
  }

  private async drawTable(t: Extract<Block, { kind: 'table' }>, sink: Sink, x: number, width: number): Promise<void> {
    const colX = columnEdges(t.rows, width).map((e) => x + e);
    const pad = 4;
    for (const row of t.rows) {
      // Measure first so the row can move to the next page whole.
      let rowH = 0;
      let col = 0;
      const placed = row.map((cell) => {
        const last = Math.min(col + cell.colspan, colX.length - 1);
        const cx = colX[col];
        const cw = colX[last] - cx;
        col = last;
        return { cell, cx, cw };
      });
      for (const p of placed) {
        const m = new BoxSink(null, 0);
        await this.drawBlocks(p.cell.blocks, m, 0, p.cw - 2 * pad, true);
        rowH = Math.max(rowH, -m.y + 2 * pad);
      }
      const { page, top } = sink.take(rowH);
      if (!page) continue;
      for (const p of placed) {
        if (p.cell.header) page.drawRectangle({ x: p.cx, y: top - rowH, width: p.cw, height: rowH, color: rgb(0.93, 0.93, 0.93) });
        if (t.border) page.drawRectangle({ x: p.cx, y: top - rowH, width: p.cw, height: rowH, borderColor: rgb(0.4, 0.4, 0.4), borderWidth: 0.6 });
        await this.drawBlocks(p.cell.blocks, new BoxSink(page, top - pad), p.cx + pad, p.cw - 2 * pad, true);
      }
    }
  }
}

/**
 * Column edges (from 0 to `width`): widths the template gives on single-column cells (CSS px or
 * %) are kept, the rest share what is left equally; too wide a total is scaled down to fit.
 */
function columnEdges(rows: TableCell[][], width: number): number[] {
  const cols = Math.max(...rows.map((r) => r.reduce((n, c) => n + c.colspan, 0)));
  const given: Array<number | undefined> = new Array(cols).fill(undefined);
  for (const row of rows) {
    let col = 0;
    for (const c of row) {
      const m = c.colspan === 1 && c.width ? /^(\d+(?:\.\d+)?)\s*(%|px)?$/.exec(c.width) : null;
      if (m && given[col] === undefined) given[col] = m[2] === '%' ? (Number(m[1]) / 100) * width : Number(m[1]) * PX;
      col += c.colspan;
    }
  }
  const fixed = given.reduce<number>((n, w) => n + (w ?? 0), 0);
  const free = given.filter((w) => w === undefined).length;
  const rest = Math.max(0, width - fixed);
  let widths = given.map((w) => w ?? (free ? rest / free : 0));
  const total = widths.reduce((a, b) => a + b, 0);
  if (total > width || (free === 0 && total < width)) widths = widths.map((w) => (w * width) / total);
  const edges = [0];
  for (const w of widths) edges.push(edges[edges.length - 1] + w);
  return edges;
}

/** Lays the blocks out on A4 pages; returns the document unsaved so a signature can be added. */
export async function renderPdfDocument(blocks: Block[], meta: PdfMeta): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const when = new Date(meta.now);
  doc.setTitle(meta.title);
  if (meta.subject) doc.setSubject(meta.subject);
  doc.setProducer('idgate');
  doc.setCreator('idgate contracts');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  const fonts = await embedFonts(doc);
  const r = new Renderer(doc, fonts);
  const sink = new FlowSink(doc);
  await r.drawBlocks(blocks, sink, MARGIN, PAGE_W - 2 * MARGIN);
  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const text = fonts.encode(`${meta.footer ? `${meta.footer} · ` : ''}Page ${i + 1} of ${pages.length}`);
    const w = fonts.regular.widthOfTextAtSize(text, 8);
    p.drawText(text, { x: (PAGE_W - w) / 2, y: MARGIN / 2, size: 8, font: fonts.regular, color: rgb(0.4, 0.4, 0.4) });
  });
  return doc;
}

export async function renderPdf(blocks: Block[], meta: PdfMeta): Promise<Uint8Array> {
  const doc = await renderPdfDocument(blocks, meta);
  return doc.save({ useObjectStreams: false });
}
