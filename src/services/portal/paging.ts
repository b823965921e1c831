/** Paging and date filters shared by every paged portal list (sessions, deliveries, audit log, review queue). */
export type PageInput = { page: number; pageSize: number };
export type Paged<T> = { total: number; page: number; pageSize: number; items: T[] };

/** LIMIT/OFFSET of a 1-based page. */
export const pageWindow = (p: PageInput): { limit: number; offset: number } => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });

export const paged = <T>(p: PageInput, total: number, items: T[]): Paged<T> => ({ total, page: p.page, pageSize: p.pageSize, items });

/**
 * A `from`/`to` day filter (YYYY-MM-DD, UTC) as a half-open range of epoch ms: `to` includes
 * its whole day. Anything else is no bound.
 */
export function dayRange(f: { from?: string; to?: string }): { from?: number; to?: number } {
  const day = (d: string | undefined) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) && Number.isFinite(Date.parse(`${d}T00:00:00Z`)) ? Date.parse(`${d}T00:00:00Z`) : undefined);
  const to = day(f.to);
  return { from: day(f.from), to: to === undefined ? undefined : to + 86_400_000 };
}

export const iso = (t: number | null | undefined): string | null => (t === null || t === undefined ? null : new Date(Number(t)).toISOString());
