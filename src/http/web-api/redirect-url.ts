/** `successredir`/`failredir` with `reference` and `customid` appended, the URL's own query kept. */
export function redirectWithReference(target: string, reference: string, customid: string | null | undefined): string {
  const u = new URL(target);
  u.searchParams.set('reference', reference);
  u.searchParams.set('customid', customid ?? '');
  return u.toString();
}
