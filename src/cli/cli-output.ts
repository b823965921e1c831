import type { ServiceDeps } from '../services/deps.ts';

/**
 * Output shared by the commands: a table with a header row for people, or `--json` for scripts.
 * Exit codes (documented in README): 0 success, 1 error, 2 bad configuration or usage,
 * 3 the command ran but the check it performs failed (e.g. a face compare that finds no match).
 */
export const EXIT = { ok: 0, error: 1, usage: 2, checkFailed: 3 } as const;

export type Cell = string | number | boolean | null | undefined;

export function formatTable(headers: string[], rows: Cell[][]): string {
  const text = rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return `${[line(headers.map((h) => h.toUpperCase())), ...text.map(line)].join('\n')}\n`;
}

/** Prints rows as a table, or the objects as a JSON array with `--json`. */
export function printRows<T extends Record<string, unknown>>(opts: { json?: boolean }, columns: Array<[header: string, pick: (row: T) => Cell]>, rows: T[]): void {
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  process.stdout.write(formatTable(columns.map(([h]) => h), rows.map((r) => columns.map(([, pick]) => pick(r)))));
}

/** Prints one record as `key  value` lines, or JSON with `--json`. */
export function printRecord(opts: { json?: boolean }, record: Record<string, unknown>): void {
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
    return;
  }
  const width = Math.max(...Object.keys(record).map((k) => k.length));
  for (const [k, v] of Object.entries(record)) {
    const text = v === null || v === undefined ? '-' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    process.stdout.write(`${k.padEnd(width)}  ${text}\n`);
  }
}

export const isoTime = (t: number | null | undefined): string | null => (t === null || t === undefined ? null : new Date(t).toISOString());

/** The account commands act on when `--account` is not given: the first one created (the first key's). */
export async function defaultAccountId(deps: Pick<ServiceDeps, 'accounts'>, given?: string): Promise<string> {
  if (given) return given;
  const first = (await deps.accounts.findKeys())[0];
  if (!first) throw new Error('no account yet: start the server once (it creates the first key) or run `idgate apikey create --name NAME --new-account`');
  return first.account_id;
}

/** Progress for long work, on stderr and only for a person at a terminal (stdout stays parseable). */
export function progress(label: string): { update: (done: number, total?: number) => void; end: () => void } {
  const tty = Boolean(process.stderr.isTTY);
  let last = 0;
  return {
    update(done, total) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100 && done !== total) return;
      last = now;
      process.stderr.write(`\r${label}: ${done}${total ? `/${total} (${Math.round((done / total) * 100)}%)` : ''}   `);
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}

/**
 * A nested result as flat `a.b.c` labels for `label  value` lines (arrays of scalars joined);
 * keys in `skip` (bulky raw measurements) are left out, and stay in the `--json` output.
 */
export function flattenRecord(value: Record<string, unknown>, skip: string[] = [], prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (skip.includes(k)) continue;
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flattenRecord(v as Record<string, unknown>, skip, key));
    else if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) out[key] = v.join(', ');
    else out[key] = v;
  }
  return out;
}
