import type { AmlEntity } from './aml-entity.ts';
import { normalizeDocumentNumber } from './aml-entity.ts';
import { WEAK_TOKENS, abjadParts, nameTokens, particleCore, skeleton, soundAlike, splitCompounds } from './normalize-name.ts';
import { deletions } from './token-similarity.ts';

/**
 * The in-memory screening index. Names are split into tokens drawn from one vocabulary; each
 * vocabulary token is reachable through blocking keys (its consonant skeleton and the
 * skeleton's one-letter deletions), so a query looks up a handful of keys, finds the few
 * similar tokens, and scores only the names that share at least two of them.
 */
export type AmlIndex = {
  entities: AmlEntity[];
  /** Per entity: position of its database in `databases`. */
  entityDb: Uint16Array;
  entityIsPerson: Uint8Array;
  databases: string[];
  /** Vocabulary. */
  tokenId: Map<string, number>;
  tokens: string[];
  tokenSkel: string[];
  /** Per token: `soundAlike` spelling. */
  tokenSound: string[];
  /** Skeletons and sound-alike spellings as numbers (`skelIds`, `soundIds`): compared without touching the strings. */
  tokenSkelId: Int32Array;
  tokenSoundId: Int32Array;
  skelIds: Map<string, number>;
  soundIds: Map<string, number>;
  tokenWeight: Float32Array;
  tokenWeak: Uint8Array;
  /** Per token: the names that contain it. */
  postingStart: Int32Array;
  /** Names of token t: `postingNames[postingStart[t]]` … `postingNames[postingStart[t + 1] - 1]`. */
  postingNames: Int32Array;
  /** Per token: the tokens whose particle core it is ("tikriti" → "altikriti"), or null. */
  particleParents: (number[] | null)[];
  /**
   * Blocking key → its list: tokens `keyTokens[keyStart[k]]` … `keyTokens[keyStart[k + 1] - 1]`,
   * shortest first (a query reads only the lengths it can match). One flat array, not one per key:
   * tens of thousands of small typed arrays would cost more than their contents.
   */
  keys: Map<string, number>;
  keyStart: Int32Array;
  keyTokens: Int32Array;
  /** Per token: its length (capped at 255). */
  tokenLen: Uint8Array;
  /** Names: entity, token ids (flattened), the listed spelling. */
  nameEntity: Int32Array;
  nameStart: Int32Array;
  nameTokens: Int32Array;
  nameStrong: Uint8Array;
  nameText: string[];
  /** Normalised document number → entities. */
  documents: Map<string, number[]>;
  maxWeight: number;
};

/** A last resort for a long word no other key found (a typo that changed its consonants): its first three letters. */
export const fallbackKey = (token: string): string => `*${token.slice(0, 3)}`;

/**
 * Keys of a word as Arabic script writes it (`abjadParts`: consonants, long vowels dropped) and
 * their one-letter deletions: how a query written in Arabic finds the Latin spellings.
 */
export function abjadKeys(token: string, written = false): string[] {
  const { cons } = abjadParts(token, written);
  if (cons.length < 2) return [];
  const keys = [`~${cons}`];
  if (cons.length >= 3) for (const d of deletions(cons)) keys.push(`~${d}`);
  return keys;
}

/**
 * Keys under which a token is filed: its skeleton, the skeleton's one-letter deletions (typos,
 * transliteration slips) and its first four letters (suffix variants: Vladimirovich/Vladimirovitj).
 */
export function blockingKeys(skel: string, token: string): string[] {
  if (skel.length === 0) return [`=${token}`];
  const keys = [skel];
  if (token.length >= 6) keys.push(`^${token.slice(0, 4)}`);
  if (skel.length >= 3) for (const d of deletions(skel)) keys.push(d);
  // Words of vowels and one or two consonants (Zuoyou, Jinaau, Sara) have skeletons too short to
  // tell a typo: their letters' one-deletion neighbourhood finds it instead.
  else if (token.length >= 4 && token.length <= 8) {
    keys.push(`%${token}`);
    for (const d of deletions(token)) keys.push(`%${d}`);
  }
  return keys;
}

const namesOf = (e: AmlEntity): string[] => {
  const out = new Set<string>();
  for (const n of [...e.fullname, ...e.alias]) if (n.trim()) out.add(n.trim());
  return [...out];
};

export function buildAmlIndex(entities: AmlEntity[]): AmlIndex {
  const databases: string[] = [];
  const entityDb = new Uint16Array(entities.length);
  const entityIsPerson = new Uint8Array(entities.length);
  const tokenId = new Map<string, number>();
  const tokens: string[] = [];
  const postingLists: number[][] = [];
  const nameEntity: number[] = [];
  const nameStart: number[] = [0];
  const flat: number[] = [];
  const nameText: string[] = [];
  const documents = new Map<string, number[]>();

  entities.forEach((e, ei) => {
    let db = databases.indexOf(e.database);
    if (db < 0) db = databases.push(e.database) - 1;
    entityDb[ei] = db;
    entityIsPerson[ei] = e.entity === 'person' ? 1 : 0;
    const seen = new Set<string>();
    for (const [text, toks] of namesOf(e).flatMap((text) => {
      const toks = nameTokens(text);
      const split = splitCompounds(toks);
      return split ? [[text, toks], [text, split]] as const : [[text, toks]] as const;
    })) {
      const key = toks.join(' ');
      if (!toks.length || seen.has(key)) continue;
      seen.add(key);
      const ni = nameEntity.length;
      nameEntity.push(ei);
      nameText.push(text);
      const distinct = new Set<number>();
      for (const t of toks) {
        let id = tokenId.get(t);
        if (id === undefined) {
          id = tokens.push(t) - 1;
          tokenId.set(t, id);
          postingLists.push([]);
        }
        flat.push(id);
        if (!distinct.has(id)) postingLists[id]!.push(ni);
        distinct.add(id);
      }
      nameStart.push(flat.length);
    }
    for (const d of e.documentnumber) {
      const n = normalizeDocumentNumber(d.id);
      if (n.length < 4) continue;
      const list = documents.get(n) ?? [];
      if (!list.includes(ei)) list.push(ei);
      documents.set(n, list);
    }
  });

  // Words with a joined particle ("altikriti", "abdulrahman") are also reachable through their
  // core: the core joins the vocabulary (without names of its own if no name has it apart).
  const nListed = tokens.length;
  const particleParents: (number[] | null)[] = [];
  for (let id = 0; id < nListed; id++) {
    const core = particleCore(tokens[id]!);
    if (!core) continue;
    let cid = tokenId.get(core);
    if (cid === undefined) {
      cid = tokens.push(core) - 1;
      tokenId.set(core, cid);
      postingLists.push([]);
    }
    (particleParents[cid] ??= []).push(id);
  }
  for (let id = 0; id < tokens.length; id++) particleParents[id] ??= null;
  const nNames = nameEntity.length;
  const tokenSkel = tokens.map(skeleton);
  const tokenSound = tokens.map(soundAlike);
  const intern = (values: string[]) => {
    const ids = new Map<string, number>();
    const arr = Int32Array.from(values, (v) => {
      let id = ids.get(v);
      if (id === undefined) ids.set(v, (id = ids.size));
      return id;
    });
    return [arr, ids] as const;
  };
  const [tokenSkelId, skelIds] = intern(tokenSkel);
  const [tokenSoundId, soundIds] = intern(tokenSound);
  const tokenWeak = Uint8Array.from(tokens, (t) => (WEAK_TOKENS.has(t) || t.length === 1 ? 1 : 0));
  // Rarer tokens identify more: an idf weight, softened (sqrt) so a common first name still counts.
  const tokenWeight = Float32Array.from(postingLists, (p, i) => tokenWeightFor(p.length, nNames, tokenWeak[i] === 1));
  const keyLists = new Map<string, number[]>();
  tokens.forEach((t, id) => {
    if (t.length === 1) return;
    for (const k of [...blockingKeys(tokenSkel[id]!, t), ...abjadKeys(t), ...(t.length >= 5 ? [fallbackKey(t)] : [])]) {
      const list = keyLists.get(k);
      if (list) list.push(id);
      else keyLists.set(k, [id]);
    }
  });
  const tokenLen = Uint8Array.from(tokens, (t) => Math.min(255, t.length));
  const keys = new Map<string, number>();
  const keyStart = new Int32Array(keyLists.size + 1);
  let nKeyTokens = 0;
  for (const list of keyLists.values()) nKeyTokens += list.length;
  const keyTokens = new Int32Array(nKeyTokens);
  let at = 0;
  for (const [k, list] of keyLists) {
    keyStart[keys.size] = at;
    keys.set(k, keys.size);
    list.sort((a, b) => tokenLen[a]! - tokenLen[b]! || a - b);
    keyTokens.set(list, at);
    at += list.length;
  }
  keyStart[keys.size] = at;
  const postingStart = new Int32Array(postingLists.length + 1);
  for (let t = 0; t < postingLists.length; t++) postingStart[t + 1] = postingStart[t]! + postingLists[t]!.length;
  const postingNames = new Int32Array(postingStart[postingLists.length]!);
  postingLists.forEach((p, t) => postingNames.set(p, postingStart[t]!));
  const nameTokensArr = Int32Array.from(flat);
  const nameStartArr = Int32Array.from(nameStart);
  const nameStrong = new Uint8Array(nNames);
  for (let n = 0; n < nNames; n++) {
    const strong = new Set<number>();
    for (let i = nameStartArr[n]!; i < nameStartArr[n + 1]!; i++) if (!tokenWeak[nameTokensArr[i]!]) strong.add(nameTokensArr[i]!);
    nameStrong[n] = Math.min(255, strong.size);
  }
  return {
    entities, entityDb, entityIsPerson, databases, tokenId, tokens, tokenSkel, tokenSound, tokenSkelId, tokenSoundId, skelIds, soundIds, tokenWeight, tokenWeak,
    postingStart, postingNames, particleParents, keys, keyStart, keyTokens, tokenLen,
    nameEntity: Int32Array.from(nameEntity), nameStart: nameStartArr, nameTokens: nameTokensArr, nameStrong, nameText,
    documents, maxWeight: tokenWeightFor(0, nNames, false),
  };
}

export function tokenWeightFor(df: number, nNames: number, weak: boolean): number {
  const idf = Math.log(1 + (nNames + 1) / (1 + df));
  return Math.sqrt(idf) * (weak ? 0.25 : 1);
}

/** Rough heap estimate of the index structures (not counting the entity records themselves). */
export function indexMemoryBytes(ix: AmlIndex): number {
  let bytes = ix.nameTokens.byteLength + ix.nameStart.byteLength + ix.nameEntity.byteLength + ix.tokenWeight.byteLength;
  bytes += ix.postingStart.byteLength + ix.postingNames.byteLength;
  for (const t of ix.tokens) bytes += 2 * t.length * 2 + 80;
  for (const k of ix.keys.keys()) bytes += 2 * k.length + 40;
  bytes += ix.keyStart.byteLength + ix.keyTokens.byteLength;
  bytes += ix.tokenLen.byteLength;
  for (const t of ix.tokenSound) bytes += 2 * t.length + 40;
  bytes += ix.tokenSkelId.byteLength + ix.tokenSoundId.byteLength + 60 * (ix.skelIds.size + ix.soundIds.size);
  for (const n of ix.nameText) bytes += 2 * n.length + 40;
  return bytes;
}
