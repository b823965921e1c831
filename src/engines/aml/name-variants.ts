/**
 * Deterministic name variants for the AML benchmark and tests: the ways a listed name reaches a
 * screening query (typos, swapped order, dropped middle names, another script, noise). Not used
 * by the matcher itself.
 */
import { toArabic, toCyrillic, toGreek } from './script-variants.ts';

export type VariantKind = 'typo' | 'swap' | 'drop-middle' | 'cyrillic' | 'greek' | 'arabic' | 'noise' | 'swap+typo';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (s: string) => s.split(/[\s,]+/).filter(Boolean);

/** One keyboard-style edit (substitute, delete, insert or transpose) inside the longest run of letters. */
export function typo(name: string, rnd: () => number): string {
  let best: RegExpExecArray | null = null;
  for (const m of name.matchAll(/\p{L}+/gu)) if (!best || m[0].length > best[0].length) best = m as RegExpExecArray;
  if (!best || best[0].length < 4) return name;
  const t = best[0];
  const i = 1 + Math.floor(rnd() * (t.length - 2));
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const c = letters[Math.floor(rnd() * 26)]!;
  const op = Math.floor(rnd() * 4);
  const edited = op === 0 ? t.slice(0, i) + c + t.slice(i + 1) : op === 1 ? t.slice(0, i) + t.slice(i + 1) : op === 2 ? t.slice(0, i) + c + t.slice(i) : t.slice(0, i - 1) + t[i] + t[i - 1] + t.slice(i + 1);
  return name.slice(0, best.index) + edited + name.slice(best.index + t.length);
}

/** Countries whose names are written in Arabic script (Arabic, Persian, Pashto, Urdu). */
export const ARABIC_SCRIPT_COUNTRIES = new Set(['AE', 'AF', 'BH', 'DZ', 'EG', 'IQ', 'IR', 'JO', 'KW', 'LB', 'LY', 'MA', 'MR', 'OM', 'PK', 'PS', 'QA', 'SA', 'SD', 'SO', 'SY', 'TN', 'YE']);

/** Countries whose names are written with Persian letters (Persian, Dari, Pashto, Urdu). */
const PERSIAN_SCRIPT_COUNTRIES = new Set(['IR', 'AF', 'PK']);

/** `nationality` picks Persian letters for Arabic script where it applies. */
export function variant(name: string, kind: VariantKind, rnd: () => number, nationality: readonly string[] = []): string {
  const w = words(name);
  switch (kind) {
    case 'typo':
      return typo(name, rnd);
    case 'swap':
      return w.length > 1 ? [w[w.length - 1]!, ...w.slice(0, -1)].join(' ') : name;
    case 'drop-middle':
      return w.length > 2 ? `${w[0]} ${w[w.length - 1]}` : name;
    case 'cyrillic':
      return toCyrillic(name, rnd);
    case 'greek':
      return toGreek(name, rnd);
    case 'arabic':
      return toArabic(name, rnd, nationality.some((c) => PERSIAN_SCRIPT_COUNTRIES.has(c)));
    case 'noise':
      return w.map((x, i) => (i % 2 ? x.toUpperCase() : x.toLowerCase())).join(i0(rnd) ? '-' : '  ');
    case 'swap+typo':
      return typo(variant(name, 'swap', rnd), rnd);
  }
}
const i0 = (rnd: () => number) => rnd() < 0.5;

/** Common given names and surnames of many origins: the everyday customers a screen sees. */
export const COMMON_FIRST = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan',
  'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Nancy', 'Matthew', 'Lisa', 'Anthony', 'Betty', 'Mark', 'Sandra',
  'Sofia', 'Lucas', 'Emma', 'Noah', 'Olivia', 'Liam', 'Chloe', 'Louis', 'Lea', 'Hugo', 'Giulia', 'Francesco', 'Lukas', 'Hannah', 'Jan',
  'Piotr', 'Katarzyna', 'Olga', 'Dmitri', 'Elena', 'Sergei', 'Anna', 'Ivan', 'Priya', 'Rahul', 'Amit', 'Sunita', 'Wei', 'Li', 'Hiroshi',
  'Yuki', 'Min-jun', 'Seo-yeon', 'Ahmed', 'Fatima', 'Omar', 'Aisha', 'Yusuf', 'Mariam', 'Kwame', 'Amara', 'Chinedu', 'Ngozi', 'Carlos',
  'Lucia', 'Jose', 'Ana', 'Juan', 'Camila', 'Mateo', 'Valentina', 'Diego', 'Isabella', 'Pedro', 'Beatriz', 'Lars', 'Ingrid', 'Mikko', 'Aino',
];
export const COMMON_LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Jackson',
  'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson',
  'Mueller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Dubois', 'Durand', 'Lefebvre', 'Moreau', 'Rossi',
  'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Nowak', 'Kowalski', 'Wisniewski', 'Novak', 'Svoboda', 'Horvath', 'Nagy', 'Kovacs', 'Jensen',
  'Nielsen', 'Hansen', 'Johansson', 'Virtanen', 'Korhonen', 'Murphy', 'Kelly', 'Walsh', 'Patel', 'Sharma', 'Singh', 'Gupta', 'Nguyen',
  'Tran', 'Wang', 'Zhang', 'Liu', 'Chen', 'Yamamoto', 'Tanaka', 'Sato', 'Kim', 'Park', 'Choi', 'Okafor', 'Mensah', 'Diallo', 'Traore',
  'Silva', 'Santos', 'Oliveira', 'Pereira', 'Costa', 'Fernandez', 'Lopez', 'Martinez', 'Sanchez', 'Ramirez', 'Torres', 'Flores', 'Gomez',
];
