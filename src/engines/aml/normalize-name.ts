import { transliterate } from './transliterate.ts';

/**
 * Honorifics and titles that say nothing about identity ("President Putin", "Dr. Ayman …").
 * Dropped from queries and from listed names alike.
 */
export const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'madam', 'mme', 'mlle', 'herr', 'frau', 'sr', 'sra', 'srta', 'dona',
  'president', 'presidente', 'praesident', 'prasident', 'presiden', 'predsjednik', 'presedintele', 'prezident',
  'prezydent', 'elnok', 'general', 'gen', 'colonel', 'col', 'captain', 'capt', 'major', 'sheikh', 'shaykh', 'shaikh',
  'haji', 'hajji', 'mullah', 'maulana', 'mawlawi', 'maulavi', 'imam', 'qari',
]);

/** Legal-form words: weak evidence of identity for organisations. */
export const WEAK_TOKENS = new Set([
  'al', 'el', 'bin', 'ibn', 'bint', 'abu', 'abd', 'de', 'da', 'di', 'del', 'dos', 'la', 'le', 'van', 'von', 'der',
  'the', 'and', 'of', 'y', 'e', 'co', 'company', 'ltd', 'limited', 'llc', 'inc', 'corp', 'corporation', 'sa', 'sas',
  'ould', 'ben', 'bn', 'wld', 'gmbh', 'ag', 'jsc', 'ojsc', 'pjsc', 'cjsc', 'ooo', 'zao', 'oao', 'pao', 'plc', 'fze', 'fzco', 'bv', 'nv', 'srl',
  'spa', 'group', 'holding', 'holdings', 'international', 'trading', 'bank', 'cv', 'pte', 'sdn', 'bhd',
]);

/** Lower-case ASCII words: accents stripped, other scripts transliterated, punctuation gone. */
export function normalizeName(input: string): string {
  // й is a letter of its own (y), not и with a breve: it must not lose its mark.
  // The Arabic tatweel (ـ) only stretches a word: it must not split it.
  const lower = input.toLowerCase().replace(/й/g, 'y').replace(/\u0640/g, '').normalize('NFKD').replace(/\p{M}+/gu, '');
  const latin = transliterate(lower).normalize('NFKD').replace(/\p{M}+/gu, '');
  // Apostrophes join ("O'Brien", "Mu'ammar"); every other non-alphanumeric separates.
  // Dotted acronyms are one word: "S.A." → "sa", "B.N.C." → "bnc" (spaced initials "V. V." stay apart).
  return latin.replace(/['’ʼ`ʻ]/g, '').replace(/\b([a-z0-9])\.(?=[a-z0-9]\b)/g, '$1').replace(/[^a-z0-9]+/g, ' ').trim();
}

export function nameTokens(input: string): string[] {
  const tokens = normalizeName(input).split(' ').filter((t) => t.length > 0);
  const kept = tokens.filter((t) => !TITLES.has(t));
  return kept.length ? kept : tokens;
}

/** Sibilant/affricate spellings that transliterations swap freely (Жуков: Zhukov, Joukov, Schukow).
 * J goes with G instead (ج is j or g: Jamal/Gamal; Spanish j is kh: Jose/Khose). */
const SIBILANTS = /tsch|tch|sch|sh|zh|ch|cz|ts|tz/g;

/**
 * A consonant skeleton: letters folded by how they sound across transliterations (v/w/f,
 * b/p, c/k/q, s/z, d/t, sh/ch/zh/j), vowels and h dropped, adjacent doubles collapsed; a word that starts
 * with a vowel keeps one `a` so "Ivan" and "Van" stay apart. Putin, Poutine, Poetin and
 * Putyin all give "btn"; Mohamed, Muhammad and Mohammed give "mmt".
 */
export function skeleton(token: string): string {
  // x inside a word is ks (Alexander = Aleksandr, Maximovich = Maksimovich).
  let s = token.replace(/(?<=.)x/g, 'ks').replace(/^(?:[aeiouy]+)/, 'A');
  s = s.replace(/kh/g, 'k').replace(/dzh|dj|j/g, 'g').replace(SIBILANTS, '#').replace(/ph/g, 'f').replace(/th/g, 't').replace(/dh/g, 't').replace(/gh/g, 'g').replace(/ck/g, 'k').replace(/gy/g, 't');
  let out = '';
  // Doubled letters collapse only when adjacent in the spelling (Mohammed = Mohamed), not across
  // a vowel (Potanin keeps both n's and stays apart from Putin).
  let afterVowel = true;
  for (const c of s) {
    let m: string;
    switch (c) {
      case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'h': afterVowel = true; continue;
      case 'A': m = 'a'; break;
      case 'v': case 'w': case 'f': m = 'f'; break;
      case 'p': case 'b': m = 'b'; break;
      case 'c': case 'k': case 'q': case 'g': m = 'k'; break;
      case 'z': case 's': case 'x': m = 's'; break;
      case 'd': case 't': m = 't'; break;
      default: m = c;
    }
    if (afterVowel || out[out.length - 1] !== m) out += m;
    afterVowel = false;
  }
  return out;
}

/** "Abd al-" written as one word: Abdul, Abdel, Abdur (assimilated ar-), Abdoul… longest first. */
const ABD_PREFIXES = ['abdoul', 'abdul', 'abdel', 'abdal', 'abdol', 'abdur', 'abdus', 'abdar', 'abdas', 'abdu', 'abde', 'abd'];

/**
 * The core of a word that carries an Arabic particle joined to it: the article (al-, el-, ul-,
 * and its assimilated forms ar-/as-/at-/ad-/an-/az-/ash- before the same letter) and "Abd al-"
 * ("Altikriti" → "tikriti", "Arrahman" → "rahman", "Abdulrahman" → "rahman"). Lists and queries
 * write these particles both joined and apart; the matcher compares either form. Null when the
 * word has no such particle or too little would remain.
 */
export function particleCore(token: string): string | null {
  // Abdul, Abdel, Abdur… standing alone are Abd (the article belongs to the next word).
  if (token.startsWith('abd') && ABD_PREFIXES.includes(token)) return token === 'abd' ? null : 'abd';
  if (token.length < 5) return null;
  if (token.startsWith('abd')) {
    for (const p of ABD_PREFIXES) {
      if (!token.startsWith(p)) continue;
      let rest = token.slice(p.length);
      // Abdullah, Abdallah, Abdulla, عبدالله: the servant of God.
      if (/^[aeiou]?l+[aeiou]?h?$/.test(rest)) return 'allah';
      if (/^a?l(?=[a-z]{3})/.test(rest) && rest !== 'allah') rest = rest.replace(/^a?l/, '');
      if (rest.length >= 3) return rest;
    }
    return null;
  }
  const m = /^(?:al|el|ul)([a-z]{3,})$/.exec(token) ?? /^a([tdsznr])(\1[a-z]{3,})$/.exec(token)?.slice(1) ?? null;
  if (!m) return /^ash(sh[a-z]{3,})$/.exec(token)?.[1] ?? null;
  return m.length === 3 ? m[2]! : m[1]!;
}

/**
 * The consonants Arabic script writes, for comparing a name written in Arabic with its Latin
 * spellings: like `skeleton`, but h is a consonant (ح, ه), w and y inside a word are long
 * vowels (و, ي) and dropped, a final h after a vowel is the ة of "-ah" and dropped; kh (خ) and
 * gh (غ) stay apart from k/q (ك, ق), g goes with j (ج: Jamal, Gamal). Latin doubles are one
 * letter (Arabic leaves the shadda unwritten); in a word `written` in Arabic script two equal
 * letters are two consonants. `gaps[i]` holds the vowel letters written before consonant i (the
 * last one after the last consonant).
 */
export function abjadParts(token: string, written = false): { cons: string; gaps: string[] } {
  let s = token.replace(/(?<=.)x/g, 'ks').replace(/kh/g, 'X').replace(/gh/g, 'G').replace(/dzh|dj/g, 'j').replace(SIBILANTS, '#');
  s = s.replace(/ph/g, 'f').replace(/th|dh/g, 't').replace(/ck/g, 'k').replace(/(?<=[aeiouwy])h$/, '');
  let cons = '';
  const gaps: string[] = [''];
  let i = 0;
  if (/^[aeiou]/.test(s)) {
    cons = 'a';
    while (i < s.length && /[aeiou]/.test(s[i]!)) i++;
    gaps.push('');
  }
  let afterVowel = true;
  for (; i < s.length; i++) {
    const c = s[i]!;
    let m: string;
    switch (c) {
      case 'a': case 'e': case 'i': case 'o': case 'u':
        gaps[gaps.length - 1] += c;
        afterVowel = true;
        continue;
      // Inside a word و is a long vowel or, in Persian, v (Javad جواد): Latin v there reads as w.
      case 'v':
        if (i > 0 && !written) {
          gaps[gaps.length - 1] += 'u';
          afterVowel = true;
          continue;
        }
        m = 'f';
        break;
      case 'w': case 'y':
        if (i > 0) {
          gaps[gaps.length - 1] += c === 'w' ? 'u' : 'i';
          afterVowel = true;
          continue;
        }
        m = c;
        break;
      case 'f': m = 'f'; break;
      case 'p': case 'b': m = 'b'; break;
      case 'c': case 'k': case 'q': m = 'k'; break;
      case 'g': case 'j': m = 'j'; break;
      case 'z': case 's': m = 's'; break;
      case 'd': case 't': m = 't'; break;
      default: m = c;
    }
    if (!written && !afterVowel && cons[cons.length - 1] === m) continue;
    cons += m;
    gaps.push('');
    afterVowel = false;
  }
  return { cons, gaps };
}

/**
 * A name's compounds of Arabic origin split into their words, as Arabic script writes them:
 * Hidayatullah → Hidayat Allah, Jalaluddin / Noureddine → Jalal Din / Nour Din, Shamsurrahman
 * → Shams Rahman; Akhundzada → Akhund Zada, Walijan → Wali Jan. Null when the name has none.
 * The index files such a name both ways.
 */
export function splitCompounds(tokens: string[]): string[] | null {
  let changed = false;
  const out: string[] = [];
  for (const t of tokens) {
    const m = t.length >= 7 ? (/^([a-z]{3,}?)(?:[aeiou]l?lah|[ou]l?la)$/.exec(t) ?? /^([a-z]{3,}?)(?:[aeiou][ld]|[aeiou]?-)d?d(?:in|ine|een)$/.exec(t) ?? /^([a-z]{3,}?)[aeiou][rl]r?(?:ahmane?|ehmane?)$/.exec(t)) : null;
    // Persian and Pashto name endings, written apart as often as joined: Akhund Zada, Wali Jan, Shahid Khel.
    const ending = m ? null : /^([a-z]{3,}?)(zadeh|zada|zade|jan|khel|khail)$/.exec(t);
    if (m && !t.startsWith('abd')) {
      out.push(m[1]!, /l(ah|a)$/.test(t) ? 'allah' : /(in|ine|een)$/.test(t) ? 'din' : 'rahman');
      changed = true;
    } else if (ending) {
      out.push(ending[1]!, ending[2]!);
      changed = true;
    } else out.push(t);
  }
  return changed ? out : null;
}

/**
 * A light sound-alike spelling: the letter choices transliterations make for one sound folded
 * together (w/v, ph/f, th/t, oe/ou/oo/u, ee/y/i, ck/q/k, c before a/o/u as k and before e/i as s, dj/j, x/ks, sch/sh, tsch/tch/ch/cz)
 * and doubled letters collapsed, vowels kept. Equal forms are the same name in another
 * spelling (Wladimir/Vladimir, Poetin/Putin, Putyin/Putin) much more surely than an equal
 * consonant skeleton, which drops the vowels.
 */
export function soundAlike(token: string): string {
  return token
    .replace(/tsch|tsj|tch|cz|ch|tj/g, 'C').replace(/sch|sh|sz/g, 'S').replace(/dzh|dj/g, 'j').replace(/ph/g, 'f').replace(/th/g, 't').replace(/(?<=.)x/g, 'ks')
    .replace(/ck|q/g, 'k').replace(/c(?=[aou]|$)/g, 'k').replace(/c(?=[eiy])/g, 's').replace(/w/g, 'v').replace(/oe|ou|oo/g, 'u').replace(/ee/g, 'i').replace(/y/g, 'i').replace(/(.)\1+/g, '$1');
}
