import path from 'node:path';
import fs from 'node:fs';

/** Shared test data (CI has it; elsewhere the real-file tests skip with a message). */
export const SHARED = path.resolve(process.cwd(), '../shared/data');
export const sharedExists = fs.existsSync(SHARED);
if (!sharedExists) console.warn(`AML tests: ${SHARED} not found; real-list tests are skipped`);
export const shared = (p: string) => fs.readFileSync(path.join(SHARED, p));

/** OFAC's legacy CSV layout, written the way OFAC writes it (quoted, -0- for empty, CRLF, 0x1A). */
export function ofacCsvFixture(): { sdn: Buffer; alt: Buffer; add: Buffer } {
  const sdn = [
    '101,"IVANOV, Ivan Petrovich","individual","RUSSIA-EO14024","Director",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 14 Feb 1961; nationality Russia; Passport 7201234567 (Russia); alt. Passport AB123456 (Cyprus); a.k.a. \'VANYA\'; Gender Male."',
    '102,"ACME TRADING LLC",-0- ,"SDGT] [IFSR",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Registration Number 555001 (United Arab Emirates); Phone Number 97145550100."',
    '103,"AL-RASHID, Abdul Karim","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970 to 1972; POB Baghdad, Iraq; nationality Iraq."',
  ].join('\r\n') + '\r\n\x1a';
  const alt = ['101,1,"aka","IVANOFF, Jean",-0- ', '102,2,"fka","ACME GENERAL TRADING",-0- '].join('\r\n') + '\r\n';
  const add = ['102,1,"Office 5, Tower B","Dubai","United Arab Emirates",-0- '].join('\r\n') + '\r\n';
  return { sdn: Buffer.from(sdn, 'latin1'), alt: Buffer.from(alt, 'latin1'), add: Buffer.from(add, 'latin1') };
}
