import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ofacCsvFixture } from '../../src/engines/aml/aml-fixtures.test-helper.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/idgate.mjs');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-aml-cli-'));
const env = { ...process.env, IDGATE_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' };
const idgate = (...args: string[]) => run(process.execPath, [BIN, ...args], { env });

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('idgate aml', () => {
  it('imports an OFAC CSV set with a progress bar and a summary, reports status, and searches', async () => {
    const f = ofacCsvFixture();
    const files = (['sdn', 'alt', 'add'] as const).map((k) => {
      const p = path.join(dataDir, `${k}.csv`);
      fs.writeFileSync(p, f[k]);
      return p;
    });
    const imp = await idgate('aml', 'import', ...files, '--database', 'us_ofac', '--snapshot-date', '2025-05-16');
    expect(imp.stdout).toMatch(/imported 3 entities into us_ofac \(2 persons, 1 legal entities\) from ofac-csv, snapshot 2025-05-16/);
    expect(imp.stderr).toMatch(/stored\s+\[#+\] 3\/3/);

    const status = await idgate('aml', 'status', '--max-age', '100000');
    expect(status.stdout).toMatch(/^DATABASE +ENTITIES +SNAPSHOT +AGE \(DAYS\) +IMPORTED +SOURCE$/m);
    expect(status.stdout).toMatch(/^us_ofac +3 +2025-05-16 +\d+ +/m);

    const hit = await idgate('aml', 'search', 'Ivan Ivanov');
    expect(hit.stdout).toMatch(/^SCORE +DATABASE +ENTITY +NAME +MATCHED +WHY$/m);
    expect(hit.stdout).toMatch(/^\d\.\d{3} +us_ofac +person +Ivan Petrovich IVANOV +name\b/m);
    const doc = await idgate('aml', 'search', 'nobody', '--document', '7201234567', '--json');
    expect(JSON.parse(doc.stdout).items[0]).toMatchObject({ fullname: ['Ivan Petrovich IVANOV'], score: 1, matched: { fields: ['documentnumber'] } });
    const none = await idgate('aml', 'search', 'Emma Johansson');
    expect(none.stdout.trim()).toBe('no match');
  }, 180_000);

  it('refuses an unknown database code', async () => {
    const p = path.join(dataDir, 'sdn.csv');
    await expect(idgate('aml', 'import', p, '--database', 'xx_list', '--partial')).rejects.toThrow(/Unknown AML database xx_list/);
  }, 120_000);
});
