import countries from 'i18n-iso-countries';

/** Names the lists use that the ISO name tables do not know. */
const ALIASES: Record<string, string> = {
  'korea, north': 'KP', "democratic people's republic of korea": 'KP', 'dprk': 'KP', 'korea, south': 'KR',
  'republic of korea': 'KR', 'south korea': 'KR', burma: 'MM', myanmar: 'MM', syria: 'SY', laos: 'LA',
  "lao people's democratic republic": 'LA', moldova: 'MD', 'republic of moldova': 'MD', macedonia: 'MK',
  'north macedonia': 'MK', 'cote d ivoire': 'CI', "cote d'ivoire": 'CI', 'ivory coast': 'CI',
  'iran (islamic republic of)': 'IR', 'islamic republic of iran': 'IR', palestinian: 'PS', 'west bank': 'PS',
  gaza: 'PS', 'gaza strip': 'PS', 'palestinian territories': 'PS', 'occupied palestinian territory': 'PS',
  'congo, democratic republic of the': 'CD', 'congo, republic of the': 'CG', 'republic of the congo': 'CG',
  'bahamas, the': 'BS', 'gambia, the': 'GM', curacao: 'CW', 'chinese taipei': 'TW', 'netherlands antilles': 'CW',
  'venezuela (bolivarian republic of)': 'VE', 'bolivia (plurinational state of)': 'BO', 'viet nam': 'VN',
  'united states of america': 'US', usa: 'US', uk: 'GB', 'great britain': 'GB', turkiye: 'TR', 'türkiye': 'TR',
  'russian federation': 'RU', 'united republic of tanzania': 'TZ', 'syrian arab republic': 'SY', 'czechia': 'CZ',
  'brunei darussalam': 'BN', 'cabo verde': 'CV', 'cape verde': 'CV', eswatini: 'SZ', swaziland: 'SZ',
  'holy see': 'VA', 'micronesia (federated states of)': 'FM', 'timor-leste': 'TL', 'east timor': 'TL',
  'sudan, south': 'SS', 'yemen, republic of': 'YE', 'hong kong sar': 'HK', 'macau': 'MO', 'macao': 'MO',
  'kyrgyz republic': 'KG', 'slovak republic': 'SK', 'serbia and montenegro': 'RS', yugoslavia: 'RS',
  'soviet union': 'RU', ussr: 'RU', 'german democratic republic': 'DE', 'zaire': 'CD', 'rhodesia': 'ZW',
};

const cache = new Map<string, string | null>();

/** ISO alpha-2 for a country name or code as lists print it; null when unknown. */
export function countryCode(name: string | null | undefined): string | null {
  if (!name) return null;
  const key = name.trim().replace(/\s+/g, ' ').replace(/\.$/, '').toLowerCase();
  if (!key) return null;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let code: string | null = null;
  if (/^[a-z]{2}$/.test(key) && countries.isValid(key.toUpperCase())) code = key.toUpperCase();
  else if (/^[a-z]{3}$/.test(key) && countries.alpha3ToAlpha2(key.toUpperCase())) code = countries.alpha3ToAlpha2(key.toUpperCase()) ?? null;
  else code = ALIASES[key] ?? countries.getAlpha2Code(name.trim(), 'en') ?? null;
  if (!code && key.includes(',')) {
    // "Congo, Democratic Republic of the" → "Democratic Republic of the Congo"
    const [a, b] = key.split(/,\s*/, 2);
    code = countries.getAlpha2Code(`${b} ${a}`, 'en') ?? null;
  }
  cache.set(key, code);
  return code;
}
