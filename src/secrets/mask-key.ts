/** Keys this short are hidden entirely, as the official CLI does (contract §1.8). */
const FULLY_HIDDEN_MAX_LENGTH = 12;

/** Masks a key the way `favcrm signup verify` does: `****` up to 12 chars, else first 8 + `...` + last 4. */
export function maskKey(key: string): string {
  // Count Unicode characters, not UTF-16 units, like the Rust CLI's `chars()`.
  const characters = Array.from(key);
  if (characters.length <= FULLY_HIDDEN_MAX_LENGTH) return '****';
  return `${characters.slice(0, 8).join('')}...${characters.slice(-4).join('')}`;
}
