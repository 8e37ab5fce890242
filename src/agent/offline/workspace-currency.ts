/**
 * The currency a workspace prices in, from its country (ISO 3166 → ISO 4217), and which currencies people write
 * with a plain "$". Used to decide what "$90" means in a request and to say so when a price is stored in a currency
 * other than the workspace's own.
 */

const EURO_COUNTRIES = 'AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK AD MC SM VA ME XK'.split(' ');

const CURRENCY_BY_COUNTRY: Readonly<Record<string, string>> = {
  ...Object.fromEntries(EURO_COUNTRIES.map((country) => [country, 'EUR'])),
  US: 'USD', CA: 'CAD', MX: 'MXN', BR: 'BRL', AR: 'ARS', CL: 'CLP', CO: 'COP', PE: 'PEN', UY: 'UYU', EC: 'USD', SV: 'USD',
  PA: 'USD', PR: 'USD', DO: 'DOP', JM: 'JMD', TT: 'TTD', BS: 'BSD', BB: 'BBD', BZ: 'BZD', GB: 'GBP', CH: 'CHF', NO: 'NOK',
  SE: 'SEK', DK: 'DKK', IS: 'ISK', PL: 'PLN', CZ: 'CZK', HU: 'HUF', RO: 'RON', BG: 'BGN', RS: 'RSD', UA: 'UAH', TR: 'TRY',
  RU: 'RUB', IL: 'ILS', AE: 'AED', SA: 'SAR', QA: 'QAR', KW: 'KWD', BH: 'BHD', OM: 'OMR', JO: 'JOD', EG: 'EGP', MA: 'MAD',
  TN: 'TND', NG: 'NGN', GH: 'GHS', KE: 'KES', UG: 'UGX', TZ: 'TZS', ZA: 'ZAR', NA: 'NAD', IN: 'INR', PK: 'PKR', BD: 'BDT',
  LK: 'LKR', NP: 'NPR', CN: 'CNY', HK: 'HKD', MO: 'MOP', TW: 'TWD', JP: 'JPY', KR: 'KRW', SG: 'SGD', MY: 'MYR', TH: 'THB',
  VN: 'VND', PH: 'PHP', ID: 'IDR', KH: 'KHR', MM: 'MMK', BN: 'BND', AU: 'AUD', NZ: 'NZD', FJ: 'FJD', KZ: 'KZT', GE: 'GEL',
  AM: 'AMD', AZ: 'AZN',
};

/** Currencies written with a plain "$" where they are used (dollars, and the pesos of Latin America). */
const DOLLAR_SIGN_CURRENCIES = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'TWD', 'BND', 'FJD', 'JMD', 'TTD', 'BSD', 'BBD', 'BZD', 'NAD', 'MXN', 'ARS', 'CLP', 'COP', 'UYU', 'DOP']);

/** The workspace's currency for its country, or null when the country is unknown or not listed. */
export function currencyOfCountry(country: string | null | undefined): string | null {
  return country ? (CURRENCY_BY_COUNTRY[country.toUpperCase()] ?? null) : null;
}

/**
 * What a plain "$" means in a workspace: its own currency where that is written with "$" (HKD in Hong Kong, MXN
 * in Mexico), else US dollars ("$90" in a yen workspace is not 90 yen).
 */
export function dollarSignCurrency(workspaceCurrency: string | null): string {
  return workspaceCurrency && DOLLAR_SIGN_CURRENCIES.has(workspaceCurrency) ? workspaceCurrency : 'USD';
}
