const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 7 * 86_400, y: 365 * 86_400 };

/**
 * A retention duration such as `90d`, `12h`, `30s`, `6w`, `5y` (m = minutes) in seconds.
 * Returns undefined for anything else; `0` is refused (it would erase sessions as they finish:
 * that is verify-then-forget, a separate option).
 */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d{1,9})\s*([smhdwy])\s*$/i.exec(text);
  if (!m) return undefined;
  const seconds = Number(m[1]) * UNITS[m[2]!.toLowerCase()]!;
  return seconds > 0 ? seconds : undefined;
}

/** The shortest exact spelling of a duration in seconds (for printing a policy back). */
export function formatDuration(seconds: number): string {
  for (const u of ['y', 'w', 'd', 'h', 'm'] as const) if (seconds % UNITS[u]! === 0) return `${seconds / UNITS[u]!}${u}`;
  return `${seconds}s`;
}
