import { z } from 'zod';

/** Industries FavCRM accepts at signup (contract §5.2). */
export const INDUSTRIES = ['beauty', 'fitness', 'tutoring', 'retail', 'hospitality', 'services', 'other'] as const;

/** The 249 officially assigned ISO 3166-1 alpha-2 codes (no reserved or withdrawn ones such as UK, EU, XK). */
const ISO_COUNTRY_CODES = new Set(
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE
  BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD
  CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
  DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF
  GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU
  ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
  KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
  MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
  NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
  PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
  SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK
  TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
  VN VU WF WS YE YT ZA ZM ZW`.split(/\s+/),
);

/** An email address, trimmed; 254 is the longest deliverable address (RFC 5321). */
export const emailField = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be an email address like name@example.com'));

/** A person's or organisation's display name: trimmed, 1–120 chars. */
export const nameField = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters');

export const industryField = z.enum(INDUSTRIES, { error: `must be one of ${INDUSTRIES.join(', ')}` });

/** ISO 3166-1 alpha-2, any case in, upper case out. */
export const countryField = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .refine((value) => ISO_COUNTRY_CODES.has(value), {
    error: (issue) =>
      issue.input === 'UK'
        ? 'must be an ISO 3166-1 alpha-2 code; the United Kingdom is GB'
        : 'must be an ISO 3166-1 alpha-2 country code such as HK, US or GB',
  });

/**
 * An IANA time zone the runtime knows, including `UTC` and old aliases like `Asia/Calcutta`; stored in the
 * runtime's canonical spelling. Offsets like `+08:00` are refused: they are not zones.
 */
export const timezoneField = z
  .string()
  .trim()
  .transform((value, context) => {
    const zone = canonicalTimeZone(value);
    if (zone === null) {
      context.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Asia/Hong_Kong or Europe/London' });
      return z.NEVER;
    }
    return zone;
  });

function canonicalTimeZone(value: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * The emailed 6-digit code. People paste `123 456` or `123-456` and models sometimes send a number, so those are
 * normalised (a number gets its leading zeros back) before the 6-digit check.
 */
export const codeField = z
  .union([z.string(), z.number().int().min(0).max(999_999)], { error: 'must be the 6 digits from the email' })
  .transform((value) => (typeof value === 'number' ? String(value).padStart(6, '0') : value.replace(/[\s-]/g, '')))
  .pipe(z.string().regex(/^\d{6}$/, 'must be the 6 digits from the email'));
