/**
 * Sanitised, filled HTML → block model. Only what the sanitiser lets through is understood;
 * anything else is treated as a plain container so no text is ever lost.
 */
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import type { Align, Block, Inline, Run, TableCell } from './document-model.ts';
import { imageSize } from './image-size.ts';

type Style = Omit<Run, 'text'> & { pre?: boolean };

const HEADINGS: Record<string, 1 | 2 | 3 | 4 | 5 | 6> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const CONTAINERS = new Set(['p', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'center', 'dl', 'dt', 'dd', 'caption', 'pre', 'blockquote', 'li']);

function styleOf(el: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const decl of (el.attribs.style ?? '').split(';')) {
    const i = decl.indexOf(':');
    if (i > 0) out[decl.slice(0, i).trim().toLowerCase()] = decl.slice(i + 1).trim().toLowerCase();
  }
  return out;
}

function alignOf(el: Element, inherited: Align): Align {
  const a = (styleOf(el)['text-align'] ?? el.attribs.align ?? '').toLowerCase();
  if (el.name === 'center') return 'center';
  return a === 'center' || a === 'right' || a === 'justify' || a === 'left' ? a : inherited;
}

function inlineStyle(el: Element, s: Style): Style {
  const css = styleOf(el);
  const n: Style = { ...s };
  switch (el.name) {
    case 'b': case 'strong': case 'th': n.bold = true; break;
    case 'i': case 'em': n.italic = true; break;
    case 'u': case 'ins': n.underline = true; break;
    case 's': case 'strike': case 'del': n.strike = true; break;
    case 'code': n.mono = true; break;
    case 'small': case 'sub': case 'sup': n.scale = (s.scale ?? 1) * 0.8; break;
    case 'pre': n.mono = true; n.pre = true; break;
  }
  const fw = css['font-weight'];
  if (fw === 'bold' || fw === 'bolder' || Number(fw) >= 600) n.bold = true;
  else if (fw === 'normal' || (fw && Number(fw) < 600)) n.bold = false;
  if (css['font-style'] === 'italic' || css['font-style'] === 'oblique') n.italic = true;
  if (css['text-decoration']?.includes('underline')) n.underline = true;
  if (css['text-decoration']?.includes('line-through')) n.strike = true;
  return n;
}

function decodeImage(el: Element, align: Align): Block | null {
  const m = /^data:image\/(png|jpe?g);base64,(.*)$/is.exec(el.attribs.src ?? '');
  if (!m) return null;
  const data = new Uint8Array(Buffer.from(m[2], 'base64'));
  const size = imageSize(data);
  if (!size || size.width === 0 || size.height === 0) return null;
  // Explicit width/height (CSS px) win; otherwise the pixel size, taken as CSS px.
  const w = Number.parseFloat(el.attribs.width ?? styleOf(el).width ?? '') || 0;
  const h = Number.parseFloat(el.attribs.height ?? styleOf(el).height ?? '') || 0;
  const width = w || (h ? (h * size.width) / size.height : size.width);
  const height = h || (width * size.height) / size.width;
  return { kind: 'image', data, format: size.format, width, height, alt: el.attribs.alt ?? '', align };
}

class Builder {
  readonly blocks: Block[] = [];
  private inlines: Inline[] = [];
  constructor(private readonly align: Align) {}

  pushInline(i: Inline): void {
    this.inlines.push(i);
  }

  /** Ends the running paragraph: collapses spaces across runs, trims its ends. */
  flush(opts: { indent?: number; quote?: boolean } = {}): void {
    const cleaned = normaliseInlines(this.inlines);
    this.inlines = [];
    if (cleaned.length) this.blocks.push({ kind: 'paragraph', inlines: cleaned, align: this.align, ...opts });
  }
}

function normaliseInlines(list: Inline[]): Inline[] {
  const out: Inline[] = [];
  let lastSpace = true;
  for (const i of list) {
    if ('lineBreak' in i) {
      out.push(i);
      lastSpace = true;
      continue;
    }
    let t = i.text;
    if (lastSpace && !i.mono) t = t.replace(/^ +/, '');
    if (!t) continue;
    lastSpace = t.endsWith(' ') || t.endsWith('\n');
    out.push({ ...i, text: t });
  }
  while (out.length) {
    const last = out[out.length - 1];
    if ('lineBreak' in last) out.pop();
    else {
      const t = last.text.replace(/ +$/, '');
      if (t) {
        out[out.length - 1] = { ...last, text: t };
        break;
      }
      out.pop();
    }
  }
  return out;
}

function inlinesOf(nodes: ChildNode[], style: Style): Inline[] {
  const b = new Builder('left');
  walk(nodes, style, b, 'left');
  b.flush();
  // Headings keep inline content only; nested paragraphs become lines.
  const lines = b.blocks.filter((blk) => blk.kind === 'paragraph').map((blk) => blk.inlines);
  return normaliseInlines(lines.flatMap((l, i) => (i ? [{ lineBreak: true } as Inline, ...l] : l)));
}

function listItems(el: Element, style: Style, align: Align): Block[][] {
  const items: Block[][] = [];
  for (const c of el.children) {
    if (isTag(c) && c.name === 'li') items.push(blocksOf(c.children, inlineStyle(c, style), alignOf(c, align)));
    else if (isTag(c) && (c.name === 'ul' || c.name === 'ol') && items.length) items[items.length - 1].push(...blocksOf([c], style, align));
    else if (isText(c) && c.data.trim()) items.push(blocksOf([c], style, align));
  }
  return items;
}

function tableRows(el: Element, style: Style, align: Align): TableCell[][] {
  const rows: TableCell[][] = [];
  const visit = (node: Element, inHead: boolean) => {
    for (const c of node.children) {
      if (!isTag(c)) continue;
      if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') visit(c, c.name === 'thead');
      else if (c.name === 'tr') {
        const cells: TableCell[] = [];
        for (const cell of c.children) {
          if (!isTag(cell) || (cell.name !== 'td' && cell.name !== 'th')) continue;
          const header = cell.name === 'th' || inHead;
          const cellAlign = alignOf(cell, alignOf(c, align));
          const cellStyle = header ? { ...inlineStyle(cell, style), bold: true } : inlineStyle(cell, style);
          const width = (cell.attribs.width ?? styleOf(cell).width)?.trim();
          cells.push({ blocks: blocksOf(cell.children, cellStyle, cellAlign), header, colspan: Math.max(1, Math.min(50, Number.parseInt(cell.attribs.colspan ?? '1', 10) || 1)), align: cellAlign, ...(width ? { width } : {}) });
        }
        if (cells.length) rows.push(cells);
      }
    }
  };
  visit(el, false);
  return rows;
}

function walk(nodes: ChildNode[], style: Style, b: Builder, align: Align): void {
  for (const node of nodes) {
    if (isText(node)) {
      const text = style.pre ? node.data : node.data.replace(/\s+/g, ' ');
      if (style.pre) {
        const lines = text.split('\n');
        lines.forEach((line, i) => {
          if (i > 0) b.pushInline({ lineBreak: true });
          if (line) b.pushInline({ ...style, text: line });
        });
      } else if (text) b.pushInline({ ...style, text });
      continue;
    }
    if (!isTag(node)) continue;
    const el = node;
    const tag = el.name;
    const css = styleOf(el);
    if (css['page-break-before'] === 'always' || css['break-before'] === 'page') {
      b.flush();
      b.blocks.push({ kind: 'pageBreak' });
    }
    if (tag === 'br') b.pushInline({ lineBreak: true });
    else if (tag === 'img') {
      const img = decodeImage(el, align);
      if (img) {
        b.flush();
        b.blocks.push(img);
      }
    } else if (tag === 'hr') {
      b.flush();
      b.blocks.push({ kind: 'rule' });
    } else if (HEADINGS[tag]) {
      b.flush();
      b.blocks.push({ kind: 'heading', level: HEADINGS[tag], inlines: inlinesOf(el.children, { ...inlineStyle(el, style), bold: true }), align: alignOf(el, align) });
    } else if (tag === 'ul' || tag === 'ol') {
      b.flush();
      b.blocks.push({ kind: 'list', ordered: tag === 'ol', start: Number.parseInt(el.attribs.start ?? '1', 10) || 1, items: listItems(el, style, align) });
    } else if (tag === 'table') {
      b.flush();
      const rows = tableRows(el, style, align);
      if (rows.length) b.blocks.push({ kind: 'table', rows, border: el.attribs.border !== '0' });
    } else if (CONTAINERS.has(tag)) {
      b.flush();
      const inner = blocksOf(el.children, inlineStyle(el, style), alignOf(el, align));
      for (const blk of inner) {
        if (tag === 'blockquote' && blk.kind === 'paragraph') b.blocks.push({ ...blk, indent: (blk.indent ?? 0) + 1, quote: true });
        else if (tag === 'dd' && blk.kind === 'paragraph') b.blocks.push({ ...blk, indent: (blk.indent ?? 0) + 1 });
        else b.blocks.push(blk);
      }
    } else {
      walk(el.children, inlineStyle(el, style), b, align);
    }
    if (css['page-break-after'] === 'always' || css['break-after'] === 'page') {
      b.flush();
      b.blocks.push({ kind: 'pageBreak' });
    }
  }
}

function blocksOf(nodes: ChildNode[], style: Style, align: Align): Block[] {
  const b = new Builder(align);
  walk(nodes, style, b, align);
  b.flush();
  return b.blocks;
}

export function htmlToModel(html: string): Block[] {
  const doc = parseDocument(html, { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true });
  return blocksOf(doc.children, {}, 'left');
}
