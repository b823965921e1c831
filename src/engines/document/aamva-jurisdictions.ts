/**
 * AAMVA issuer identification numbers (IIN) of US states, territories and Canadian provinces,
 * from AAMVA's published IIN list (https://www.aamva.org/identity/issuer-identification-numbers-(iin)).
 * No maintained npm package carries this list offline, so it is kept here as data.
 */
export type Jurisdiction = { abbr: string; name: string; country: 'US' | 'CA' };

const US = (abbr: string, name: string): Jurisdiction => ({ abbr, name, country: 'US' });
const CA = (abbr: string, name: string): Jurisdiction => ({ abbr, name, country: 'CA' });

export const IIN: Record<string, Jurisdiction> = {
  '636000': US('VA', 'Virginia'), '636001': US('NY', 'New York'), '636002': US('MA', 'Massachusetts'), '636003': US('MD', 'Maryland'),
  '636004': US('NC', 'North Carolina'), '636005': US('SC', 'South Carolina'), '636006': US('CT', 'Connecticut'), '636007': US('LA', 'Louisiana'),
  '636008': US('MT', 'Montana'), '636009': US('NM', 'New Mexico'), '636010': US('FL', 'Florida'), '636011': US('DE', 'Delaware'),
  '636012': CA('ON', 'Ontario'), '636013': CA('NS', 'Nova Scotia'), '636014': US('CA', 'California'), '636015': US('TX', 'Texas'),
  '636016': CA('NL', 'Newfoundland and Labrador'), '636017': CA('NB', 'New Brunswick'), '636018': US('IA', 'Iowa'), '636019': US('GU', 'Guam'),
  '636020': US('CO', 'Colorado'), '636021': US('AR', 'Arkansas'), '636022': US('KS', 'Kansas'), '636023': US('OH', 'Ohio'),
  '636024': US('VT', 'Vermont'), '636025': US('PA', 'Pennsylvania'), '636026': US('AZ', 'Arizona'), '636028': CA('BC', 'British Columbia'),
  '636029': US('OR', 'Oregon'), '636030': US('MO', 'Missouri'), '636031': US('WI', 'Wisconsin'), '636032': US('MI', 'Michigan'),
  '636033': US('AL', 'Alabama'), '636034': US('ND', 'North Dakota'), '636035': US('IL', 'Illinois'), '636036': US('NJ', 'New Jersey'),
  '636037': US('IN', 'Indiana'), '636038': US('MN', 'Minnesota'), '636039': US('NH', 'New Hampshire'), '636040': US('UT', 'Utah'),
  '636041': US('ME', 'Maine'), '636042': US('SD', 'South Dakota'), '636043': US('DC', 'District of Columbia'), '636044': CA('SK', 'Saskatchewan'),
  '636045': US('WA', 'Washington'), '636046': US('KY', 'Kentucky'), '636047': US('HI', 'Hawaii'), '636048': CA('MB', 'Manitoba'),
  '636049': US('NV', 'Nevada'), '636050': US('ID', 'Idaho'), '636051': US('MS', 'Mississippi'), '636052': US('RI', 'Rhode Island'),
  '636053': US('TN', 'Tennessee'), '636054': US('NE', 'Nebraska'), '636055': US('GA', 'Georgia'), '636058': US('OK', 'Oklahoma'),
  '636059': US('AK', 'Alaska'), '636060': US('WY', 'Wyoming'), '636061': US('WV', 'West Virginia'), '636062': US('VI', 'U.S. Virgin Islands'),
  '604426': CA('PE', 'Prince Edward Island'), '604427': US('AS', 'American Samoa'), '604428': CA('QC', 'Quebec'), '604429': CA('YT', 'Yukon'),
  '604430': US('MP', 'Northern Mariana Islands'), '604431': US('PR', 'Puerto Rico'), '604432': CA('AB', 'Alberta'), '604433': CA('NU', 'Nunavut'),
  '604434': CA('NT', 'Northwest Territories'),
};

const BY_ABBR = new Map(Object.values(IIN).map((j) => [j.abbr, j]));

/** The issuer by IIN; test cards with unlisted IINs fall back to the jurisdiction code (DAJ). */
export function jurisdictionOf(iin: string | undefined, stateCode: string | undefined): Jurisdiction | undefined {
  return (iin && IIN[iin]) || (stateCode ? BY_ABBR.get(stateCode.trim().toUpperCase()) : undefined);
}
