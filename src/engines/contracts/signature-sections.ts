/**
 * The signature block and the audit page, written as HTML (values escaped) and appended to the
 * filled template, so HTML, PDF and DOCX outputs all carry the same content.
 */
import { escapeHtml } from './placeholders.ts';
import type { AuditData } from './audit-data.ts';

export type SignatureStamp = {
  imagePng: Uint8Array;
  /** Pixel size of the PNG, to draw it at a sensible size whatever the pad's resolution. */
  width: number;
  height: number;
  typedName?: string;
  signerName: string;
  signedAt: string;
  ip: string;
  userAgent: string;
};

const MAX_W = 260;
const MAX_H = 110;

export function signatureSectionHtml(s: SignatureStamp): string {
  const scale = Math.min(1, MAX_W / s.width, MAX_H / s.height);
  const w = Math.max(1, Math.round(s.width * scale));
  const h = Math.max(1, Math.round(s.height * scale));
  const img = `<img src="data:image/png;base64,${Buffer.from(s.imagePng).toString('base64')}" width="${w}" height="${h}" alt="Signature of ${escapeHtml(s.signerName)}">`;
  const rows: Array<[string, string]> = [
    ['Signed by', s.signerName],
    ...(s.typedName ? ([['Typed signature', s.typedName]] as Array<[string, string]>) : []),
    ['Signed at', s.signedAt],
    ['IP address', s.ip],
    ['User agent', s.userAgent],
  ];
  return (
    `<section class="idgate-signature"><h2>Signature</h2>${img}` +
    `<table border="0">${rows.map(([k, v]) => `<tr><td width="120"><b>${escapeHtml(k)}</b></td><td>${escapeHtml(v)}</td></tr>`).join('')}</table></section>`
  );
}

export function auditSectionHtml(a: AuditData): string {
  const facts: Array<[string, string]> = [
    ['Reference', a.reference ?? '-'],
    ['Template', a.templateId ? `${a.templateId} v${a.templateVersion ?? '?'}` : '-'],
    ['Signer', a.signer.name],
    ['Signer IP address', a.signer.ip],
    ['Signer user agent', a.signer.userAgent],
    ['Signed at', a.signedAt],
    ['SHA-256 of the unsigned document', a.sha256Unsigned],
    ['SHA-256 of the signed document (without this audit page)', a.sha256SignedContent],
  ];
  return (
    `<section class="idgate-audit" style="page-break-before: always"><h1>Audit trail</h1>` +
    `<table border="1">${facts.map(([k, v]) => `<tr><th width="190">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>` +
    `<h2>Events</h2><table border="1"><thead><tr><th>Time (UTC)</th><th>Event</th></tr></thead><tbody>` +
    `${a.events.map((e) => `<tr><td>${escapeHtml(e.at)}</td><td>${escapeHtml(e.event)}</td></tr>`).join('')}</tbody></table>` +
    `<p><small>The PDF form of this document is digitally signed; the signature covers every page including this one.</small></p></section>`
  );
}
