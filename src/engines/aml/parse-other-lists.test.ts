import { beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { parseListFiles } from './parse-list-files.ts';
import { shared, sharedExists } from './aml-fixtures.test-helper.ts';

const file = (name: string, text: string) => ({ name, data: Buffer.from(text, 'utf8') });

describe.skipIf(!sharedExists)('UN consolidated XML (real file)', () => {
  // Read in beforeAll: a skipped suite's body still runs to collect its tests, and the file is absent then.
  let r: ReturnType<typeof parseListFiles>;
  beforeAll(() => {
    r = parseListFiles([{ name: 'UN_consolidated.xml', data: shared('sanctions-un-consolidated/UN_consolidated.xml') }]);
  });

  it('reads every individual and entity with the list date', () => {
    expect(r.format).toBe('un-xml');
    expect(r.snapshotDate).toBe('2026-02-27T00:00:09.554Z');
    expect(r.entities.filter((e) => e.entity === 'person')).toHaveLength(730);
    expect(r.entities.filter((e) => e.entity === 'legalentity')).toHaveLength(273);
    expect(r.entities.every((e) => e.database === 'un_sc' && e.fullname.length === 1)).toBe(true);
  });

  it('maps aliases, nationality, birth dates, documents and listing time', () => {
    const p = r.entities.find((e) => e.id === '6907994')!;
    expect(p).toMatchObject({ fullname: ['FRANK KAKOLELE BWAMBALE'], nationality: ['CD'], time: '2005-11-01T00:00:00.000Z' });
    expect(p.alias).toContain('FRANK KAKORERE BWAMBALE');
    expect(r.entities.filter((e) => e.documentnumber.length).length).toBeGreaterThan(200);
    expect(r.entities.filter((e) => e.dob.length).length).toBeGreaterThan(600);
  });
});

describe('UN consolidated XML (generated, gzip)', () => {
  it('reads a gzip-compressed minimal list', () => {
    const xml = `<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2025-01-02T00:00:00Z"><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>JOHN</FIRST_NAME><SECOND_NAME>DOE</SECOND_NAME><UN_LIST_TYPE>Test</UN_LIST_TYPE><LISTED_ON>2020-01-01</LISTED_ON><NATIONALITY><VALUE>Iraq</VALUE></NATIONALITY><INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1960</FROM_YEAR><TO_YEAR>1962</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH><INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>A 123456</NUMBER><ISSUING_COUNTRY>Iraq</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT></INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`;
    const r = parseListFiles([{ name: 'consolidated.xml.gz', data: gzipSync(xml) }]);
    expect(r.entities).toHaveLength(1);
    expect(r.entities[0]).toMatchObject({ fullname: ['JOHN DOE'], dob: ['1960', '1961', '1962'], nationality: ['IQ'], documentnumber: [{ id: 'A 123456', country: 'iq', type: 'Passport' }] });
  });
});

// Built from the EU's published XML 1.1 schema (xmlFullSanctionsList_1_1); no real EU file was available.
const EU_XML = `<?xml version="1.0" encoding="UTF-8"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2024-05-31T17:59:32.512+02:00" globalFileId="150000">
  <sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.27.28" logicalId="13">
    <regulation regulationType="regulation" organisationType="council" publicationDate="2003-07-08" entryIntoForceDate="2003-07-07" numberTitle="1210/2003 (OJ L169)" programme="IRQ" logicalId="1"><publicationUrl>http://eur-lex.europa.eu/x</publicationUrl></regulation>
    <subjectType code="person" classificationCode="P"/>
    <nameAlias firstName="Saddam" middleName="" lastName="Hussein Al-Tikriti" wholeName="Saddam Hussein Al-Tikriti" function="" gender="M" title="" nameLanguage="" strong="true" regulationLanguage="en" logicalId="17"/>
    <nameAlias firstName="" middleName="" lastName="" wholeName="Abu Ali" function="" gender="M" title="" nameLanguage="" strong="false" regulationLanguage="en" logicalId="18"/>
    <citizenship region="" countryIso2Code="IQ" countryDescription="IRAQ" regulationLanguage="en" logicalId="1"/>
    <birthdate circa="false" calendarType="GREGORIAN" city="al-Awja" zipCode="" birthdate="1937-04-28" dayOfMonth="28" monthOfYear="4" year="1937" region="" place="" countryIso2Code="IQ" countryDescription="IRAQ" regulationLanguage="en" logicalId="1"/>
    <identification diplomatic="false" knownExpired="false" knownFalse="false" reportedLost="false" revokedByIssuer="false" issuedBy="" latinNumber="" nameOnDocument="" number="N-123456" region="" countryIso2Code="IQ" countryDescription="IRAQ" identificationTypeCode="passport" identificationTypeDescription="National passport" regulationLanguage="en" logicalId="1"/>
    <address city="Baghdad" street="" poBox="" zipCode="" region="" place="" asAtListingTime="false" countryIso2Code="IQ" countryDescription="IRAQ" regulationLanguage="en" logicalId="1"/>
  </sanctionEntity>
  <sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.1.2" logicalId="99">
    <regulation regulationType="amendment" organisationType="council" publicationDate="2022-03-01" programme="UKR" logicalId="2"/>
    <subjectType code="enterprise" classificationCode="E"/>
    <nameAlias firstName="" middleName="" lastName="" wholeName="Example Bank PJSC" strong="true" logicalId="20"/>
    <birthdate year="" logicalId="2"/>
  </sanctionEntity>
</export>`;

describe('EU financial sanctions XML (schema fixture)', () => {
  const r = parseListFiles([file('eu.xml', EU_XML)]);
  it('reads persons and enterprises from attributes', () => {
    expect(r.format).toBe('eu-xml');
    expect(r.snapshotDate).toBe('2024-05-31T17:59:32.512+02:00');
    expect(r.entities).toHaveLength(2);
    expect(r.entities[0]).toMatchObject({
      id: '13', entity: 'person', database: 'eu_fsf', fullname: ['Saddam Hussein Al-Tikriti'], firstname: ['Saddam'], lastname: ['Hussein Al-Tikriti'],
      alias: ['Saddam Hussein Al-Tikriti', 'Abu Ali'], dob: ['1937-04-28'], nationality: ['IQ'], address: ['Baghdad, IRAQ'],
      documentnumber: [{ id: 'N-123456', id_formatted: 'N-123456', country: 'iq', type: 'passport' }], time: '2003-07-08T00:00:00.000Z',
    });
    expect(r.entities[0]!.program).toEqual(['EU Financial Sanctions', 'IRQ']);
    expect(r.entities[1]).toMatchObject({ entity: 'legalentity', fullname: ['Example Bank PJSC'], dob: [] });
  });
});

// Built from OFSI's published ConList.csv layout; no real UK file was available.
const UK_CSV = [
  'Last Updated,28/05/2024',
  'Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,Non-Latin Script Type,Non-Latin Script Language,DOB,Town of Birth,Country of Birth,Nationality,Passport Number,Passport Details,National Identification Number,National Identification Details,Position,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Alias Quality,Regime,Listed On,UK Sanctions List Date Designated,Last Updated,Group ID',
  'PETROV,Sergei,Ivanovich,,,,,Сергей Петров,Cyrillic,Russian,00/00/1965,Moscow,Russia,Russia,751234567,,,,Deputy Minister,,,,,,,,,,Individual,Primary name,,Russia,15/03/2022,15/03/2022,16/03/2022,15001',
  'PETROFF,Serge,,,,,,,,,00/00/1965,,,Russia,751234567,,,,,,,,,,,,,,Individual,AKA,Good quality,Russia,15/03/2022,15/03/2022,16/03/2022,15001',
  '"SHIPPING CO, LTD",,,,,,,,,,,,,,,,,,,"1 Port Road",,,,,,,"Syria",,Entity,Primary name,,Syria,09/05/2011,,01/01/2020,12002',
].join('\n');

describe('UK OFSI consolidated list CSV (layout fixture)', () => {
  const r = parseListFiles([file('ConList.csv', UK_CSV)]);
  it('groups alias rows by Group ID', () => {
    expect(r.format).toBe('uk-csv');
    expect(r.snapshotDate).toBe('2024-05-28');
    expect(r.entities).toHaveLength(2);
    expect(r.entities[0]).toMatchObject({
      id: '15001', entity: 'person', database: 'gb_hmt', fullname: ['Sergei Ivanovich PETROV'], firstname: ['Sergei Ivanovich'], lastname: ['PETROV'],
      alias: ['Sergei Ivanovich PETROV', 'Сергей Петров', 'Serge PETROFF'], dob: ['1965'], nationality: ['RU'], time: '2022-03-15T00:00:00.000Z',
    });
    expect(r.entities[0]!.documentnumber).toEqual([{ id: '751234567', id_formatted: '751234567', country: null, type: 'passport' }]);
    expect(r.entities[1]).toMatchObject({ entity: 'legalentity', fullname: ['SHIPPING CO, LTD'], address: ['1 Port Road, Syria'] });
  });
});

const OFAC_XML = `<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="http://tempuri.org/sdnList.xsd">
  <publshInformation><Publish_Date>05/03/2024</Publish_Date><Record_Count>1</Record_Count></publshInformation>
  <sdnEntry><uid>35096</uid><firstName>Vladimir Vladimirovich</firstName><lastName>PUTIN</lastName><title>President of the Russian Federation</title><sdnType>Individual</sdnType>
    <programList><program>RUSSIA-EO14024</program></programList>
    <akaList><aka><uid>1</uid><type>a.k.a.</type><category>strong</category><lastName>PUTIN</lastName><firstName>Vladimir</firstName></aka></akaList>
    <idList><id><uid>2</uid><idType>Passport</idType><idNumber>100000001</idNumber><idCountry>Russia</idCountry></id></idList>
    <nationalityList><nationality><uid>3</uid><country>Russia</country><mainEntry>true</mainEntry></nationality></nationalityList>
    <dateOfBirthList><dateOfBirthItem><uid>4</uid><dateOfBirth>07 Oct 1952</dateOfBirth><mainEntry>true</mainEntry></dateOfBirthItem></dateOfBirthList>
  </sdnEntry>
</sdnList>`;

describe('OFAC SDN XML (schema fixture)', () => {
  it('reads entries with their lists', () => {
    const r = parseListFiles([file('sdn.xml', OFAC_XML)]);
    expect(r).toMatchObject({ format: 'ofac-xml', snapshotDate: '2024-05-03' });
    expect(r.entities[0]).toMatchObject({
      id: '35096', entity: 'person', fullname: ['Vladimir Vladimirovich PUTIN'], alias: ['Vladimir PUTIN'], dob: ['1952-10-07'], nationality: ['RU'],
      documentnumber: [{ id: '100000001', country: 'ru', type: 'Passport' }], program: ['SDN List', 'RUSSIA-EO14024'],
    });
  });
});

describe('OpenSanctions FollowTheMoney JSON lines', () => {
  it.skipIf(!sharedExists)('reads target persons and organisations of the real sample, skipping addresses', () => {
    const r = parseListFiles([{ name: 'entities.ftm.json', data: shared('opensanctions-ftm/entities.ftm.json') }], 'eu_fsf');
    expect(r.format).toBe('ftm');
    const schemas = r.entities.map((e) => e.entity);
    expect(schemas.filter((s) => s === 'person').length).toBeGreaterThanOrEqual(3);
    const k = r.entities.find((e) => e.id === 'NK-2Ka3UvopqbpZmVDFjWd4LA')!;
    expect(k).toMatchObject({ database: 'eu_fsf', schema: 'sanction', dob: ['1971-01-22'], nationality: ['RU'], fullname: ['Vitaly Yurievich KUZMENKO'] });
    expect(k.alias).toContain('Виталий Юрьевич КУЗЬМЕНКО');
    expect(k.documentnumber).toContainEqual({ id: '366510784303', id_formatted: '366510784303', country: 'ru', type: 'tax' });
  });

  it('marks PEPs by topic and needs no dataset when one is named', () => {
    const line = JSON.stringify({ id: 'Q1', schema: 'Person', caption: 'Jane Example', properties: { name: ['Jane Example'], topics: ['role.pep'], birthDate: ['1970'], country: ['fr'] }, datasets: ['everypolitician'], target: true });
    const r = parseListFiles([file('peps.json', line)], 'global_politicians');
    expect(r.entities[0]).toMatchObject({ schema: 'pep', database: 'global_politicians', dob: ['1970'] });
  });
});

describe('format detection', () => {
  it('rejects files it does not recognise', () => {
    expect(() => parseListFiles([file('x.txt', 'hello')])).toThrow(/unrecognised list format/);
  });
});
