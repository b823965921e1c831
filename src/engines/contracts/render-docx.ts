/**
 * Block model → DOCX with the `docx` package: real Word headings, numbered and bulleted lists,
 * tables with header shading, inline images. Lists of the same kind share one numbering
 * definition; each list is its own `instance`, so numbering restarts per list.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, HeadingLevel, ImageRun, LevelFormat, Packer, PageNumber, Paragraph,
  ShadingType, Table, TableCell, TableRow, TextRun, WidthType, type ParagraphChild,
} from 'docx';
import { type Align, type Block, type Inline, isLineBreak } from './document-model.ts';

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED } as const;
const HEADING = [HeadingLevel.TITLE, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];
const CONTENT_WIDTH_PX = 600; // A4 minus margins at 96 dpi, rounded down

export type DocxMeta = { title: string; now: number; footer?: string };

type Ctx = { listInstance: number; width: number };

function runs(inlines: Inline[]): ParagraphChild[] {
  return inlines.map((i) =>
    isLineBreak(i)
      ? new TextRun({ text: '', break: 1 })
      : new TextRun({
          text: i.text,
          bold: i.bold,
          italics: i.italic,
          underline: i.underline ? {} : undefined,
          strike: i.strike,
          font: i.mono ? 'Courier New' : undefined,
          size: i.scale ? Math.round(21 * i.scale) : undefined,
        }),
  );
}

const align = (a: Align) => ALIGN[a];

function convert(blocks: Block[], ctx: Ctx, level = 0): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(new Paragraph({ heading: HEADING[b.level], alignment: align(b.align), children: runs(b.inlines) }));
        break;
      case 'paragraph':
        out.push(new Paragraph({ alignment: align(b.align), indent: b.indent ? { left: 720 * b.indent } : undefined, children: runs(b.inlines) }));
        break;
      case 'list': {
        const instance = ++ctx.listInstance;
        for (const item of b.items) {
          item.forEach((blk, i) => {
            if (i === 0 && (blk.kind === 'paragraph' || blk.kind === 'heading')) {
              out.push(new Paragraph({ alignment: align(blk.align), children: runs(blk.inlines), numbering: { reference: b.ordered ? 'ordered' : 'bullets', level: Math.min(level, 8), instance } }));
            } else out.push(...convert([blk], ctx, level + 1));
          });
        }
        break;
      }
      case 'table': {
        const rows = b.rows.map(
          (row) =>
            new TableRow({
              tableHeader: row.every((c) => c.header),
              children: row.map(
                (c) =>
                  new TableCell({
                    columnSpan: c.colspan > 1 ? c.colspan : undefined,
                    shading: c.header ? { type: ShadingType.CLEAR, fill: 'EEEEEE', color: 'auto' } : undefined,
                    children: (() => {
                      const inner = convert(c.blocks, ctx, level);
                      return inner.length ? inner : [new Paragraph('')];
                    })(),
                  }),
              ),
            }),
        );
        const border = b.border ? { style: BorderStyle.SINGLE, size: 4, color: '666666' } : { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
        out.push(
          new Table({
            rows,
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
          }),
        );
        out.push(new Paragraph(''));
        break;
      }
      case 'image': {
        const scale = Math.min(1, ctx.width / b.width);
        out.push(
          new Paragraph({
            alignment: align(b.align),
            children: [new ImageRun({ type: b.format === 'png' ? 'png' : 'jpg', data: b.data, transformation: { width: Math.round(b.width * scale), height: Math.round(b.height * scale) }, altText: { name: b.alt || 'image', description: b.alt, title: b.alt } })],
          }),
        );
        break;
      }
      case 'rule':
        out.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '888888', space: 1 } }, children: [] }));
        break;
      case 'pageBreak':
        out.push(new Paragraph({ pageBreakBefore: true, children: [] }));
        break;
    }
  }
  return out;
}

export async function renderDocx(blocks: Block[], meta: DocxMeta): Promise<Buffer> {
  const levels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (l: number) => string) =>
    Array.from({ length: 9 }, (_, l) => ({ level: l, format, text: text(l), alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (l + 1), hanging: 360 } } } }));
  const doc = new Document({
    title: meta.title,
    creator: 'idgate',
    description: meta.footer,
    numbering: {
      config: [
        { reference: 'ordered', levels: levels(LevelFormat.DECIMAL, (l) => `%${l + 1}.`) },
        { reference: 'bullets', levels: levels(LevelFormat.BULLET, (l) => ['•', '◦', '▪'][l % 3]) },
      ],
    },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [`${meta.footer ? `${meta.footer} · ` : ''}Page `, PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16 })] })],
          }),
        },
        children: convert(blocks, { listInstance: 0, width: CONTENT_WIDTH_PX }),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
