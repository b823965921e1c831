/**
 * `successredir` / `failredir`: appends `reference` and `customid` as the reference shows
 * (`…/success.php?reference=XXXXXXXX&customid=XXXXXXXX`). The existing query is kept (an existing
 * `reference`/`customid` parameter is replaced, so the business cannot be sent a stale value),
 * values are percent-encoded, and a `#fragment` stays at the end where browsers expect it.
 * Without a customid only the reference is added.
 */
export function appendReferenceToUrl(url: string, reference: string, customid?: string | null): string {
  const hashAt = url.indexOf('#');
  const fragment = hashAt >= 0 ? url.slice(hashAt) : '';
  const beforeFragment = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = beforeFragment.indexOf('?');
  const base = queryAt >= 0 ? beforeFragment.slice(0, queryAt) : beforeFragment;
  const query = queryAt >= 0 ? beforeFragment.slice(queryAt + 1) : '';
  // Existing parameters are kept byte for byte (re-encoding them could change their meaning).
  const kept = query.split('&').filter((pair) => {
    if (pair === '') return false;
    const name = safeDecode(pair.split('=')[0]);
    return name !== 'reference' && name !== 'customid';
  });
  kept.push(`reference=${encodeURIComponent(reference)}`);
  if (customid !== undefined && customid !== null && customid !== '') kept.push(`customid=${encodeURIComponent(customid)}`);
  return `${base}?${kept.join('&')}${fragment}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
