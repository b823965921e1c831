/** Small hand-written SVG charts (no chart library): stacked bars, horizontal bars, a funnel. */

export type Series = { key: string; label: string; color: string };

export function StackedBars(p: { rows: Array<Record<string, number | string>>; series: Series[]; labelKey: string; title: string }) {
  const w = 1000;
  const h = 170;
  const pad = 28;
  const max = Math.max(1, ...p.rows.map((r) => p.series.reduce((s, x) => s + Number(r[x.key] ?? 0), 0)));
  const bw = (w - pad) / Math.max(1, p.rows.length);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${w} ${h + 20}`} role="img" aria-label={p.title} class="bars">
        <line x1={pad} y1={h} x2={w} y2={h} class="axis" />
        <text x={0} y={12} class="tick">
          {max}
        </text>
        <text x={0} y={h} class="tick">
          0
        </text>
        {p.rows.map((r, i) => {
          let y = h;
          return (
            <g>
              {p.series.map((s) => {
                const v = Number(r[s.key] ?? 0);
                const bh = (v / max) * (h - 8);
                y -= bh;
                return v ? (
                  <rect x={pad + i * bw + 1} y={y} width={Math.max(1, bw - 2)} height={bh} fill={s.color}>
                    <title>{`${r[p.labelKey]}: ${s.label} ${v}`}</title>
                  </rect>
                ) : null;
              })}
              {i % 7 === 0 && (
                <text x={pad + i * bw} y={h + 14} class="tick">
                  {String(r[p.labelKey]).slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption class="legend">
        {p.series.map((s) => (
          <span>
            <i style={{ background: s.color }} />
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export function HBars(p: { items: Array<{ label: string; value: number }>; title: string; color?: string }) {
  const max = Math.max(1, ...p.items.map((i) => i.value));
  const rowH = 22;
  const w = 420;
  return (
    <svg viewBox={`0 0 ${w} ${Math.max(1, p.items.length) * rowH}`} role="img" aria-label={p.title} class="chart">
      {p.items.map((it, i) => (
        <g>
          <text x={0} y={i * rowH + 15} class="tick">
            {it.label}
          </text>
          <rect x={170} y={i * rowH + 4} width={((w - 210) * it.value) / max} height={rowH - 8} fill={p.color ?? '#b42318'} />
          <text x={175 + ((w - 210) * it.value) / max} y={i * rowH + 15} class="tick">
            {it.value}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function Funnel(p: { steps: Array<{ label: string; value: number }>; title: string }) {
  const max = Math.max(1, p.steps[0]?.value ?? 1);
  const w = 420;
  const rowH = 30;
  return (
    <svg viewBox={`0 0 ${w} ${p.steps.length * rowH}`} role="img" aria-label={p.title} class="chart">
      {p.steps.map((s, i) => {
        const bw = ((w - 120) * s.value) / max;
        return (
          <g>
            <rect x={120 + (w - 120 - bw) / 2} y={i * rowH + 3} width={Math.max(bw, 1)} height={rowH - 6} fill="#1d4ed8" opacity={1 - i * 0.15} />
            <text x={0} y={i * rowH + 19} class="tick">
              {`${s.label}: ${s.value}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
