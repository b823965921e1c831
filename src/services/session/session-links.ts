import { escapeHtml as esc } from '../../domain/escape-html.ts';
/** URLs and sample HTML that the create and sign responses hand back. */
export function sessionLinks(publicUrl: string, reference: string) {
  const url = `${publicUrl}/${reference}`;
  const qrcode = `${publicUrl}/qr/${reference}.png`;
  return { url, qrcode, base_url: publicUrl };
}


export function qrHtml(action: 'start identity verification' | 'sign contract', links: ReturnType<typeof sessionLinks>, reference: string): string {
  return `<h3>Scan QR Code below to ${action}.</h3><p><img src="${esc(links.qrcode)}" alt="QR Code"/></p><p>Or visit <strong>${esc(links.base_url)}</strong> on your mobile phone and enter reference code:</p><h3>${reference}</h3>`;
}

export function iframeHtml(links: ReturnType<typeof sessionLinks>): string {
  return `<iframe src="${esc(links.url)}" frameborder="0" allowtransparency="true" allow="camera;microphone" style="width: 800px; height: 600px;"></iframe>`;
}
