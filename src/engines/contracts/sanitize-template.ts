/**
 * Allow-list sanitiser for stored templates. The template is parsed (htmlparser2) and written
 * back from the tree, so only listed tags and attributes survive: no scripts, no event handlers,
 * no remote resources (images must be inline `data:` PNG/JPEG), no CSS that could fetch a URL.
 * Whatever was removed is reported so the operator sees why the output differs from the input.
 */
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import { escapeHtml } from './placeholders.ts';

const ALLOWED_TAGS = new Set([
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div', 'span', 'br', 'hr', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'del', 'ins',
  'small', 'sub', 'sup', 'mark', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  'colgroup', 'col', 'img', 'blockquote', 'pre', 'code', 'section', 'article', 'header', 'footer', 'main', 'aside', 'a', 'label', 'center',
]);
/** Dropped with everything inside: executable, embedding or form content. */
const DROP_WITH_CONTENT = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript', 'template', 'svg', 'math', 'form', 'input',
  'button', 'select', 'textarea', 'option', 'link', 'meta', 'base', 'audio', 'video', 'source', 'track', 'canvas', 'picture', 'portal', 'title', 'head',
]);
const VOID = new Set(['br', 'hr', 'img', 'col']);
const GLOBAL_ATTRS = new Set(['class', 'title', 'align', 'style', 'dir', 'lang']);
const TAG_ATTRS: Record<string, Set<string>> = {
  img: new Set(['src', 'alt', 'width', 'height']),
  td: new Set(['colspan', 'rowspan', 'width', 'valign']),
  th: new Set(['colspan', 'rowspan', 'width', 'valign', 'scope']),
  col: new Set(['span', 'width']),
  ol: new Set(['start', 'type']),
  table: new Set(['border', 'width', 'cellpadding', 'cellspacing']),
  a: new Set(['href']),
};
const STYLE_PROPS = new Set([
  'text-align', 'font-weight', 'font-style', 'text-decoration', 'font-size', 'color', 'background-color', 'width', 'height', 'margin',
  'margin-top', 'margin-bottom', 'margin-left', 'margin-right', 'padding', 'border', 'border-collapse', 'vertical-align',
  'page-break-before', 'page-break-after', 'break-before', 'break-after', 'line-height',
]);
const DATA_IMAGE = /^data:image\/(png|jpeg|jpg);base64,[A-Za-z0-9+/=\s]+$/i;

export type SanitizeResult = { html: string; removed: string[] };

function cleanStyle(style: string, removed: Set<string>): string {
  const kept: string[] = [];
  for (const decl of style.split(';')) {
    const i = decl.indexOf(':');
    if (i < 0) continue;
    const prop = decl.slice(0, i).trim().toLowerCase();
    const value = decl.slice(i + 1).trim();
    // url(), expression(), escapes and at-rules are how CSS reaches the network or runs code.
    if (!STYLE_PROPS.has(prop) || /url\s*\(|expression|\\|@|javascript:|[<>"]/i.test(value)) {
      removed.add(`style property ${prop}`);
      continue;
    }
    kept.push(`${prop}: ${value}`);
  }
  return kept.join('; ');
}

function cleanAttrs(el: Element, removed: Set<string>): string {
  const tag = el.name.toLowerCase();
  let out = '';
  for (const [rawName, value] of Object.entries(el.attribs)) {
    const name = rawName.toLowerCase();
    if (!GLOBAL_ATTRS.has(name) && !TAG_ATTRS[tag]?.has(name)) {
      removed.add(name.startsWith('on') ? `event handler ${name}` : `attribute ${name} on <${tag}>`);
      continue;
    }
    let v = value;
    if (name === 'style') {
      v = cleanStyle(value, removed);
      if (!v) continue;
    } else if (name === 'src') {
      if (!DATA_IMAGE.test(value.trim())) {
        removed.add('image with a remote or unsupported source (only data:image/png or jpeg)');
        return '\u0000drop';
      }
      v = value.trim().replace(/\s+/g, '');
    } else if (name === 'href') {
      // Links are inert text in the signed document; only harmless schemes are kept.
      if (!/^(https?:|mailto:|#)/i.test(value.trim())) {
        removed.add(`link with scheme ${value.trim().split(':')[0] || '(none)'}`);
        continue;
      }
    }
    out += ` ${name}="${escapeHtml(v)}"`;
  }
  return out;
}

function serialize(nodes: ChildNode[], removed: Set<string>): string {
  let out = '';
  for (const node of nodes) {
    if (isText(node)) {
      out += escapeHtml(node.data).replace(/&#39;/g, "'").replace(/&quot;/g, '"');
    } else if (isTag(node)) {
      const tag = node.name.toLowerCase();
      if (DROP_WITH_CONTENT.has(tag)) {
        if (tag === 'head') {
          for (const c of node.children) if (isTag(c) && !['title', 'meta'].includes(c.name.toLowerCase())) removed.add(`<${c.name.toLowerCase()}>`);
        } else if (tag !== 'title' && tag !== 'meta') removed.add(`<${tag}>`);
        continue;
      }
      if (!ALLOWED_TAGS.has(tag)) {
        // html/body and unknown wrappers are unwrapped: their text is the contract's content.
        if (!['html', 'body'].includes(tag)) removed.add(`<${tag}> (unwrapped)`);
        out += serialize(node.children, removed);
        continue;
      }
      const attrs = cleanAttrs(node, removed);
      if (attrs === '\u0000drop') continue;
      if (tag === 'img' && !('src' in node.attribs)) continue;
      out += `<${tag}${attrs}>`;
      if (!VOID.has(tag)) out += `${serialize(node.children, removed)}</${tag}>`;
    } else if (node.type === 'comment') {
      continue;
    } else if ('children' in node) {
      out += serialize((node as unknown as { children: ChildNode[] }).children, removed);
    }
  }
  return out;
}

export function sanitizeTemplateHtml(html: string): SanitizeResult {
  const doc = parseDocument(html, { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true });
  const removed = new Set<string>();
  const out = serialize(doc.children, removed).trim();
  return { html: out, removed: [...removed] };
}
