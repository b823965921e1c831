import type { AmlIndex } from './aml-index.ts';
import { abjadKeys, blockingKeys, fallbackKey, tokenWeightFor } from './aml-index.ts';
import { TITLES, WEAK_TOKENS, abjadParts, nameTokens, particleCore, skeleton, soundAlike } from './normalize-name.ts';
import { abjadSimilarity, tokenSimilarity } from './token-similarity.ts';
import { otherReadings, readingScript } from './script-readings.ts';

export type QueryToken = { text: string; skel: string; weight: number; strong: boolean; sims: Map<number, number> };

const UNKNOWN_TOKEN_FACTOR = 0.75;

// Per-token stamp of the query form that last compared it.
let seen = new Uint32Array(0);
let stamp = 0;
// `abjadParts` of listed tokens, computed when an Arabic-script query first needs them.
const abjadCache = new WeakMap<AmlIndex, ({ cons: string; gaps: string[] } | undefined)[]>();
function listedAbjad(ix: AmlIndex, t: number): { cons: string; gaps: string[] } {
  let c = abjadCache.get(ix);
  if (!c) abjadCache.set(ix, (c = []));
  return (c[t] ??= abjadParts(ix.tokens[t]!));
}

/** Short words of Arabic script and how Latin lists write them. */
const ABJAD_WORDS: Record<string, string[]> = { allh: ['allah'], bn: ['bin', 'ben', 'ibn'], wld: ['ould', 'walad'], abw: ['abu', 'abou'] };

/** Titles as Arabic script writes them (حاجي، حجي، شيخ، ملا). */
const ABJAD_TITLES = new Set(['haji', 'hji', 'hajji', 'shikh', 'shaikh', 'shykh', 'mla', 'mula', 'mulla']);

/** A word matched through another reading of its script counts a little less than as written. */
const READING_FACTOR = 0.95;
/** Similarity of two spellings with one `soundAlike` form. */
const SOUND_ALIKE_SIM = 0.98;

/**
 * The query's words, each with the listed tokens it resembles and how much (`sims`): the word as
 * written, its other readings in the script it came from, its core when a particle is joined to
 * it, looked up through the index's blocking keys.
 */
export function prepareTokens(ix: AmlIndex, name: string): QueryToken[] {
  const toks = nameTokens(name).slice(0, 24);
  const nNames = ix.nameEntity.length;
  // Arabic script leaves short vowels unwritten: its words are compared by consonants.
  const abjad = /[\u0600-\u06ff]/.test(name);
  const script = readingScript(name);
  // A word that reads as a title in the script it came from (хаджи: khaji or haji) is one.
  const kept = script ? toks.filter((t) => !otherReadings(t, script).some((r) => TITLES.has(r))) : abjad ? toks.filter((t) => !ABJAD_TITLES.has(t)) : toks;
  return (kept.length ? kept : toks).map((text) => {
    const skel = skeleton(text);
    const id = ix.tokenId.get(text);
    const weak = WEAK_TOKENS.has(text) || text.length === 1;
    // A word no listed name contains weighs like a rare one, a little less (it may be a misspelling).
    const weight = id !== undefined ? ix.tokenWeight[id]! : tokenWeightFor(0, nNames, weak || text.length <= 2) * UNKNOWN_TOKEN_FACTOR;
    const sims = new Map<number, number>();
    if (text.length > 1) {
      if (id !== undefined) sims.set(id, 1);
      // The word as written, its other readings in the script it came from, and for each the
      // core when a particle is joined to it ("altikriti" → "tikriti").
      const forms: [string, number][] = [[text, 1]];
      if (script || abjad) for (const r of otherReadings(text, script ?? 'arabic', abjad ? 4 : 8)) forms.push([r, READING_FACTOR]);
      // A final ه is often the vowel of -a/-eh (موسه, حله), not an h.
      if (abjad && text.length >= 3 && /[^aeiouwy]h$/.test(text)) forms.push([`${text.slice(0, -1)}a`, READING_FACTOR]);
      if (abjad) for (const w of ABJAD_WORDS[text] ?? []) forms.push([w, 1]);
      // تش is the Maghrebi spelling of ch (Chouka, Cherif).
      if (abjad && text.includes('tsh')) forms.push([text.replace(/tsh/g, 'ch'), READING_FACTOR]);
      for (let f = 0, n = forms.length; f < n; f++) {
        const core = particleCore(forms[f]![0]);
        if (core) forms.push([core, forms[f]![1]]);
      }
      if (seen.length < ix.tokens.length) seen = new Uint32Array(ix.tokens.length);
      for (const [form, factor] of forms) {
        const formSkel = form === text ? skel : skeleton(form);
        const formSkelId = ix.skelIds.get(formSkel) ?? -1;
        const formSoundId = form.length > 2 ? (ix.soundIds.get(soundAlike(form)) ?? -1) : -1;
        const formAbjad = abjad ? abjadParts(form, true) : null;
        const fid = form === text ? id : ix.tokenId.get(form);
        if (fid !== undefined && factor > (sims.get(fid) ?? 0)) sims.set(fid, factor);
        // A token filed under several of the keys (its skeleton and their deletions) is compared once.
        if (++stamp === 0xffffffff) {
          seen.fill(0);
          stamp = 1;
        }
        // The skeleton and prefix keys bring every length a similar word can have; the keys of
        // one-letter deletions (typos) only words about as long as this one.
        // Another reading is not also misspelt: its deletion keys are not read; an Arabic-script
        // word's slips are found through its own (abjad) deletion keys.
        const L = form.length;
        const nWideProbes = form.length >= 6 ? 2 : 1;
        const probes = factor < 1 || abjad ? blockingKeys(formSkel, form).slice(0, nWideProbes) : blockingKeys(formSkel, form);
        const nWide = probes.length > 1 && probes[1]![0] === '^' ? 2 : 1;
        const abjadProbes = abjad ? (factor < 1 ? abjadKeys(form, true).slice(0, 1) : abjadKeys(form, true)) : [];
        for (let pi = 0; pi < probes.length + abjadProbes.length; pi++) {
          const slot = ix.keys.get(pi < probes.length ? probes[pi]! : abjadProbes[pi - probes.length]!);
          if (slot === undefined) continue;
          const wide = pi < nWide || pi === probes.length;
          const lo = wide ? (L + 1) >> 1 : L - 2;
          const hi = abjad ? 3 * L : wide ? 2 * L : L + 2;
          const end = ix.keyStart[slot + 1]!;
          for (let i = lowerBound(ix.keyTokens, ix.keyStart[slot]!, end, ix.tokenLen, lo); i < end; i++) {
            const t = ix.keyTokens[i]!;
            if (ix.tokenLen[t]! > hi) break;
            if (seen[t] === stamp || t === fid) continue;
            seen[t] = stamp;
            // Particles and legal forms (al, bin, ltd, jsc) count only when written alike or
            // misspelt in Latin; a vowel-less Arabic word or another reading is no evidence for them.
            if (ix.tokenWeak[t] && (abjad || factor < 1)) continue;
            let s = formAbjad
              ? abjadSimilarity(form, ix.tokens[t]!, formSkel, ix.tokenSkel[t]!, formAbjad, listedAbjad(ix, t))
              : tokenSimilarity(form, ix.tokens[t]!, formSkel, ix.tokenSkel[t]!, ix.tokenSkelId[t] === formSkelId);
            // The same name in another transliteration's letters (Wladimir, Poetin, Putyin).
            if (s < SOUND_ALIKE_SIM && ix.tokenSoundId[t] === formSoundId) s = SOUND_ALIKE_SIM;
            s *= factor;
            if (s > (sims.get(t) ?? 0)) sims.set(t, s);
          }
        }
      }
      // Nothing much alike under any key: a typo may have changed the consonants (Impxerial, Oletsandrivna).
      let best = 0;
      for (const s of sims.values()) if (s > best) best = s;
      if (best < 0.9 && text.length >= 5) {
        const slot = ix.keys.get(fallbackKey(text));
        for (let i = slot === undefined ? 0 : ix.keyStart[slot]!, end = slot === undefined ? 0 : ix.keyStart[slot + 1]!; i < end; i++) {
          const t = ix.keyTokens[i]!;
          if (ix.tokenLen[t]! < text.length - 2 || ix.tokenLen[t]! > text.length + 2) continue;
          const s = tokenSimilarity(text, ix.tokens[t]!, skel, ix.tokenSkel[t]!);
          if (s > (sims.get(t) ?? 0)) sims.set(t, s);
        }
      }
      // A listed word with a joined particle scores as its core does.
      for (const [t, s] of [...sims]) {
        for (const p of ix.particleParents[t] ?? []) if (s > (sims.get(p) ?? 0)) sims.set(p, s);
      }
    }
    return { text, skel, weight, strong: !weak, sims };
  });
}

/** First position in `list[from..to)` (sorted by token length) whose token is at least `len` long. */
function lowerBound(list: Int32Array, from: number, to: number, tokenLen: Uint8Array, len: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokenLen[list[mid]!]! < len) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

