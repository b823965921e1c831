/**
 * Script-to-Latin transliteration tuned for name matching, not for display: it picks the Latin
 * letters a list would most likely print (BGN/PCGN-like for Cyrillic, ELOT-like for Greek, a
 * consonant-faithful scheme for Arabic/Persian/Urdu, plus Hebrew, Armenian and Georgian).
 * Short vowels Arabic does not write are left to the matcher's consonant skeleton.
 */
/** Cyrillic writes a foreign j as дж (Джон = John, Джамал = Jamal). */
const CYRILLIC_DIGRAPHS: [string, string][] = [['дж', 'j']];
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Ukrainian, Belarusian, Serbian, Macedonian, Kazakh letters
  і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u', ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz', ѓ: 'gj', ќ: 'kj',
  ѕ: 'dz', ә: 'a', ғ: 'gh', қ: 'q', ң: 'ng', ө: 'o', ұ: 'u', ү: 'u', һ: 'h',
};

const GREEK_DIGRAPHS: [string, string][] = [
  // Foreign names in Greek: ου is u, τζ is j, χ often an h (Χαμίντ = Hamid).
  // γι before a vowel is a y (Γιουσέφ = Yusef, Γιάννης = Yannis).
  ['γιου', 'yu'], ['για', 'ya'], ['γιο', 'yo'], ['γιω', 'yo'], ['γιε', 'ye'],
  ['ου', 'u'], ['τζ', 'j'], ['αι', 'ai'], ['ει', 'ei'], ['οι', 'oi'], ['αυ', 'av'], ['ευ', 'ev'], ['γγ', 'ng'], ['γκ', 'g'],
  // In foreign names Greek writes "d" and "b" as ντ and μπ (Βλαντίμιρ = Vladimir).
  ['ντ', 'd'], ['μπ', 'b'], ['τσ', 'ts'],
];
const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x',
  ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'h', ψ: 'ps', ω: 'o',
};

const ARABIC: Record<string, string> = {
  ا: 'a', أ: 'a', إ: 'i', آ: 'a', ٱ: 'a', ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r',
  ز: 'z', س: 's', ش: 'sh', ص: 's', ض: 'd', ط: 't', ظ: 'z', ع: 'a', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ل: 'l',
  م: 'm', ن: 'n', ه: 'h', ة: 'a', ى: 'a', ء: '', ئ: '', ؤ: '',
  // Persian and Urdu
  پ: 'p', چ: 'ch', ژ: 'zh', گ: 'g', ک: 'k', ٹ: 't', ڈ: 'd', ڑ: 'r', ں: 'n', ھ: 'h', ے: 'e', ۃ: 'a', ۀ: 'e',
};
/** و and ي are consonants at the start of a word and long vowels inside it. */
const ARABIC_W = new Set(['و']);
const ARABIC_Y = new Set(['ي', 'ی', 'ې', 'ئ']);

const HEBREW: Record<string, string> = {
  א: '', ב: 'v', ג: 'g', ד: 'd', ה: 'h', ז: 'z', ח: 'kh', ט: 't', כ: 'k', ך: 'k', ל: 'l', מ: 'm', ם: 'm',
  נ: 'n', ן: 'n', ס: 's', ע: '', פ: 'p', ף: 'f', צ: 'ts', ץ: 'ts', ק: 'k', ר: 'r', ש: 'sh', ת: 't',
};
const ARMENIAN: Record<string, string> = {
  ա: 'a', բ: 'b', գ: 'g', դ: 'd', ե: 'e', զ: 'z', է: 'e', ը: 'y', թ: 't', ժ: 'zh', ի: 'i', լ: 'l', խ: 'kh', ծ: 'ts',
  կ: 'k', հ: 'h', ձ: 'dz', ղ: 'gh', ճ: 'ch', մ: 'm', յ: 'y', ն: 'n', շ: 'sh', ո: 'o', չ: 'ch', պ: 'p', ջ: 'j',
  ռ: 'r', ս: 's', վ: 'v', տ: 't', ր: 'r', ց: 'ts', ւ: 'u', փ: 'p', ք: 'k', օ: 'o', ֆ: 'f', և: 'ev',
};
const GEORGIAN: Record<string, string> = {
  ა: 'a', ბ: 'b', გ: 'g', დ: 'd', ე: 'e', ვ: 'v', ზ: 'z', თ: 't', ი: 'i', კ: 'k', ლ: 'l', მ: 'm', ნ: 'n', ო: 'o',
  პ: 'p', ჟ: 'zh', რ: 'r', ს: 's', ტ: 't', უ: 'u', ფ: 'p', ქ: 'k', ღ: 'gh', ყ: 'q', შ: 'sh', ჩ: 'ch', ც: 'ts',
  ძ: 'dz', წ: 'ts', ჭ: 'ch', ხ: 'kh', ჯ: 'j', ჰ: 'h',
};
/** Latin letters NFKD does not decompose. */
const LATIN_EXTRA: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŀ: 'l', ŉ: 'n', ĸ: 'k', ſ: 's',
};

const isLetterish = (c: string) => /\p{L}/u.test(c);

/** Lower-cased input; returns Latin (plus any script it does not know, left as is). */
export function transliterate(lower: string): string {
  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  let s = lower;
  if (/[\u0370-\u03ff]/.test(s)) for (const [g, l] of GREEK_DIGRAPHS) s = s.split(g).join(l);
  if (/[\u0400-\u04ff]/.test(s)) for (const [g, l] of CYRILLIC_DIGRAPHS) s = s.split(g).join(l);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    // After the article (ال) a word's first letter starts the word: والي → al-wali, not al-uali.
    const prevLetter = i > 0 && isLetterish(s[i - 1]!) && !(i >= 2 && s[i - 2] === 'ا' && s[i - 1] === 'ل' && (i === 2 || !isLetterish(s[i - 3]!)));
    if (ARABIC_W.has(c)) out += prevLetter ? 'u' : 'w';
    else if (ARABIC_Y.has(c)) out += prevLetter ? 'i' : 'y';
    else if (c === 'ו') out += prevLetter ? 'u' : 'v';
    else if (c === 'י') out += prevLetter ? 'i' : 'y';
    else out += CYRILLIC[c] ?? GREEK[c] ?? ARABIC[c] ?? HEBREW[c] ?? ARMENIAN[c] ?? GEORGIAN[c] ?? LATIN_EXTRA[c] ?? c;
  }
  return out;
}
