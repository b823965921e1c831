/** What idgate itself knows when a contract is produced; turned into system placeholder values. */
export type ContractSystem = {
  /** Epoch ms of generation or signing (passed in: the engine never reads the clock). */
  now: number;
  reference?: string;
  customid?: string;
  companyName?: string;
  signerIp?: string;
  signerName?: string;
  userAgent?: string;
  templateId?: string;
  templateVersion?: number;
};

/** Dates are UTC so the same inputs give the same document wherever the server runs. */
export function systemFieldValues(s: ContractSystem): Record<string, string | undefined> {
  const iso = new Date(s.now).toISOString();
  return {
    date: iso.slice(0, 10),
    time: `${iso.slice(11, 19)} UTC`,
    datetime: `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`,
    timestamp: String(Math.floor(s.now / 1000)),
    signature_date: s.signerName || s.signerIp ? iso.slice(0, 10) : undefined,
    reference: s.reference,
    customid: s.customid,
    companyname: s.companyName,
    company_name: s.companyName,
    ip: s.signerIp,
    signer_ip: s.signerIp,
    signer_name: s.signerName,
    user_agent: s.userAgent,
    template_id: s.templateId,
    template_version: s.templateVersion === undefined ? undefined : String(s.templateVersion),
  };
}
