/** Step illustrations and result icons, inline SVG (no requests, recoloured by CSS). Decorative: hidden from screen readers. */
type P = { class?: string };
const svg = (children: preact.ComponentChildren, cls = 'idg-illus', box = '0 0 120 80') => (
  <svg class={cls} viewBox={box} aria-hidden="true" focusable="false">
    {children}
  </svg>
);

export const DocumentArt = ({ back }: { back?: boolean }) =>
  svg(
    <>
      <rect x="14" y="10" width="92" height="60" rx="7" fill="#e8eefc" stroke="#0b57d0" stroke-width="3" />
      {back ? (
        <>
          <rect x="24" y="22" width="72" height="12" rx="2" fill="#0b57d0" opacity=".25" />
          <path d="M24 46h72M24 54h72M24 62h50" stroke="#0b57d0" stroke-width="3" stroke-linecap="round" opacity=".7" />
        </>
      ) : (
        <>
          <circle cx="38" cy="34" r="9" fill="#0b57d0" opacity=".75" />
          <path d="M24 56c3-9 25-9 28 0" fill="#0b57d0" opacity=".75" />
          <path d="M62 28h32M62 38h26M62 48h30" stroke="#0b57d0" stroke-width="3" stroke-linecap="round" />
        </>
      )}
    </>,
  );

export const SelfieArt = () =>
  svg(
    <>
      <ellipse cx="60" cy="40" rx="24" ry="31" fill="none" stroke="#0b57d0" stroke-width="3" stroke-dasharray="6 5" />
      <circle cx="60" cy="33" r="10" fill="#0b57d0" opacity=".75" />
      <path d="M44 60c4-12 28-12 32 0" fill="#0b57d0" opacity=".75" />
    </>,
  );

export const PhoneArt = () =>
  svg(
    <>
      <rect x="44" y="6" width="32" height="68" rx="6" fill="#e8eefc" stroke="#0b57d0" stroke-width="3" />
      <path d="M55 66h10" stroke="#0b57d0" stroke-width="3" stroke-linecap="round" />
      <path d="M51 30l6 6 12-12" fill="none" stroke="#0b57d0" stroke-width="4" stroke-linecap="round" stroke-linejoin="round" />
    </>,
  );

export const ShieldArt = () =>
  svg(
    <>
      <path d="M60 6l30 11v20c0 19-13 32-30 38C43 69 30 56 30 37V17z" fill="#e8eefc" stroke="#0b57d0" stroke-width="3" />
      <path d="M47 39l9 9 18-18" fill="none" stroke="#0b57d0" stroke-width="5" stroke-linecap="round" stroke-linejoin="round" />
    </>,
  );

export const ResultIcon = ({ outcome }: { outcome: 'succeeded' | 'failed' | 'expired' | 'retry' } & P) => {
  const colour = outcome === 'succeeded' ? '#137333' : outcome === 'failed' ? '#b3261e' : outcome === 'retry' ? '#b06000' : '#5f6368';
  return svg(
    <>
      <circle cx="32" cy="32" r="29" fill={colour} />
      {outcome === 'succeeded' ? (
        <path d="M19 33l9 9 18-19" fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round" stroke-linejoin="round" />
      ) : outcome === 'failed' ? (
        <path d="M22 22l20 20M42 22L22 42" stroke="#fff" stroke-width="6" stroke-linecap="round" />
      ) : outcome === 'retry' ? (
        <>
          <path d="M32 16v20" stroke="#fff" stroke-width="6" stroke-linecap="round" />
          <circle cx="32" cy="46" r="3.5" fill="#fff" />
        </>
      ) : (
        <path d="M32 16v17l10 7" fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round" stroke-linejoin="round" />
      )}
    </>,
    'idg-result-icon',
    '0 0 64 64',
  );
};
