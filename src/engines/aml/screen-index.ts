import type { AmlIndex } from './aml-index.ts';
import { normalizeDocumentNumber } from './aml-entity.ts';
import { tokenSimilarity } from './token-similarity.ts';
import { compareDob, normalizeDob, type DobOutcome } from './match-dates.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import { prepareTokens, type QueryToken } from './query-tokens.ts';

export type ScreenQuery = {
  name?: string;
  documentNumber?: string;
  /** `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (also `/` or `.` separated). */
  dob?: string;
  /** ISO alpha-2. */
  country?: string;
  entity?: 'person' | 'legalentity';
  /** Database codes to search; all when absent or empty. */
  databases?: readonly string[];
  /** Only entities whose nationality and birth date both agree with the query. */
  strict?: boolean;
  threshold?: number;
  limit?: number;
};

export type MatchedField = 'name' | 'documentnumber' | 'dob' | 'nationality';

/** Why an entity was returned: which fields agreed, which listed name, token by token. */
export type MatchExplanation = {
  fields: MatchedField[];
  name?: string;
  tokens?: { query: string; listed: string; similarity: number }[];
  documentnumber?: string;
  dob?: DobOutcome;
  nationality?: 'match' | 'mismatch' | 'unknown';
};

export type ScreenHit = { entity: number; score: number; matched: MatchExplanation };

export const DEFAULT_THRESHOLD = 0.85;
/** Query names share at least this many strong tokens with a listed name (fewer if either has fewer). */
const MIN_SHARED_TOKENS = 2;
const DOB_MISMATCH_FACTOR = 0.85;
const COUNTRY_MISMATCH_FACTOR = 0.95;
const TOO_FEW_TOKENS_FACTOR = 0.7;
const MAX_CANDIDATES = 5000;
/** The share of a listed name a query covers counts this much (the rest is the query's coverage). */
const NAME_COVERAGE_WEIGHT = 0.2;
/** More for Arabic script: without short vowels one word carries less evidence. */
const NAME_COVERAGE_WEIGHT_ABJAD = 0.3;


// Per-name scratch, grown with the index; reset through the touched list after each query.
let hitMask = new Uint32Array(0);

function entityAllowed(ix: AmlIndex, e: number, dbMask: Set<number> | null, q: ScreenQuery): boolean {
  if (dbMask && !dbMask.has(ix.entityDb[e]!)) return false;
  if (q.entity && (ix.entityIsPerson[e] === 1) !== (q.entity === 'person')) return false;
  return true;
}

// Scratch for scoring, reused: the hot loop scores hundreds of names per query without allocating.
let simBuf = new Float64Array(256);
let usedQ = new Uint8Array(32);
let usedN = new Uint8Array(64);

/**
 * Token-set score of one listed name: a greedy one-to-one alignment of query and name tokens,
 * the weighted share of the query covered, softened by the share of the name covered (missing
 * middle names cost a little, a missing surname a lot). With `explain`, returns the pairs.
 */
function scoreName(ix: AmlIndex, n: number, qt: QueryToken[], qTotal: number, strongQ: number, abjad: boolean, explain: boolean): { score: number; pairs: [number, number, number][] } {
  const start = ix.nameStart[n]!;
  const len = ix.nameStart[n + 1]! - start;
  const nq = qt.length;
  if (nq * len > simBuf.length) simBuf = new Float64Array(nq * len * 2);
  if (len > usedN.length) usedN = new Uint8Array(len * 2);
  if (nq > usedQ.length) usedQ = new Uint8Array(nq * 2);
  for (let qi = 0; qi < nq; qi++) {
    const q = qt[qi]!;
    usedQ[qi] = 0;
    for (let j = 0; j < len; j++) {
      const t = ix.nameTokens[start + j]!;
      let s = q.sims.get(t) ?? 0;
      if (s === 0 && (q.text.length === 1 || ix.tokens[t]!.length === 1)) s = tokenSimilarity(q.text, ix.tokens[t]!, q.skel, ix.tokenSkel[t]!);
      simBuf[qi * len + j] = s;
    }
  }
  let nTotal = 0;
  for (let j = 0; j < len; j++) {
    usedN[j] = 0;
    nTotal += ix.tokenWeight[ix.nameTokens[start + j]!]!;
  }
  let qMatched = 0;
  let nMatched = 0;
  let strongShared = 0;
  const pairs: [number, number, number][] = [];
  for (;;) {
    let bi = -1;
    let bj = -1;
    let bs = 0;
    for (let qi = 0; qi < nq; qi++) {
      if (usedQ[qi]) continue;
      for (let j = 0; j < len; j++) {
        const s = simBuf[qi * len + j]!;
        if (s > bs && !usedN[j]) {
          bs = s;
          bi = qi;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
    usedQ[bi] = 1;
    usedN[bj] = 1;
    const t = ix.nameTokens[start + bj]!;
    qMatched += bs * qt[bi]!.weight;
    nMatched += bs * ix.tokenWeight[t]!;
    if (qt[bi]!.strong && !ix.tokenWeak[t]) strongShared++;
    if (explain) pairs.push([bi, start + bj, bs]);
  }
  const qCov = qTotal > 0 ? qMatched / qTotal : 0;
  const nCov = nTotal > 0 ? nMatched / nTotal : 0;
  const cw = abjad ? NAME_COVERAGE_WEIGHT_ABJAD : NAME_COVERAGE_WEIGHT;
  let score = qCov * (1 - cw + cw * nCov);
  const need = Math.max(1, Math.min(MIN_SHARED_TOKENS, strongQ, ix.nameStrong[n]!));
  if (strongShared < need) score *= TOO_FEW_TOKENS_FACTOR;
  // Same letters split differently ("Bin Laden" / "Binladen", "Abdul Rahman" / "Abdulrahman"),
  // only for spellings of about the same length: a prefix ("Vladimir" in "Vladimir Putin") is no match.
  if (score < 0.9 && score > 0.4 && len !== nq) {
    let qLen = 0;
    for (const q of qt) qLen += q.text.length;
    let nLen = 0;
    for (let j = 0; j < len; j++) nLen += ix.tokens[ix.nameTokens[start + j]!]!.length;
    if (Math.abs(qLen - nLen) <= 2) {
      let qs = '';
      for (const q of qt) qs += q.text;
      let ns = '';
      for (let j = 0; j < len; j++) ns += ix.tokens[ix.nameTokens[start + j]!];
      const whole = jaroWinkler(qs, ns) * 0.97;
      if (whole > score) score = whole;
    }
  }
  return { score, pairs };
}

/** Screens a query against the index; hits above the threshold, best first, one per entity. */
export function screenIndex(ix: AmlIndex, q: ScreenQuery): ScreenHit[] {
  const threshold = q.threshold ?? DEFAULT_THRESHOLD;
  const dbMask = q.databases?.length ? new Set(q.databases.map((d) => ix.databases.indexOf(d)).filter((i) => i >= 0)) : null;
  if (dbMask && dbMask.size === 0) return [];
  const dob = normalizeDob(q.dob);
  const country = q.country?.trim().toUpperCase() || null;
  const best = new Map<number, ScreenHit>();
  let explainTokens: { qt: QueryToken[]; qTotal: number; strongQ: number; abjad: boolean } | null = null;

  if (q.name && q.name.trim()) {
    const abjad = /[\u0600-\u06ff]/.test(q.name);
    const qt = prepareTokens(ix, q.name);
    if (qt.length) {
      if (hitMask.length < ix.nameEntity.length) hitMask = new Uint32Array(ix.nameEntity.length);
      const touched: number[] = [];
      const blockers = qt.some((t) => t.strong) ? qt.filter((t) => t.strong) : qt;
      let qTotal = 0;
      for (const t of qt) qTotal += t.weight;
      // Rarest words first. A name first reached through word k can match at most the words from
      // k on (and the weak ones): when those cannot reach the threshold, the commoner words
      // (Muhammad, Ahmad: thousands of names) only mark names already reached.
      const order: number[] = [];
      let free = 0;
      let suffix = 0;
      for (let qi = 0; qi < qt.length && qi < 32; qi++) {
        if (blockers.includes(qt[qi]!)) {
          order.push(qi);
          suffix += qt[qi]!.weight;
        }
        if (!qt[qi]!.strong) free += qt[qi]!.weight;
      }
      order.sort((a, b) => qt[b]!.weight - qt[a]!.weight);
      const need = threshold * 0.95 * qTotal;
      for (const qi of order) {
        const allowNew = suffix + free >= need;
        suffix -= qt[qi]!.weight;
        const bit = 1 << qi;
        for (const t of qt[qi]!.sims.keys()) {
          for (let i = ix.postingStart[t]!, end = ix.postingStart[t + 1]!; i < end; i++) {
            const n = ix.postingNames[i]!;
            if (hitMask[n] === 0) {
              if (!allowNew) continue;
              touched.push(n);
            }
            hitMask[n]! |= bit;
          }
        }
      }
      const strongQ = blockers.length;
      explainTokens = { qt, qTotal, strongQ, abjad };
      let scored = 0;
      for (const n of touched) {
        const mask = hitMask[n]!;
        const bits = popcount(mask);
        hitMask[n] = 0;
        // Upper bound of the score from the query tokens this name can match at all: cheap, and
        // it skips most names that share only a common first name with a longer query.
        let ub = 0;
        for (let qi = 0; qi < qt.length && qi < 32; qi++) if (mask & (1 << qi) || !qt[qi]!.strong) ub += qt[qi]!.weight;
        if (ub / qTotal < threshold * 0.95) continue;
        const need = Math.max(1, Math.min(MIN_SHARED_TOKENS, strongQ, ix.nameStrong[n]!));
        if (bits < need || scored >= MAX_CANDIDATES) continue;
        const e = ix.nameEntity[n]!;
        if (!entityAllowed(ix, e, dbMask, q)) continue;
        scored++;
        const { score } = scoreName(ix, n, qt, qTotal, strongQ, abjad, false);
        if (score < threshold * TOO_FEW_TOKENS_FACTOR) continue;
        const prev = best.get(e);
        if (prev && prev.score >= score) continue;
        best.set(e, { entity: e, score, matched: { fields: ['name'] }, name: n } as ScreenHit & { name: number });
      }
    }
  }

  if (q.documentNumber) {
    const dn = normalizeDocumentNumber(q.documentNumber);
    for (const e of ix.documents.get(dn) ?? []) {
      if (!entityAllowed(ix, e, dbMask, q)) continue;
      const prev = best.get(e);
      if (prev) {
        prev.score = 1;
        prev.matched.fields.unshift('documentnumber');
        prev.matched.documentnumber = q.documentNumber;
      } else best.set(e, { entity: e, score: 1, matched: { fields: ['documentnumber'], documentnumber: q.documentNumber } });
    }
  }

  const hits: ScreenHit[] = [];
  for (const hit of best.values()) {
    const n = (hit as ScreenHit & { name?: number }).name;
    delete (hit as ScreenHit & { name?: number }).name;
    if (n !== undefined && explainTokens) {
      const { pairs } = scoreName(ix, n, explainTokens.qt, explainTokens.qTotal, explainTokens.strongQ, explainTokens.abjad, true);
      hit.matched.name = ix.nameText[n];
      hit.matched.tokens = pairs.map(([qi, j, s]) => ({ query: explainTokens.qt[qi]!.text, listed: ix.tokens[ix.nameTokens[j]!]!, similarity: round(s) }));
    }
    const ent = ix.entities[hit.entity]!;
    const dobOutcome = compareDob(dob, ent.dob);
    const nat = !country ? 'unknown' : ent.nationality.length === 0 ? 'unknown' : ent.nationality.includes(country) ? 'match' : 'mismatch';
    if (q.strict && (dobOutcome !== 'match' || nat !== 'match')) continue;
    if (dob) hit.matched.dob = dobOutcome;
    if (country) hit.matched.nationality = nat;
    if (dobOutcome === 'match') hit.matched.fields.push('dob');
    if (nat === 'match') hit.matched.fields.push('nationality');
    if (dobOutcome === 'mismatch') hit.score *= DOB_MISMATCH_FACTOR;
    if (nat === 'mismatch') hit.score *= COUNTRY_MISMATCH_FACTOR;
    hit.score = round(hit.score);
    if (hit.score >= threshold || hit.matched.fields.includes('documentnumber')) hits.push(hit);
  }
  hits.sort((a, b) => b.score - a.score);
  return hits.slice(0, q.limit ?? 50);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
