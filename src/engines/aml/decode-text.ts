/** UTF-8 when the bytes are valid UTF-8, else Latin-1 (OFAC's legacy CSVs are Latin-1). */
export function decodeText(buf: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    text = new TextDecoder('latin1').decode(buf);
  }
  // Byte-order mark and the DOS end-of-file byte OFAC still appends.
  return text.replace(/^\uFEFF/, '').replace(/\x1a/g, '');
}
