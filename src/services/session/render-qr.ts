import QRCode from 'qrcode';
import type { ServiceDeps } from '../deps.ts';
import { sessionLinks } from './session-links.ts';

/** The PNG behind a session's `qrcode` URL, in the colours and size chosen at create; null if unknown. */
export async function renderSessionQr(deps: Pick<ServiceDeps, 'sessions' | 'config'>, reference: string): Promise<Buffer | null> {
  const session = await deps.sessions.findByReference(reference);
  if (!session) return null;
  const o = session.options;
  return QRCode.toBuffer(sessionLinks(deps.config.publicUrl, reference).url, {
    type: 'png',
    errorCorrectionLevel: 'M',
    scale: o.qr_size,
    margin: o.qr_margin,
    color: { dark: `#${o.qr_color}FF`, light: `#${o.qr_bgcolor}FF` },
  });
}
