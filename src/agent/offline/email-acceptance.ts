/**
 * Whether FavCRM will accept an address for signup, checked before the approval card rather than after the code
 * request fails. The sandbox validates with exactly this schema (src/sandbox/tools/account-fields.ts: zod's email
 * format after trimming, at most 254 characters), so the app and the server cannot disagree.
 */
import { z } from 'zod';

const ACCEPTED_EMAIL = z.string().trim().max(254).pipe(z.email());

/** Null when FavCRM accepts `email`; else why not, in words a person can act on. */
export function emailRejection(email: string): string | null {
  if (ACCEPTED_EMAIL.safeParse(email).success) return null;
  const [local = '', domain = ''] = email.split(/@(?=[^@]*$)/);
  const reason = email.length > 254
    ? 'it is longer than 254 characters'
    : /\.\./.test(email)
      ? 'it has two dots in a row'
      : /^\.|\.$/.test(local)
        ? 'the part before the @ starts or ends with a dot'
        : !/\.[A-Za-z]{2,}$/.test(domain)
          ? 'the part after the @ does not end in a domain like .com'
          : /[^A-Za-z0-9._%+'-]/.test(local)
            ? 'the part before the @ has characters email providers do not allow'
            : 'it is not in the form name@example.com';
  return `"${email}" can't be used: ${reason}, and FavCRM would refuse it.`;
}
