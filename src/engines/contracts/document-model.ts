/**
 * A small block model between sanitised HTML and the PDF/DOCX writers, so both render the same
 * structure: headings, paragraphs, lists, tables, images, rules and page breaks.
 */
export type Align = 'left' | 'center' | 'right' | 'justify';

export type Run = {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  mono?: boolean;
  /** Relative size (1 = body text); sub/sup/small shrink it. */
  scale?: number;
};
export type Inline = Run | { lineBreak: true };

export type ImageBlock = { kind: 'image'; data: Uint8Array; format: 'png' | 'jpeg'; width: number; height: number; alt: string; align: Align };
export type TableCell = { blocks: Block[]; header: boolean; colspan: number; align: Align; /** `120`, `120px` or `30%` from the template. */ width?: string };
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; inlines: Inline[]; align: Align }
  | { kind: 'paragraph'; inlines: Inline[]; align: Align; indent?: number; quote?: boolean }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'table'; rows: TableCell[][]; border: boolean }
  | ImageBlock
  | { kind: 'rule' }
  | { kind: 'pageBreak' };

export const isLineBreak = (i: Inline): i is { lineBreak: true } => 'lineBreak' in i;

/** Visible text of a block list, for tests and accessibility fallbacks. */
export function blocksText(blocks: Block[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading' || b.kind === 'paragraph') parts.push(b.inlines.map((i) => (isLineBreak(i) ? '\n' : i.text)).join(''));
    else if (b.kind === 'list') for (const item of b.items) parts.push(blocksText(item));
    else if (b.kind === 'table') for (const row of b.rows) parts.push(row.map((c) => blocksText(c.blocks)).join('\t'));
  }
  return parts.join('\n');
}
