import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_AML_DIR, BUNDLED_LISTS } from '../../services/aml/aml-index-holder.ts';
import { parseListFiles } from './parse-list-files.ts';
import { buildAmlIndex, type AmlIndex } from './aml-index.ts';
import { screenIndex } from './screen-index.ts';
import { emptyEntity, type AmlEntity } from './aml-entity.ts';
import { abjadParts, nameTokens, particleCore, skeleton, soundAlike, splitCompounds } from './normalize-name.ts';
import { abjadSimilarity } from './token-similarity.ts';
import { otherReadings } from './script-readings.ts';
import { COMMON_FIRST, COMMON_LAST, prng, variant } from './name-variants.ts';
import { toArabic, toCyrillic, toGreek } from './script-variants.ts';

const person = (id: string, ...names: string[]): AmlEntity => Object.assign(emptyEntity(id, 'test', 'person'), { fullname: [names[0]!], alias: names.slice(1) });
const abjadSim = (q: string, l: string) => abjadSimilarity(q, l, skeleton(q), skeleton(l));

describe('pieces of script matching', () => {
  it('reads joined Arabic particles by their core, both ways', () => {
    expect(particleCore('altikriti')).toBe('tikriti');
    expect(particleCore('arrahman')).toBe('rahman');
    expect(particleCore('abdulrahman')).toBe('rahman');
    expect(particleCore('abdullah')).toBe('allah');
    expect(particleCore('abdul')).toBe('abd');
    expect(particleCore('ali')).toBeNull();
    expect(splitCompounds(['hidayatullah', 'haqqani'])).toEqual(['hidayat', 'allah', 'haqqani']);
    expect(splitCompounds(['jalaluddin'])).toEqual(['jalal', 'din']);
    expect(splitCompounds(['camilla', 'isabella'])).toBeNull();
  });

  it('compares Arabic-script words by written consonants and long vowels', () => {
    expect(abjadParts('hussein').cons).toBe(abjadParts('hsin', true).cons);
    // حسين writes a long i: Hussein, not Hasan (same consonants).
    expect(abjadSim('hsin', 'hussein')).toBeGreaterThan(abjadSim('hsin', 'hasan'));
    expect(abjadSim('mruan', 'marwan')).toBeGreaterThanOrEqual(0.95);
    // غ is not ك: Ghassan, not Kazan.
    expect(abjadSim('ghsn', 'ghassan')).toBeGreaterThanOrEqual(0.95);
    expect(abjadSim('ghsn', 'kazan')).toBeLessThan(0.85);
  });

  it('gives Cyrillic and Greek words their other Latin readings', () => {
    expect(otherReadings('khaji', 'cyrillic')).toContain('haji');
    expect(otherReadings('gusseyn', 'cyrillic')).toContain('husseyn');
    expect(otherReadings('adonio', 'greek')).toContain('antonio');
    expect(otherReadings('uali', 'greek')).toContain('wali');
    expect(soundAlike('wladimir')).toBe(soundAlike('vladimir'));
    expect(soundAlike('poetin')).toBe(soundAlike('putin'));
  });
});

describe('script queries against a small list', () => {
  let ix: AmlIndex;
  beforeAll(() => {
    ix = buildAmlIndex([
      person('1', 'Saddam Hussein AL-TIKRITI'), person('2', 'Hasan AL-TIKRITI'), person('3', 'Hidayatullah HAQQANI'),
      person('4', 'Mohammad WALI'), person('5', 'Haji Muhammad ASHRAF'), person('6', 'Jose Antonio GOMEZ'),
      person('7', 'Faouzi Ben Mohamed Ben Ahmed JENDOUBI'), person('8', "Ahmad 'ABD-AL-WAHHAB"), person('9', 'Qusay Saddam Hussein AL-TIKRITI'),
    ]);
  });
  const top = (q: string) => screenIndex(ix, { name: q }).map((h) => ix.entities[h.entity]!.id);

  it('finds the listed person from Arabic, Cyrillic and Greek writing', () => {
    expect(top('صدام حسين التكريتي')[0]).toBe('1'); // the article joined, long vowels written, doubling not
    expect(top('هدايت الله حقاني')).toContain('3'); // Hidayatullah written as two words
    expect(top('فوزي بن محمد بن أحمد جندوبي')).toContain('7'); // بن = ben
    expect(top('أحمد عبد الوهاب')).toContain('8'); // و after the article starts the word
    expect(top('хаджи мухаммад ашраф')).toContain('5'); // хаджи reads haji, a title
    expect(top('Саддам Хусейн аль-Тикрити')[0]).toBe('1');
    expect(top('Μοχαμάντ Ουαλί')).toContain('4'); // ου before a vowel is w
    expect(top('Χοσέ Αντόνιο Γκόμεζ')).toContain('6'); // ντ is nt here, χ the Spanish j
  });

  it('does not flag common names written in those scripts', () => {
    for (const q of ['جون سميث', 'Джон Смит', 'Τζον Σμιθ', 'ماريا شميت', 'Мария Шмидт']) expect(top(q), q).toEqual([]);
  });
});

describe('generated script variants are written by convention, not by the matcher tables', () => {
  it('writes Russian, Greek and Arabic the way those languages transcribe foreign names', () => {
    const r = prng(1);
    expect(toCyrillic('Vladimir Putin', r)).toBe('владимир путин');
    expect(toGreek('Vladimir Putin', r).normalize('NFD').replace(/\p{M}/gu, '')).toMatch(/^βλαντ[ιη]μ[ιη]ρ πουτ[ιη]ν$/);
    expect(toArabic('Abdul Rahman', r)).toMatch(/^عبد ?الرحمن$/);
    expect(toArabic('Saddam Hussein AL-TIKRITI', r)).toContain('الت');
  });
});

describe('real original-script names of the bundled UN list', () => {
  it('find their entity through its Latin names alone (at least 70%), and common names in script find nothing (at most 2%)', () => {
    const entities = BUNDLED_LISTS.flatMap((l) => parseListFiles([{ name: l.name, data: fs.readFileSync(path.join(BUNDLED_AML_DIR, l.file)) }], l.database).entities);
    const LATIN = /^[\p{Script=Latin}\p{P}\p{S}\p{N}\s]+$/u;
    const latinOnly = entities.map((e) => ({ ...e, fullname: e.fullname.filter((n) => LATIN.test(n)), alias: e.alias.filter((n) => LATIN.test(n)) }));
    const ix = buildAmlIndex(latinOnly);
    const queries = entities.flatMap((e, i) => [...e.fullname, ...e.alias].filter((n) => /^[\p{Script=Arabic}\s]+$/u.test(n) && nameTokens(n).length >= 2).map((n) => ({ n, i })));
    expect(queries.length).toBeGreaterThan(300);
    const found = queries.filter(({ n, i }) => screenIndex(ix, { name: n }).some((h) => h.entity === i)).length;
    expect(found / queries.length).toBeGreaterThanOrEqual(0.7);
    const rnd = prng(11);
    const negatives = COMMON_FIRST.slice(0, 40).map((f, k) => `${f} ${COMMON_LAST[(k * 7) % COMMON_LAST.length]}`);
    let flagged = 0;
    for (const n of negatives) for (const kind of ['arabic', 'cyrillic', 'greek'] as const) if (screenIndex(ix, { name: variant(n, kind, rnd) }).length) flagged++;
    expect(flagged / (negatives.length * 3)).toBeLessThanOrEqual(0.02);
  }, 60_000);
});
