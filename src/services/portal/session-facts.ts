import countries from 'i18n-iso-countries';
import type { PortalSessionFactsTable } from '../../database/repositories/portal-settings-repository.ts';
import type { StoredVerification } from '../verification/verification-payload.ts';
import type { PortalDeps } from './portal-deps.ts';

/** Document country (ISO 3166-1 alpha-2), type (P/D/I), AML hit and near-threshold of one stored result. */
export function factsOf(stored: StoredVerification | null): Pick<PortalSessionFactsTable, 'document_country' | 'document_type' | 'aml' | 'near'> {
  if (!stored) return { document_country: null, document_type: null, aml: 0, near: 0 };
  const data = stored.evidence.reading?.data ?? {};
  const iso2 = data.issuerOrg_iso2 ?? (data.issuerOrg_iso3 ? countries.alpha3ToAlpha2(data.issuerOrg_iso3) : undefined);
  const e = stored.evidence;
  const face = e.face?.kind === 'photo' ? e.face.comparison : e.face?.video.comparison;
  // Within 0.05 of the face threshold, or an authenticity score within 0.1 of passing.
  const nearFace = !!face && Number.isFinite(face.confidence) && Math.abs(face.confidence - face.threshold) < 0.05;
  const auth = e.authentication && 'score' in e.authentication ? e.authentication : null;
  const nearAuth = !!auth && !stored.decision.passed && stored.decision.result.authentication === false && auth.score >= 0.4;
  return {
    document_country: iso2 && /^[A-Z]{2}$/i.test(iso2) ? iso2.toUpperCase() : null,
    document_type: data.documentType ? String(data.documentType).slice(0, 8).toUpperCase() : null,
    aml: e.aml.length > 0 ? 1 : 0,
    near: nearFace || nearAuth ? 1 : 0,
  };
}

const running = new Map<string, Promise<void>>();

/**
 * Brings the account's per-session facts up to date: every finished session whose facts are
 * missing or older than the session row gets them from its latest stored result (read once).
 * Runs before the session list and the review queue, so both filter and page in SQL; after the
 * first call only the sessions finished since are read. One run per account at a time.
 */
export async function refreshSessionFacts(deps: PortalDeps, accountId: string): Promise<void> {
  const busy = running.get(accountId);
  if (busy) return busy;
  const run = (async () => {
    const repo = deps.portal.settings;
    for (let round = 0; round < 1000; round++) {
      const stale = await repo.findStaleFacts(accountId, 200);
      if (!stale.length) break;
      const rows: PortalSessionFactsTable[] = [];
      const keys = await repo.latestResultKeys(stale.map((s) => s.reference));
      for (const s of stale) {
        const key = keys.get(s.reference);
        let stored: StoredVerification | null = null;
        if (key) stored = await deps.files.get(key).then((b) => JSON.parse(b.toString('utf8')) as StoredVerification, () => null);
        rows.push({ reference: s.reference, account_id: accountId, session_updated_at: Number(s.updated_at), ...factsOf(stored) });
      }
      await repo.upsertFacts(rows);
    }
    await repo.clearErasedFacts(accountId);
  })().finally(() => running.delete(accountId));
  running.set(accountId, run);
  return run;
}
