import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_AML_DIR, BUNDLED_LISTS } from '../../services/aml/aml-index-holder.ts';
import { parseListFiles } from './parse-list-files.ts';
import { buildAmlIndex, type AmlIndex } from './aml-index.ts';
import { screenIndex, type ScreenQuery } from './screen-index.ts';
import { emptyEntity } from './aml-entity.ts';
import { nameTokens, normalizeName, skeleton } from './normalize-name.ts';
import { prng, variant } from './name-variants.ts';
import { SHARED, sharedExists } from './aml-fixtures.test-helper.ts';

// The bundled snapshots (OFAC SDN 2024-05-03 + UN 2026-02-27) ship with the repo: always available.
let ix: AmlIndex;
const idOf = (h: { entity: number }) => ix.entities[h.entity]!.id;
const find = (q: ScreenQuery) => screenIndex(ix, q).map(idOf);
const PUTIN = '35096';

beforeAll(() => {
  const entities = BUNDLED_LISTS.flatMap((l) => parseListFiles([{ name: l.name, data: fs.readFileSync(path.join(BUNDLED_AML_DIR, l.file)) }], l.database).entities);
  ix = buildAmlIndex(entities);
}, 60_000);

describe('normalisation', () => {
  it('folds case, accents, punctuation, titles and scripts to Latin words', () => {
    expect(nameTokens('Präsident  PÚTIN, Vladímir')).toEqual(['putin', 'vladimir']);
    expect(normalizeName('Владимир Путин')).toBe('vladimir putin');
    expect(normalizeName('Βλαντίμιρ Πούτιν')).toBe('vladimir putin');
    expect(normalizeName('فلاديمير بوتين')).toBe('fladimir butin');
    expect(normalizeName('BANCO S.A.')).toBe('banco sa');
  });

  it('gives transliterations of one name one consonant skeleton', () => {
    for (const v of ['putin', 'poutine', 'poetin', 'putyin', 'butin']) expect(skeleton(v)).toBe('btn');
    for (const v of ['mohamed', 'muhammad', 'mohammed', 'mhmd']) expect(skeleton(v)).toBe('mmt');
    expect(skeleton('potanin')).not.toBe(skeleton('putin'));
  });
});

describe('screening the bundled lists', () => {
  it('finds a listed person under swapped order, dropped middle names, typos, case and punctuation', () => {
    for (const q of ['Vladimir Vladimirovich Putin', 'PUTIN, Vladimir Vladimirovich', 'Vladimir Putin', 'putin vladimir', 'Vladimr Putn', 'Vladimir V. Putin', 'V. V. Putin']) {
      expect(find({ name: q }), q).toContain(PUTIN);
    }
  });

  it('finds a listed person written in Cyrillic, Greek and Arabic', () => {
    for (const q of ['Владимир Владимирович Путин', 'Путин Владимир', 'Βλαντίμιρ Πούτιν', 'فلاديمير بوتين', 'Wladimir Putin', 'Vladimir Poutine']) {
      expect(find({ name: q }), q).toContain(PUTIN);
    }
  });

  it('explains each hit: score, listed name and token pairs', () => {
    const [hit] = screenIndex(ix, { name: 'Wladimir Putin' });
    expect(idOf(hit!)).toBe(PUTIN);
    expect(hit!.score).toBeGreaterThan(0.85);
    expect(hit!.score).toBeLessThan(1);
    expect(hit!.matched.fields).toEqual(['name']);
    expect(hit!.matched.name).toBe('Vladimir Vladimirovich PUTIN');
    expect(hit!.matched.tokens).toEqual(expect.arrayContaining([{ query: 'putin', listed: 'putin', similarity: 1 }, expect.objectContaining({ query: 'wladimir', listed: 'vladimir' })]));
  });

  it('matches aliases of organisations and UN entities', () => {
    expect(find({ name: 'Allied Democratic Forces' })).toContain('6908402');
    expect(find({ name: 'ADF' })).toContain('6908402');
  });

  it('matches document numbers exactly after normalisation, not approximately', () => {
    expect(find({ documentNumber: 'T321642' })).toEqual(['4107']);
    expect(find({ documentNumber: 't 321-642' })).toEqual(['4107']);
    expect(find({ documentNumber: 'T321643' })).toEqual([]);
    const [hit] = screenIndex(ix, { name: 'Gilberto Rodriguez Orejuela', documentNumber: 'T321642' });
    expect(hit).toMatchObject({ score: 1, matched: { fields: ['documentnumber', 'name'] } });
  });

  it('uses birth date and nationality: agreement is reported, disagreement lowers the score', () => {
    const [agree] = screenIndex(ix, { name: 'Vladimir Putin', dob: '1952', country: 'ru' });
    expect(agree!.matched).toMatchObject({ fields: ['name', 'dob', 'nationality'], dob: 'match', nationality: 'match' });
    const [plain] = screenIndex(ix, { name: 'Vladimir Putin' });
    const other = screenIndex(ix, { name: 'Vladimir Putin', dob: '1980-01-01', threshold: 0.5 }).find((h) => idOf(h) === PUTIN)!;
    expect(other.matched.dob).toBe('mismatch');
    expect(other.score).toBeLessThan(plain!.score);
  });

  it('strict mode returns only entities whose nationality and birth date both agree', () => {
    expect(find({ name: 'Vladimir Putin', strict: true, dob: '1952-10-07', country: 'RU' })).toEqual([PUTIN]);
    expect(find({ name: 'Vladimir Putin', strict: true, dob: '1952-10-08', country: 'RU' })).toEqual([]);
    expect(find({ name: 'Vladimir Putin', strict: true, dob: '1952-10-07', country: 'UA' })).toEqual([]);
    expect(find({ name: 'Vladimir Putin', strict: true })).toEqual([]);
  });

  it('filters by database and entity type', () => {
    expect(find({ name: 'Vladimir Putin', databases: ['us_ofac'] })).toContain(PUTIN);
    expect(find({ name: 'Vladimir Putin', databases: ['un_sc'] })).toEqual([]);
    expect(find({ name: 'Vladimir Putin', databases: ['eu_fsf'] })).toEqual([]);
    expect(find({ name: 'Vladimir Putin', entity: 'legalentity' })).toEqual([]);
    expect(find({ name: 'Allied Democratic Forces', entity: 'person' })).toEqual([]);
    expect(screenIndex(ix, { name: 'Allied Democratic Forces', databases: ['un_sc'] }).every((h) => ix.entities[h.entity]!.database === 'un_sc')).toBe(true);
  });

  it('has a configurable threshold', () => {
    const low = screenIndex(ix, { name: 'Vladimir Poutine', threshold: 0.5 });
    const high = screenIndex(ix, { name: 'Vladimir Poutine', threshold: 0.99 });
    expect(low.length).toBeGreaterThan(high.length);
    expect(high.every((h) => h.score >= 0.99)).toBe(true);
  });

  it('does not flag common names that no list holds', () => {
    for (const q of ['John Smith', 'Maria Schmidt', 'Emma Johansson', 'Lukas Becker', 'Priya Sharma', 'Hiroshi Tanaka', 'Olga Nowak', 'Kwame Mensah']) {
      expect(find({ name: q }), q).toEqual([]);
    }
  });

  it('finds at least 95% of generated typo, swap and dropped-middle variants of 120 listed persons', () => {
    const rnd = prng(3);
    const persons = ix.entities.map((e, i) => ({ e, i })).filter(({ e }) => e.entity === 'person' && nameTokens(e.fullname[0]!).filter((t) => t.length > 1).length >= 2);
    let found = 0;
    let total = 0;
    for (let k = 0; k < 120; k++) {
      const { e, i } = persons[Math.floor(rnd() * persons.length)]!;
      for (const kind of ['typo', 'swap', 'drop-middle'] as const) {
        total++;
        if (screenIndex(ix, { name: variant(e.fullname[0]!, kind, rnd) }).some((h) => h.entity === i)) found++;
      }
    }
    expect(found / total).toBeGreaterThanOrEqual(0.95);
  });
});

describe.skipIf(!sharedExists)('shared name-matching fixtures', () => {
  const inScope = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\s.,'-]+$/u;

  it('putin_names.txt: Latin, Cyrillic, Greek and Arabic spellings resolve to the listed person (known gaps named)', () => {
    const lines = fs.readFileSync(path.join(SHARED, 'name-matching/putin_names.txt'), 'utf8').split('\n').filter(Boolean).filter((l) => inScope.test(l));
    const missed = lines.filter((l) => !find({ name: l }).includes(PUTIN));
    // Known gaps: Belarusian Уладзімір (Пуцін) and the Hungarian Vlagyimir Vlagyimirovics.
    expect(missed.length).toBeLessThanOrEqual(3);
    expect(lines.length - missed.length).toBeGreaterThanOrEqual(56);
  });

  it('cross_script_pairs.csv: Cyrillic, Greek and Arabic queries find their Latin form among all pairs', () => {
    const pairs = fs.readFileSync(path.join(SHARED, 'name-matching/cross_script_pairs.csv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(','));
    const small = buildAmlIndex(pairs.map(([, latin], i) => Object.assign(emptyEntity(String(i), 'test', 'person'), { fullname: [latin!] })));
    const inScopePairs = pairs.filter(([q]) => inScope.test(q!));
    const ok = inScopePairs.filter(([q, latin]) => small.entities[screenIndex(small, { name: q! })[0]?.entity ?? -1]?.fullname[0] === latin);
    // Including أحمد حسن (vowel-less, two consonants) and عبد الله (Abdullah written as one word).
    expect(ok.length).toBe(inScopePairs.length);
  });
});
