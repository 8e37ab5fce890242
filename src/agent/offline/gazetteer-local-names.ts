// Country names in other languages for the gazetteer (gazetteer.ts), from the runtime's own ICU data.

/**
 * Languages whose names for countries people write in an otherwise English chat, or in their own ("estamos en
 * México", "no Brasil", "en Allemagne"): taken from the runtime's own ICU data, not a hand list.
 */
const COUNTRY_NAME_LOCALES = ['es', 'pt', 'fr', 'de', 'it', 'nl', 'id'];

/** One `Intl.DisplayNames` per language: making one per country was most of the index's build time. */
export function regionNamers(): Intl.DisplayNames[] {
  return COUNTRY_NAME_LOCALES.flatMap((locale) => {
    try {
      return [new Intl.DisplayNames([locale], { type: 'region' })];
    } catch {
      return [];
    }
  });
}

/** Country names in other languages that differ from the English ones; read only after "in/en/no/dans …". */
export function localCountryNames(code: string, isEnglish: (name: string) => boolean, namers: readonly Intl.DisplayNames[]): string[] {
  const found = new Set<string>();
  for (const namer of namers) {
    let name: string | undefined;
    try {
      name = namer.of(code);
    } catch {
      continue;
    }
    // "ES" back for an unknown code; "Mexiko" yes, but not a name with brackets or commas.
    if (!name || name === code || /[(),]/.test(name) || isEnglish(name)) continue;
    found.add(name);
  }
  return [...found];
}
