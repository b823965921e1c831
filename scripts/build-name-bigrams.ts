// Counts letter bigrams in people's names and writes src/engines/document/data/name-bigrams.json,
// the prior the MRZ glyph reader weighs name letters with (no check digit covers names).
// Source: the persons on the OFAC SDN list (2021-07-07, with aliases) and the UN consolidated
// list, from ../shared/data (public lists; only the derived counts are committed). Names are
// folded to the MRZ alphabet (ICAO 9303 transliteration drops diacritics); each distinct word is
// counted once, so a common name does not outweigh the variety of the rest.
// `npx tsx scripts/build-name-bigrams.ts`
import fs from 'node:fs';
import path from 'node:path';
import { parseOfacCsv } from '../src/engines/aml/parse-ofac-csv.ts';
import { parseUnXml } from '../src/engines/aml/parse-un-xml.ts';

const shared = path.resolve(process.cwd(), '../shared/data');
const read = (p: string) => new Uint8Array(fs.readFileSync(path.join(shared, p)));
const ofac = parseOfacCsv({ sdn: read('sanctions-ofac-sdn/2021-07-07/sdn.csv'), alt: read('sanctions-ofac-sdn/2021-07-07/alt.csv') });
const un = parseUnXml(read('sanctions-un-consolidated/UN_consolidated.xml'));

const words = new Set<string>();
for (const e of [...ofac.entities, ...un.entities]) {
  if (e.entity !== 'person') continue;
  for (const name of [...e.fullname, ...e.alias]) {
    const folded = name.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase();
    // Latin-script names only: other scripts reach an MRZ transliterated, which these lists also give.
    if (/[^\x00-\x7f]/.test(folded)) continue;
    for (const w of folded.split(/[^A-Z]+/)) if (w.length >= 2) words.add(w);
  }
}

// Symbols 0..25 are A..Z, 26 is the word boundary (the MRZ filler `<`).
const counts = Array.from({ length: 27 }, () => new Array<number>(27).fill(0));
for (const w of words) {
  let prev = 26;
  for (const ch of w) { const c = ch.charCodeAt(0) - 65; counts[prev]![c]!++; prev = c; }
  counts[prev]![26]!++;
}
const out = { source: 'OFAC SDN 2021-07-07 (persons, with aliases) + UN consolidated list, Latin-script names', words: words.size, symbols: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ<', counts };
const file = new URL('../src/engines/document/data/name-bigrams.json', import.meta.url);
fs.writeFileSync(file, JSON.stringify(out) + '\n');
console.log(`${words.size} distinct name words → ${file.pathname}`);
