/** Industries FavCRM accepts for `register_organisation_request` (contract §5.2). */
export const INDUSTRIES = ['beauty', 'fitness', 'tutoring', 'retail', 'hospitality', 'services', 'other'] as const;
export type Industry = (typeof INDUSTRIES)[number];

/** What the offline model reads from a person's sentence; null where the sentence does not tell. */
export interface SignupFields {
  organisationName: string | null;
  industry: Industry | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  /** IANA zone. */
  timezone: string | null;
  email: string | null;
}
