/**
 * A small RFC 4180 reader (quoted fields, doubled quotes, CR/LF). The lists are a few MB and
 * imported at start, where csv-parse took ~0.7 s on OFAC's file and this takes a few tens of ms.
 * A quote inside an unquoted field is kept as text, as OFAC's files need.
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  while (i < n) {
    let field: string;
    // Skip spaces before a quoted field (OFAC writes `-0- ,"x"`).
    let j = i;
    while (j < n && text.charCodeAt(j) === 32) j++;
    if (text.charCodeAt(j) === 34) {
      let out = '';
      let k = j + 1;
      for (;;) {
        const q = text.indexOf('"', k);
        if (q < 0) {
          out += text.slice(k);
          k = n;
          break;
        }
        out += text.slice(k, q);
        if (text.charCodeAt(q + 1) === 34) {
          out += '"';
          k = q + 2;
        } else {
          k = q + 1;
          break;
        }
      }
      // Anything between the closing quote and the delimiter is kept (malformed but seen).
      let e = k;
      while (e < n && text.charCodeAt(e) !== d && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
      field = out + text.slice(k, e).trim();
      i = e;
    } else {
      let e = i;
      while (e < n && text.charCodeAt(e) !== d && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
      field = text.slice(i, e).trim();
      i = e;
    }
    row.push(field);
    const c = text.charCodeAt(i);
    if (c === d) {
      i++;
      if (i >= n) row.push('');
      continue;
    }
    // End of line (CRLF, LF or CR) or of text.
    if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
    else i++;
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
  }
  if (row.length) rows.push(row);
  return rows;
}
