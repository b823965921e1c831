/**
 * Latin names written the way a Russian, Greek or Arabic/Persian writer would write them, for
 * the AML benchmark and tests. Deliberately independent of the matcher's own tables
 * (`transliterate.ts`): these follow the conventions of each language's practical transcription
 * of foreign names (a sound-based rendering, several accepted choices drawn at random), so the
 * benchmark measures the matcher against writing it was not built from. Not used by the matcher.
 */
type Rnd = () => number;
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const VOWEL = /[aeiouy]/;
const isV = (c: string | undefined) => c !== undefined && VOWEL.test(c);

function clean(word: string): string {
  return word.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^a-z-]/g, '');
}

/** Splits hyphenated parts ("al-Tikriti", "Abd-al-Qadir"): each written, joined again by `join`. */
function byParts(word: string, one: (p: string, first: boolean, last: boolean) => string, join = '-'): string {
  const parts = clean(word).split('-').filter(Boolean);
  return parts.map((p, i) => one(p, i === 0, i === parts.length - 1)).join(join);
}

// ---- Russian: practical transcription (English/Arabic/German-origin spellings by sound) ----
function russianPart(w: string, rnd: Rnd): string {
  if (w === 'al' || w === 'el') return 'аль';
  if (w === 'bin' || w === 'ben') return pick(rnd, ['бин', 'бен']);
  let out = '';
  for (let i = 0; i < w.length; ) {
    const prev = w[i - 1];
    const rest = w.slice(i);
    const initial = i === 0 || isV(prev);
    const take = (n: number, s: string) => {
      out += s;
      i += n;
    };
    if (rest.startsWith('shch')) take(4, 'щ');
    else if (rest.startsWith('sch')) take(3, 'ш');
    else if (rest.startsWith('tch')) take(3, 'ч');
    else if (rest.startsWith('ch')) take(2, rnd() < 0.85 ? 'ч' : 'х');
    else if (rest.startsWith('sh')) take(2, 'ш');
    else if (rest.startsWith('zh')) take(2, 'ж');
    else if (rest.startsWith('kh')) take(2, 'х');
    else if (rest.startsWith('ts') || rest.startsWith('tz')) take(2, 'ц');
    else if (rest.startsWith('ph')) take(2, 'ф');
    else if (rest.startsWith('th')) take(2, 'т');
    else if (rest.startsWith('dh')) take(2, pick(rnd, ['д', 'з']));
    else if (rest.startsWith('gh')) take(2, 'г');
    else if (rest.startsWith('ck')) take(2, 'к');
    else if (rest.startsWith('qu')) take(2, 'кв');
    else if (rest.startsWith('ee') || rest.startsWith('ie')) take(2, 'и');
    else if (rest.startsWith('oo') || rest.startsWith('ou')) take(2, initial && i === 0 ? 'у' : 'у');
    else if (/^(ya|ia)/.test(rest) && initial) take(2, 'я');
    else if (/^(yu|iu)/.test(rest) && initial) take(2, 'ю');
    else if (/^(ye)/.test(rest) && initial) take(2, i === 0 ? 'е' : 'е');
    else if (/^(yo)/.test(rest) && initial) take(2, pick(rnd, ['ё', 'йо']));
    else if (/^[aeiou][iy](?![aeiou])/.test(rest)) take(2, { a: 'ай', e: 'ей', i: 'ий', o: 'ой', u: 'уй' }[rest[0]!]!);
    else {
      const c = rest[0]!;
      const next = rest[1];
      let s: string;
      switch (c) {
        case 'a': s = 'а'; break;
        case 'e': s = initial ? 'э' : 'е'; break;
        case 'i': s = 'и'; break;
        case 'o': s = 'о'; break;
        case 'u': s = 'у'; break;
        case 'y': s = isV(next) ? 'й' : 'и'; break;
        case 'b': s = 'б'; break;
        case 'c': s = next === 'e' || next === 'i' || next === 'y' ? pick(rnd, ['с', 'ц']) : 'к'; break;
        case 'd': s = 'д'; break;
        case 'f': s = 'ф'; break;
        case 'g': s = 'г'; break;
        // Silent after a vowel at the end or before a consonant (John → Джон, Abdallah → Абдалла).
        case 'h': s = isV(prev) && !isV(next) && rnd() < (next ? 0.3 : 0.6) ? '' : rnd() < 0.9 ? 'х' : 'г'; break;
        case 'j': s = rnd() < 0.8 ? 'дж' : 'ж'; break;
        case 'k': case 'q': s = 'к'; break;
        case 'l': s = 'л'; break;
        case 'm': s = 'м'; break;
        case 'n': s = 'н'; break;
        case 'p': s = 'п'; break;
        case 'r': s = 'р'; break;
        case 's': s = 'с'; break;
        case 't': s = 'т'; break;
        case 'v': s = 'в'; break;
        case 'w': s = isV(prev) && !isV(next) ? 'у' : 'в'; break;
        case 'x': s = 'кс'; break;
        case 'z': s = 'з'; break;
        default: s = '';
      }
      take(1, s);
    }
  }
  return out;
}

// ---- Greek: transcription of foreign names (ΕΛΟΤ usage in the Greek press) ----
function greekPart(w: string, rnd: Rnd): string {
  if (w === 'al' || w === 'el') return 'αλ';
  let out = '';
  for (let i = 0; i < w.length; ) {
    const prev = w[i - 1];
    const rest = w.slice(i);
    const take = (n: number, s: string) => {
      out += s;
      i += n;
    };
    if (rest.startsWith('sch') || rest.startsWith('sh')) take(rest[1] === 'c' ? 3 : 2, 'σ');
    else if (rest.startsWith('tch') || rest.startsWith('ch')) take(rest[0] === 't' ? 3 : 2, rnd() < 0.7 ? 'τσ' : 'χ');
    else if (rest.startsWith('zh')) take(2, 'ζ');
    else if (rest.startsWith('kh')) take(2, 'χ');
    else if (rest.startsWith('th')) take(2, 'θ');
    else if (rest.startsWith('dh')) take(2, pick(rnd, ['ντ', 'δ']));
    else if (rest.startsWith('gh')) take(2, 'γ');
    else if (rest.startsWith('ph')) take(2, 'φ');
    else if (rest.startsWith('ts')) take(2, 'τσ');
    else if (rest.startsWith('tz')) take(2, 'τζ');
    else if (rest.startsWith('ks')) take(2, 'ξ');
    else if (rest.startsWith('ps')) take(2, 'ψ');
    else if (rest.startsWith('ck')) take(2, 'κ');
    else if (rest.startsWith('ee') || rest.startsWith('ie')) take(2, 'ι');
    else if (rest.startsWith('oo') || rest.startsWith('ou')) take(2, 'ου');
    else if (/^y[aeiou]/.test(rest)) take(1, i === 0 || isV(prev) ? 'γι' : 'ι');
    else if (/^[ae][iy](?![aeiou])/.test(rest)) take(2, rest[0] === 'a' ? 'άι' : 'έι');
    else {
      const c = rest[0]!;
      const next = rest[1];
      // Greek writes double consonants of foreign names mostly single.
      if (c === prev && !isV(c)) {
        i++;
        continue;
      }
      let s: string;
      switch (c) {
        case 'a': s = 'α'; break;
        case 'e': s = 'ε'; break;
        case 'i': case 'y': s = rnd() < 0.85 ? 'ι' : 'η'; break;
        case 'o': s = rnd() < 0.8 ? 'ο' : 'ω'; break;
        case 'u': case 'w': s = 'ου'; break;
        case 'b': s = 'μπ'; break;
        case 'c': s = next === 'e' || next === 'i' || next === 'y' ? 'σ' : 'κ'; break;
        case 'd': s = 'ντ'; break;
        case 'f': s = 'φ'; break;
        case 'g': s = i === 0 ? 'γκ' : pick(rnd, ['γκ', 'γ']); break;
        case 'h': s = i === 0 && rnd() < 0.2 ? '' : isV(prev) && !isV(next) ? (rnd() < 0.5 ? '' : 'χ') : 'χ'; break;
        case 'j': s = 'τζ'; break;
        case 'k': case 'q': s = 'κ'; break;
        case 'l': s = 'λ'; break;
        case 'm': s = 'μ'; break;
        case 'n': s = 'ν'; break;
        case 'p': s = 'π'; break;
        case 'r': s = 'ρ'; break;
        case 's': s = 'σ'; break;
        case 't': s = 'τ'; break;
        case 'v': s = 'β'; break;
        case 'x': s = 'ξ'; break;
        case 'z': s = 'ζ'; break;
        default: s = '';
      }
      take(1, s);
    }
  }
  // Stress mark on one vowel now and then, final sigma.
  if (rnd() < 0.5) out = out.replace(/[αεοι](?=[^αεοιηωυ]*$)/, (v) => ({ α: 'ά', ε: 'έ', ο: 'ό', ι: 'ί' })[v]!);
  return out.replace(/σ$/, 'ς');
}

// ---- Arabic script: consonants and long vowels written, short vowels and doubling not ----
/** A few very common name words as they are really written (the rules below cannot know long vowels). */
const ARABIC_WORDS: Record<string, string> = {
  muhammad: 'محمد', mohammad: 'محمد', mohammed: 'محمد', muhammed: 'محمد', mohamed: 'محمد', mohamad: 'محمد', ahmad: 'أحمد', ahmed: 'أحمد',
  ali: 'علي', hasan: 'حسن', hassan: 'حسن', husayn: 'حسين', hussein: 'حسين', hussain: 'حسين', husain: 'حسين', umar: 'عمر', omar: 'عمر',
  abdullah: 'عبد الله', abdallah: 'عبد الله', abdulla: 'عبد الله', allah: 'الله', abd: 'عبد', abdul: 'عبد ال', abdel: 'عبد ال', abu: 'أبو',
  ibrahim: 'إبراهيم', khalid: 'خالد', khaled: 'خالد', mahmud: 'محمود', mahmoud: 'محمود', yusuf: 'يوسف', yousef: 'يوسف', salih: 'صالح',
  saleh: 'صالح', said: 'سعيد', saeed: 'سعيد', usama: 'أسامة', osama: 'أسامة', abdulrahman: 'عبد الرحمن', rahman: 'رحمن', uthman: 'عثمان',
  othman: 'عثمان', mustafa: 'مصطفى', hamid: 'حامد', jamal: 'جمال', karim: 'كريم', aziz: 'عزيز', tikriti: 'تكريتي', din: 'دين',
};

function arabicPart(w: string, rnd: Rnd, persian: boolean): string {
  const known = ARABIC_WORDS[w.replace(/'/g, '')];
  if (known && rnd() < 0.7) return known;
  if (w === 'bin' || w === 'ibn' || w === 'ben') return 'بن';
  if (w === 'bint') return 'بنت';
  let out = '';
  for (let i = 0; i < w.length; ) {
    const prev = w[i - 1];
    const rest = w.slice(i);
    const atEnd = (n: number) => i + n >= w.length;
    const take = (n: number, s: string) => {
      out += s;
      i += n;
    };
    const c = rest[0]!;
    if (c === "'") {
      // ʿayn, written ' in Latin lists (Sa'd, Isma'il, 'Abd); the vowel after it is its own.
      take(1, 'ع');
      if (isV(w[i]) && w[i] !== w[i + 1]) i++;
      continue;
    }
    if (isV(c) && c !== 'y') {
      const pair = rest.slice(0, 2);
      const two = pair === 'aa' || pair === 'ee' || pair === 'ii' || pair === 'oo' || pair === 'uu' || pair === 'ou' || pair === 'ai' || pair === 'ay' || pair === 'ei' || pair === 'ey' || pair === 'ae';
      const n = two ? 2 : 1;
      if (i === 0) {
        // A word-initial vowel sits on alif (with hamza) or is an ʿayn (Omar عمر, Ali علي).
        take(n, c === 'i' || c === 'e' ? pick(rnd, ['إ', 'ا']) : c === 'o' || c === 'u' ? pick(rnd, ['أ', 'ع', 'ا']) : pick(rnd, ['أ', 'ا', 'ع']));
        if (two && pair !== 'aa') out += pair === 'ou' ? 'و' : 'ي';
      } else if (atEnd(n) && (rest === 'a' || rest === 'ah' || rest === 'eh')) {
        take(rest.length, pick(rnd, persian ? ['ه', 'ه', 'ا'] : ['ة', 'ه', 'ا']));
      } else if (two) {
        take(2, pair === 'aa' ? 'ا' : pair === 'oo' || pair === 'uu' || pair === 'ou' ? 'و' : 'ي');
      } else if (atEnd(1)) {
        take(1, c === 'a' ? 'ا' : c === 'o' || c === 'u' ? 'و' : persian && c === 'e' ? 'ه' : 'ي');
      } else {
        // Short or long: the Latin spelling does not say. Long vowels are written, short ones not.
        const long = rnd() < (c === 'e' ? 0.15 : c === 'a' ? 0.4 : 0.55);
        take(1, long ? (c === 'a' ? 'ا' : c === 'o' || c === 'u' ? 'و' : 'ي') : '');
      }
      continue;
    }
    // Doubled consonants carry an unwritten shadda.
    if (c === prev && c !== 'a') {
      i++;
      continue;
    }
    if (rest.startsWith('kh')) take(2, 'خ');
    else if (rest.startsWith('sh')) take(2, 'ش');
    else if (rest.startsWith('th')) take(2, pick(rnd, ['ث', 'ت']));
    else if (rest.startsWith('dh')) take(2, pick(rnd, ['ذ', 'ض', 'ظ']));
    else if (rest.startsWith('gh')) take(2, 'غ');
    else if (rest.startsWith('ch')) take(2, persian ? 'چ' : pick(rnd, ['تش', 'ش']));
    else if (rest.startsWith('ph')) take(2, 'ف');
    else if (rest.startsWith('zh')) take(2, persian ? 'ژ' : pick(rnd, ['ظ', 'زه']));
    else {
      let s: string;
      switch (c) {
        case 'b': s = 'ب'; break;
        case 'p': s = persian ? 'پ' : 'ب'; break;
        case 't': s = pick(rnd, ['ت', 'ت', 'ط']); break;
        case 'j': s = 'ج'; break;
        case 'h': s = pick(rnd, ['ه', 'ح']); break;
        case 'd': s = pick(rnd, ['د', 'د', 'ض']); break;
        case 'r': s = 'ر'; break;
        case 'z': s = pick(rnd, ['ز', 'ز', 'ظ']); break;
        case 's': s = pick(rnd, ['س', 'س', 'ص']); break;
        case 'f': s = 'ف'; break;
        case 'v': s = persian ? 'و' : 'ف'; break;
        case 'q': s = 'ق'; break;
        case 'k': case 'c': s = persian ? 'ک' : 'ك'; break;
        case 'g': s = persian ? 'گ' : pick(rnd, ['ج', 'غ', 'ق']); break;
        case 'l': s = 'ل'; break;
        case 'm': s = 'م'; break;
        case 'n': s = 'ن'; break;
        case 'w': s = 'و'; break;
        case 'y': s = persian ? 'ی' : 'ي'; break;
        case 'x': s = 'كس'; break;
        default: s = '';
      }
      take(1, s);
    }
  }
  return persian ? out.replace(/ي/g, 'ی').replace(/ك/g, 'ک') : out;
}

/** A Latin name in Cyrillic (Russian usage). */
export function toCyrillic(name: string, rnd: Rnd): string {
  return name.split(/[\s,]+/).filter(Boolean).map((w) => byParts(w, (p) => russianPart(p, rnd))).filter(Boolean).join(' ');
}

/** A Latin name in Greek. */
export function toGreek(name: string, rnd: Rnd): string {
  return name.split(/[\s,]+/).filter(Boolean).map((w) => byParts(w, (p) => greekPart(p, rnd))).filter(Boolean).join(' ');
}

/**
 * A Latin name in Arabic script (Persian letters when `persian`). The article al-/el-/ar-/as-…
 * is written ال joined to its word, hyphenated parts become words, doubling is dropped.
 */
export function toArabic(name: string, rnd: Rnd, persian = false): string {
  const words: string[] = [];
  for (const w of name.split(/[\s,]+/).filter(Boolean)) {
    const c = w.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[ʿʻ’`]/g, "'").replace(/[^a-z'-]/g, '');
    for (const p of c.split('-').filter(Boolean)) words.push(p.replace(/^'+/, (x) => (x.length ? "'" : '')));
  }
  const out: string[] = [];
  let article = false;
  const join = () => rnd() < 0.3;
  words.forEach((w, i) => {
    const next = words[i + 1];
    // al, el and the assimilated ar/as/at/ad/an/az/ash before their word: the article.
    if (next && (/^(al|el|ul)$/.test(w) || (/^(ar|as|at|ad|an|az|ash|ad|ath|adh)$/.test(w) && next.startsWith(w.slice(1))))) {
      article = true;
      return;
    }
    let written: string;
    if (/^ab[dt][aeiou]?l+[aeiou]h?$/.test(w)) written = join() ? 'عبدالله' : 'عبد الله';
    else if (/^abd(?:ul|el|al|ol|oul|ur|us|ar|as)$/.test(w) && next) {
      // "Abdul Rahman": the servant (عبد) of the (ال) Merciful.
      out.push('عبد');
      article = true;
      return;
    } else {
      const compound = /^abd(?:ul|el|al|ol|oul|u|e|a|o)([a-z']{3,})$/.exec(w);
      written = compound ? `عبد${join() ? '' : ' '}ال${arabicPart(compound[1]!.replace(/^([rstdnz])\1/, '$1'), rnd, persian)}` : arabicPart(w, rnd, persian);
    }
    if (article) written = `ال${written}`;
    article = false;
    out.push(written);
  });
  return out.join(' ');
}
