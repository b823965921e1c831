import fs from 'node:fs';

/**
 * A letter-bigram prior for MRZ names, which no check digit covers: OCR-B's O/D, E/F and A/Q
 * differ by a stroke that blur takes away, and then "ERIKSSDN" or "CHRISTOPHF" is as likely to
 * the classifier as the real name. Bigram counts come from people's names on public lists
 * (`scripts/build-name-bigrams.ts`). Scores are pointwise mutual information, so the prior
 * says how much likelier a letter is after another than on its own: it does not favour common
 * letters, or fillers over letters, and its weight keeps it to breaking near-ties.
 */
const SYMBOLS = 27;
const BOUNDARY = 26;
/** Nats of classifier log-probability one nat of the prior is worth. */
export const NAME_PRIOR_WEIGHT = 0.5;

let pmi: Float32Array | undefined;

function transitions(): Float32Array {
  if (pmi) return pmi;
  const { counts } = JSON.parse(fs.readFileSync(new URL('./data/name-bigrams.json', import.meta.url), 'utf8')) as { counts: number[][] };
  if (counts.length !== SYMBOLS) throw new Error('name-bigrams.json has the wrong shape; rebuild it');
  const k = 0.5; // add-k smoothing: a bigram never seen is rare, not impossible
  const col = new Array<number>(SYMBOLS).fill(0);
  let total = 0;
  for (const row of counts) row.forEach((c, b) => { col[b]! += c; total += c; });
  pmi = new Float32Array(SYMBOLS * SYMBOLS);
  for (let a = 0; a < SYMBOLS; a++) {
    const rowSum = counts[a]!.reduce((s, c) => s + c, 0);
    for (let b = 0; b < SYMBOLS; b++) {
      const cond = (counts[a]![b]! + k) / (rowSum + SYMBOLS * k);
      const marginal = (col[b]! + k) / (total + SYMBOLS * k);
      pmi[a * SYMBOLS + b] = Math.log(cond / marginal);
    }
  }
  // A run of fillers is the field's padding, not a word: free.
  pmi[BOUNDARY * SYMBOLS + BOUNDARY] = 0;
  return pmi;
}

/**
 * The likeliest letters and fillers for one name span (Viterbi): each cell's class
 * log-probabilities (`classOf` maps a symbol 0..25 = A..Z, 26 = `<` to the class index) plus
 * the weighted prior between neighbours. A span starts a word.
 */
export function decodeName(cells: readonly Float32Array[], classOf: (symbol: number) => number, weight = NAME_PRIOR_WEIGHT): number[] {
  const t = transitions();
  const n = cells.length;
  if (n === 0) return [];
  let score = new Float64Array(SYMBOLS);
  const back: Uint8Array[] = [];
  for (let s = 0; s < SYMBOLS; s++) score[s] = cells[0]![classOf(s)]! + weight * t[BOUNDARY * SYMBOLS + s]!;
  for (let i = 1; i < n; i++) {
    const next = new Float64Array(SYMBOLS);
    const from = new Uint8Array(SYMBOLS);
    for (let s = 0; s < SYMBOLS; s++) {
      let best = -Infinity, arg = 0;
      for (let p = 0; p < SYMBOLS; p++) {
        const v = score[p]! + weight * t[p * SYMBOLS + s]!;
        if (v > best) { best = v; arg = p; }
      }
      next[s] = best + cells[i]![classOf(s)]!;
      from[s] = arg;
    }
    back.push(from);
    score = next;
  }
  let s = 0;
  for (let k = 1; k < SYMBOLS; k++) if (score[k]! > score[s]!) s = k;
  const path = [s];
  for (let i = n - 2; i >= 0; i--) path.push((s = back[i]![s]!));
  return path.reverse().map(classOf);
}
