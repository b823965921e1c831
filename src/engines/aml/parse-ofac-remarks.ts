import { countryCode } from './country-code.ts';
import type { AmlDocumentNumber } from './aml-entity.ts';

export type OfacRemarks = {
  dob: string[];
  nationality: string[];
  documents: AmlDocumentNumber[];
  aliases: string[];
  notes: string[];
};

const MONTHS: Record<string, string> = { jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12' };

/** "07 Oct 1952", "Oct 1952", "1952", "circa 1955", "1955 to 1957" → ISO prefixes. */
export function ofacDates(text: string): string[] {
  const out: string[] = [];
  const t = text.replace(/^circa\s+/i, '');
  let m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})/.exec(t);
  if (m && MONTHS[m[2]!.toLowerCase()]) return [`${m[3]}-${MONTHS[m[2]!.toLowerCase()]}-${m[1]!.padStart(2, '0')}`];
  m = /^([A-Za-z]{3})[a-z]* (\d{4})/.exec(t);
  if (m && MONTHS[m[1]!.toLowerCase()]) return [`${m[2]}-${MONTHS[m[1]!.toLowerCase()]}`];
  m = /^(\d{4})(?:\s*to\s*(\d{4}))?/.exec(t);
  if (m) {
    const from = Number(m[1]);
    const to = m[2] ? Math.min(Number(m[2]), from + 10) : from;
    for (let y = from; y <= to; y++) out.push(String(y));
  }
  return out;
}

// "TYPE VALUE (Country)": the value is the first word with a digit. Phrases that only look like
// identifiers (phones, wallets, dates, legal references) are excluded by their type.
const IDENTIFIER = /^(?:alt\.\s+)?([A-Za-z][^()\d]*?(?:\([A-Z]+\))?)\s+([A-Za-z0-9][\w.\-/]*\d[\w.\-/]*)\s*(?:\(([^)]+)\))?/;
const NOT_A_DOCUMENT = /^(?:DOB|POB|Organization Established|Secondary sanctions|Transactions Prohibited|Executive Order|Aircraft (?:Model|Manufacture|Operator)|Digital Currency|Phone|Telephone|Fax|Email|Website|Listing Date|Effective Date|CAATSA|Linked To|Gender|Vessel Year|Year of Build|Target Type|Organization Type|Additional Sanctions|Nationality of Registration|Former Vessel Flag|Other Vessel)/i;

/**
 * OFAC packs structured facts into the Remarks column as "; "-separated phrases:
 * `DOB 07 Oct 1952; POB Leningrad, Russia; nationality Russia; Passport 123 (Egypt); a.k.a. 'X'`.
 */
export function parseOfacRemarks(remarks: string | null): OfacRemarks {
  const r: OfacRemarks = { dob: [], nationality: [], documents: [], aliases: [], notes: [] };
  if (!remarks) return r;
  for (const raw of remarks.replace(/\.$/, '').split(/;\s+/)) {
    const part = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^(?:alt\.\s+)?DOB\s+(.+)$/i.exec(part))) {
      for (const d of ofacDates(m[1]!)) if (!r.dob.includes(d)) r.dob.push(d);
    } else if ((m = /^(?:alt\.\s+)?(?:nationality|citizen)\s+(.+)$/i.exec(part))) {
      const c = countryCode(m[1]!);
      if (c && !r.nationality.includes(c)) r.nationality.push(c);
    } else if ((m = /^(?:[afn]\.k\.a\.?)\s*,?\s*['"‘“]?(.+?)['"’”]?$/i.exec(part))) {
      r.aliases.push(m[1]!);
    } else if (!NOT_A_DOCUMENT.test(part) && (m = IDENTIFIER.exec(part))) {
      const id = m[2]!.replace(/[.,]+$/, '');
      r.documents.push({ id, id_formatted: id, country: m[3] ? (countryCode(m[3])?.toLowerCase() ?? null) : null, type: m[1]!.trim() });
    } else if (/^(?:Linked To|Additional Sanctions Information|Secondary sanctions risk|Executive Order|Organization Type)/i.test(part)) {
      r.notes.push(part);
    }
  }
  return r;
}
