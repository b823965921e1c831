import type { ServiceDeps } from '../deps.ts';
import type { AmlEntity } from '../../engines/aml/aml-entity.ts';
import { screenIndex, DEFAULT_THRESHOLD, type MatchExplanation } from '../../engines/aml/screen-index.ts';
import { normalizeDob } from '../../engines/aml/match-dates.ts';

/** A hit as the callback's `aml` entries show it, plus why it matched. */
export type AmlRecord = Omit<AmlEntity, 'id'> & { score: number; matched: MatchExplanation };

export type ScreenPersonInput = {
  fullName: string;
  firstName?: string;
  lastName?: string;
  documentNumber?: string;
  /** `YYYY/MM/DD`, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  dob?: string;
  /** ISO alpha-2. */
  nationality?: string;
  entity?: 'person' | 'organization' | 'legalentity';
};

export type ScreenOptions = { databases?: readonly string[]; strict: boolean; threshold?: number; limit?: number };

export function toAmlRecord(e: AmlEntity, score: number, matched: MatchExplanation): AmlRecord {
  const { id: _id, ...rest } = e;
  return { ...rest, score, matched };
}

/**
 * Screens a document holder (or any name) against the AML lists. The full name is matched;
 * when given first and last name differ from it (documents print them apart), both spellings
 * are tried and the better score kept.
 */
export async function screenPerson(deps: Pick<ServiceDeps, 'aml'>, input: ScreenPersonInput, opts: ScreenOptions): Promise<AmlRecord[]> {
  if (!deps.aml) throw new Error('AML screening is not configured');
  const index = await deps.aml.get();
  const entity = input.entity === 'person' ? 'person' : input.entity ? 'legalentity' : undefined;
  const base = {
    dob: normalizeDob(input.dob) ?? undefined,
    country: input.nationality,
    entity,
    databases: opts.databases,
    strict: opts.strict,
    threshold: opts.threshold ?? DEFAULT_THRESHOLD,
    limit: opts.limit,
  } as const;
  const names = [input.fullName, [input.firstName, input.lastName].filter(Boolean).join(' ')].map((n) => n.trim()).filter((n, i, all) => n && all.indexOf(n) === i);
  const best = new Map<number, { score: number; matched: MatchExplanation }>();
  for (const [i, name] of (names.length ? names : ['']).entries()) {
    for (const h of screenIndex(index, { ...base, name: name || undefined, documentNumber: i === 0 ? input.documentNumber : undefined })) {
      const prev = best.get(h.entity);
      if (!prev || prev.score < h.score) best.set(h.entity, h);
    }
  }
  return [...best.entries()]
    .sort((a, b) => b[1].score - a[1].score)
    .slice(0, opts.limit ?? 50)
    .map(([i, h]) => toAmlRecord(index.entities[i]!, h.score, h.matched));
}

/** `POST /aml`: a search by name and/or document number, narrowed as the caller asked. */
export async function searchAmlLists(deps: Pick<ServiceDeps, 'aml'>, p: { name?: string; documentnumber?: string; dob?: string; country?: string; entity?: 'person' | 'legalentity'; database?: string[]; strict: boolean; threshold: number }): Promise<{ items: AmlRecord[] }> {
  const items = await screenPerson(
    deps,
    { fullName: p.name ?? '', documentNumber: p.documentnumber, dob: p.dob, nationality: p.country?.toUpperCase(), entity: p.entity },
    { databases: p.database, strict: p.strict, threshold: p.threshold },
  );
  return { items };
}
