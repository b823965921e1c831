/**
 * Turns raw OCR text into candidate MRZ line sets of one ICAO length: keeps long lines that
 * look like MRZ, then fixes lengths off by a character or two (lost or doubled fillers).
 */
const LENGTHS = [30, 36, 44] as const;

function fitLength(line: string, target: number): string {
  if (line.length === target) return line;
  if (line.length > target) {
    const trimmed = line.replace(/<+$/, (m) => m.slice(0, Math.max(0, m.length - (line.length - target))));
    return trimmed.length === target ? trimmed : trimmed.slice(0, target);
  }
  // Missing characters are almost always fillers lost inside the longest `<` run.
  const missing = target - line.length;
  const runs = [...line.matchAll(/<{2,}/g)];
  if (!runs.length) return line + '<'.repeat(missing);
  const longest = runs.reduce((a, b) => (b[0].length > a[0].length ? b : a));
  const at = longest.index! + longest[0].length;
  return line.slice(0, at) + '<'.repeat(missing) + line.slice(at);
}

export function mrzLineSets(text: string): Array<{ fitted: string[]; raw: string[] }> {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/[^A-Z0-9<]/g, ''))
    .filter((l) => l.length >= 26);
  const sets: Array<{ fitted: string[]; raw: string[] }> = [];
  for (const target of LENGTHS) {
    const near = lines.filter((l) => Math.abs(l.length - target) <= 3 && (l.includes('<') || /\d{6}/.test(l)));
    const n = target === 30 ? 3 : 2;
    for (let i = 0; i + n <= near.length; i++) {
      const raw = near.slice(i, i + n);
      sets.push({ raw, fitted: raw.map((l) => fitLength(l, target)) });
    }
  }
  return sets;
}
