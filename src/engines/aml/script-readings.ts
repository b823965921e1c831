/**
 * Other Latin readings of a word transliterated from Cyrillic or Greek. Both scripts write
 * several Latin sounds with one letter (Russian х is kh or h, г is g or, for foreign names, h;
 * Greek ντ is d or nt, σ is s or sh, χ is h, kh or ch), so the one transliteration
 * `transliterate.ts` gives can miss the list's spelling: "хаджи" reads khadzhi/khaji, the list
 * says Haji. The matcher compares each reading and keeps the best.
 */
/** Letters of the transliteration that stand for more than one Latin spelling, and the others. */
// у after a vowel is how Russian writes a w there (Зау = Zaw, Хауэлл = Howell).
const CYRILLIC_UNITS: Record<string, string[]> = { kh: ['h'], zh: ['j'], ts: ['z', 'c'], ks: ['x'], g: ['h'], u: ['w'] };
const CYRILLIC_RE = /kh|zh|ts|ks|g|(?<=[aeio])u/g;
// Greek writes w as ου before a vowel (Ουάλι = Wali), often drops an initial h, and writes the
// Spanish j as χ (Χοσέ = José).
const GREEK_UNITS: Record<string, string[]> = { ts: ['ch'], ks: ['x'], h: ['kh', 'ch', 'j'], s: ['sh'], z: ['zh'], d: ['nt'], b: ['mp'], y: ['gi'], gi: ['y'], u: ['w'], '': ['h'] };
const GREEK_RE = /ts|ks|^gi|h|s|z|d|b|^y|u(?=[aeio])|^(?=[aeiou])/g;

// Arabic letters Persian, Urdu and Pashto read otherwise: ض ظ ذ as z (Fazl, Zia, Zakir), ث as s
// (Saqib), ق as g in the Maghreb and the Gulf (Belgacem, Gasmi).
const ARABIC_UNITS: Record<string, string[]> = { dh: ['z', 'd'], th: ['s', 't'], d: ['z'], z: ['d'], q: ['g'] };
const ARABIC_RE = /dh|th|d|z|q/g;

/** Which rules apply: by the script the query was written in. */
export function readingScript(raw: string): 'cyrillic' | 'greek' | null {
  if (/[\u0400-\u04ff]/.test(raw)) return 'cyrillic';
  if (/[\u0370-\u03ff\u1f00-\u1fff]/.test(raw)) return 'greek';
  return null;
}

/**
 * Up to `max` other readings of a transliterated token (the token itself not included): every
 * reading with one letter read the other way first, then with two.
 */
export function otherReadings(token: string, script: 'cyrillic' | 'greek' | 'arabic', max = 8): string[] {
  const units = script === 'cyrillic' ? CYRILLIC_UNITS : script === 'greek' ? GREEK_UNITS : ARABIC_UNITS;
  const re = script === 'cyrillic' ? CYRILLIC_RE : script === 'greek' ? GREEK_RE : ARABIC_RE;
  const spots: { at: number; len: number; alts: string[] }[] = [];
  for (const m of token.matchAll(re)) spots.push({ at: m.index!, len: m[0].length, alts: units[m[0]]! });
  const out: string[] = [];
  const apply = (changes: [number, string][]) => {
    let r = '';
    let pos = 0;
    for (const [si, alt] of changes) {
      const sp = spots[si]!;
      r += token.slice(pos, sp.at) + alt;
      pos = sp.at + sp.len;
    }
    r += token.slice(pos);
    if (r !== token && !out.includes(r)) out.push(r);
  };
  for (let i = 0; i < spots.length && out.length < max; i++) for (const a of spots[i]!.alts) apply([[i, a]]);
  for (let i = 0; i < spots.length && out.length < max; i++) {
    for (let j = i + 1; j < spots.length && out.length < max; j++) {
      for (const a of spots[i]!.alts) for (const b of spots[j]!.alts) apply([[i, a], [j, b]]);
    }
  }
  return out.slice(0, max);
}
