import { CITY_GROUPS } from './gazetteer-cities.js';
import { localCountryNames, regionNamers } from './gazetteer-local-names.js';
import { REGIONS } from './gazetteer-regions.js';
import { CAPITAL_ZONE, COUNTRIES, COUNTRY_ALIASES, SINGLE_ZONE_BY_LAW } from './gazetteer-countries.js';
import { alternation, PerTextCache, probeKey } from './text-probe.js';

/** One thing a place name can mean. */
export interface Place {
  readonly kind: 'city' | 'region' | 'country';
  readonly name: string;
  readonly country: string;
  /** The zone of the city or region; for a country, its zone when it has exactly one, else null. */
  readonly timezone: string | null;
  /** For cities and regions of the US, Canada and Australia: the state or province code. */
  readonly region: string | null;
  /** A second meaning of a common word or a smaller namesake: read only with "in …" or a qualifier. */
  readonly secondary: boolean;
  /** Region codes such as "OR" or "BC": only meaningful right after a city ("Portland, OR"). */
  readonly qualifierOnly: boolean;
}

/** A place name found in a text, with everything it can mean, best first. */
export interface PlaceMention {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly candidates: readonly Place[];
  /** Preceded by "in", "based in", "located in", "from", "Country:" and the like. */
  readonly locative: boolean;
  /** Where the business was, not where it is: "moved from Toronto", "we used to be in Leeds". */
  readonly former: boolean;
}

/** Where a text says the business is. */
export interface ResolvedPlace {
  readonly country: string;
  readonly timezone: string | null;
  readonly start: number;
  readonly end: number;
}

/** Country names that are also everyday words or first names: read only after "in …" or as a qualifier. */
const SECONDARY_COUNTRY_NAMES = new Set(['chad', 'jordan', 'georgia', 'turkey', 'america', 'jersey', 'guernsey', 'emirates', 'niger', 'mali']);

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/u;

function isAbbreviation(name: string): boolean {
  return /^(?:[A-Z]{2,4}|(?:[A-Z]\.){2,3}|[A-Z]\.[A-Z]\.[A-Z]?)$/.test(name);
}

/** Lower-case, accent-free, `&`→and, `St.`→st: the key two spellings of one place share. */
export function normalisePlaceName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘]/g, "'")
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bsaint\b/g, 'st')
    .replace(/\bst\./g, 'st')
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function keyFor(name: string): string {
  return isAbbreviation(name) ? `=${name}` : normalisePlaceName(name);
}

interface Index {
  readonly byKey: Map<string, Place[]>;
  readonly names: string[];
}

let index: Index | null = null;
const countryZoneCache = new Map<string, string | null>();

function offsetSignature(zone: string): string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  const offset = (date: Date) => format.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? '';
  return `${offset(new Date(Date.UTC(2025, 0, 15)))}/${offset(new Date(Date.UTC(2025, 6, 15)))}`;
}

/**
 * The zone of a country named alone: the one zone it keeps when all its zone.tab zones keep the same
 * clock (checked with the runtime's own tz data), or by law keep one; null for US, CA, AU, RU, BR, MX, ID…
 */
export function countryTimezone(code: string): string | null {
  const cached = countryZoneCache.get(code);
  if (cached !== undefined) return cached;
  let zone: string | null = SINGLE_ZONE_BY_LAW[code] ?? null;
  const zones = COUNTRIES[code]?.zones ?? [];
  if (zone === null && zones.length > 0) {
    const clocks = new Set(zones.map(offsetSignature));
    if (clocks.size === 1) zone = CAPITAL_ZONE[code] ?? zones[0] ?? null;
  }
  countryZoneCache.set(code, zone);
  return zone;
}

function addName(byKey: Map<string, Place[]>, names: Set<string>, name: string, place: Place): void {
  const key = keyFor(name);
  const list = byKey.get(key) ?? [];
  list.push(place);
  byKey.set(key, list);
  names.add(name);
  if (!isAbbreviation(name) && !CJK.test(name)) names.add(name.normalize('NFD').replace(/\p{M}/gu, ''));
}

function buildIndex(): Index {
  const byKey = new Map<string, Place[]>();
  const names = new Set<string>();
  for (const [code, record] of Object.entries(COUNTRIES)) {
    const all = [...record.names, ...(COUNTRY_ALIASES[code] ?? [])];
    for (const name of all) {
      const secondary = SECONDARY_COUNTRY_NAMES.has(normalisePlaceName(name));
      const place: Place = { kind: 'country', name: record.names[0] ?? name, country: code, timezone: null, region: null, secondary, qualifierOnly: false };
      addName(byKey, names, name, place);
    }
  }
  // After every English name and alias, so a local name that is an English one elsewhere is left out.
  const english = new Set([...byKey.keys()]);
  const namers = regionNamers();
  const isEnglish = (name: string) => english.has(normalisePlaceName(name));
  for (const [code, record] of Object.entries(COUNTRIES)) {
    for (const name of localCountryNames(code, isEnglish, namers)) {
      addName(byKey, names, name, { kind: 'country', name: record.names[0] ?? name, country: code, timezone: null, region: null, secondary: true, qualifierOnly: false });
    }
  }
  for (const [key, list] of CITY_GROUPS) {
    const [zone = '', country = '', region = null] = key.split('|');
    for (const entry of list.split(',')) {
      const secondary = entry.startsWith('?');
      const spellings = entry.replace(/^\?/, '').split('=');
      const place: Place = { kind: 'city', name: spellings[0] ?? entry, country, timezone: zone, region, secondary, qualifierOnly: false };
      for (const spelling of spellings) addName(byKey, names, spelling, place);
    }
  }
  for (const record of REGIONS) {
    const place: Place = { kind: 'region', name: record.names[0] ?? record.code, country: record.country, timezone: record.zone, region: record.code, secondary: false, qualifierOnly: false };
    for (const name of record.names) addName(byKey, names, name, place);
    addName(byKey, names, record.code, { ...place, qualifierOnly: true });
  }
  return { byKey, names: [...names] };
}

function getIndex(): Index {
  index ??= buildIndex();
  return index;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One name in the pattern: its regex source and a probe that must occur in any text the name can match. */
interface PatternName {
  readonly source: string;
  readonly chinese: boolean;
  readonly probe: string;
}

let patternNames: PatternName[] | null = null;

/** Every name, longest first (the alternation's order), with its probe: the name's first word. */
function getPatternNames(): PatternName[] {
  patternNames ??= [...getIndex().names]
    .sort((a, b) => b.length - a.length)
    .map((name) => {
      const chinese = CJK.test(name);
      return {
        source: chinese ? escape(name) : escape(name).replace(/ /g, '\\s+'),
        chinese,
        probe: probeKey(chinese ? name : (name.split(' ')[0] ?? name)),
      };
    });
  return patternNames;
}

/** The global and sticky patterns for one text; a read asks about the same text many times. */
interface TextPatterns {
  readonly global: RegExp;
  readonly sticky: RegExp;
}

const patternsByText = new PerTextCache<TextPatterns>(8);

/**
 * One alternation of the names that can occur in `text` (text-probe.ts), longest first; Latin names need word
 * edges, Chinese ones cannot have them.
 */
function patternsFor(text: string): TextPatterns {
  return patternsByText.get(text, buildPatterns);
}

function buildPatterns(text: string): TextPatterns {
  const haystack = probeKey(text);
  const candidates = getPatternNames().filter((name) => haystack.includes(name.probe));
  const latin = candidates.filter((name) => !name.chinese).map((name) => name.source);
  const chinese = candidates.filter((name) => name.chinese).map((name) => name.source);
  const source = `(?<![\\p{L}\\p{N}])(?:${alternation(latin)})(?![\\p{L}\\p{N}])|(?:${alternation(chinese)})`;
  return { global: new RegExp(source, 'giu'), sticky: new RegExp(source, 'iuy') };
}

/** What a matched name can mean; a lower-case name only after "in …", and never a common word's. */
function lookup(found: string, locative: boolean): Place[] {
  const { byKey } = getIndex();
  const compact = found.replace(/\s+/g, ' ').replace(/^the\s+/i, '');
  if (isAbbreviation(compact)) return byKey.get(`=${compact}`) ?? [];
  const places = byKey.get(normalisePlaceName(compact)) ?? [];
  const isCapitalised = CJK.test(compact) || /^[\p{Lu}\p{N}]/u.test(compact);
  if (isCapitalised) return places;
  return locative && compact.length >= 4 ? places.filter((place) => !place.secondary) : [];
}

const LOCATIVE_BEFORE =
  /(?:\b(?:in|at|near|from|around|based\s+(?:in|out\s+of)|located\s+in|out\s+of|operating\s+in|serving|across|en|em|na|no|di|dans|à|au|aux)\s+(?:the\s+|downtown\s+|central\s+|la\s+|le\s+|el\s+|o\s+|a\s+)?|\b(?:city|location|country|based|address|region|place|town|area)\s*[:=]\s*|在|位於|位于|喺)$/iu;

/** "we moved the studio from …", "used to rent a room in …", "formerly in …": a place the business has left. */
const FORMER_BEFORE =
  /\b(?:(?:moved|moving|relocated|relocating)\b[^.!?\n]{0,30}\bfrom|used\s+to\b[^.!?\n]{0,30}\b(?:in|at|from)|(?:formerly|previously|originally)\s+(?:in|at|from|based\s+in)|left)\s+(?:the\s+)?$/iu;

/**
 * The text with each accented letter as its base letter, one UTF-16 unit for one ("México" → "Mexico"), so the
 * gazetteer's unaccented spellings match accented text at the same positions. Letters that do not decompose that
 * way stay as they are.
 */
function foldAccents(text: string): string {
  if (!/[\u00c0-\u024f\u1e00-\u1eff]/.test(text)) return text;
  return text.replace(/[\u00c0-\u024f\u1e00-\u1eff]/g, (letter) => {
    const base = letter.normalize('NFD')[0] ?? letter;
    return base.length === 1 && base.charCodeAt(0) < 0x80 ? base : letter;
  });
}

/** Every place name in `text` outside the `exclude` spans (emails, the business's own name). */
export function findPlaces(text: string, exclude: readonly (readonly [number, number])[] = []): PlaceMention[] {
  const mentions: PlaceMention[] = [];
  const folded = foldAccents(text);
  const regex = patternsFor(folded).global;
  regex.lastIndex = 0;
  for (let match = regex.exec(folded); match; match = regex.exec(folded)) {
    const start = match.index;
    const end = start + match[0].length;
    if (exclude.some(([from, to]) => start < to && end > from)) continue;
    // A line that is nothing but a place ("houston" under the name, in a chat typed line by line) says where.
    const ownLine = /(?:^|\n)[ \t]*$/.test(text.slice(0, start)) && /^[ \t.!]*(?:\n|$)/.test(text.slice(end));
    const locative = ownLine || LOCATIVE_BEFORE.test(text.slice(Math.max(0, start - 40), start));
    const candidates = lookup(text.slice(start, end), locative);
    if (candidates.length === 0) continue;
    const former = FORMER_BEFORE.test(text.slice(Math.max(0, start - 60), start));
    mentions.push({ start, end, text: match[0], candidates, locative, former });
  }
  return mentions;
}

/** The length of a place name (that can stand alone) starting exactly at `position`, or 0. */
export function placeLengthAt(text: string, position: number): number {
  const folded = foldAccents(text);
  const sticky = patternsFor(folded).sticky;
  sticky.lastIndex = position;
  const match = sticky.exec(folded);
  if (!match) return 0;
  const locative = LOCATIVE_BEFORE.test(text.slice(Math.max(0, position - 40), position));
  return lookup(text.slice(position, position + match[0].length), locative).some((place) => !place.qualifierOnly) ? match[0].length : 0;
}

/** True when a place name (that can stand alone) starts exactly at `position`. */
export function placeStartsAt(text: string, position: number): boolean {
  return placeLengthAt(text, position) > 0;
}

/** Every zone the gazetteer can answer with, for checking against the runtime. */
export function gazetteerZones(): string[] {
  const zones = new Set<string>();
  for (const record of Object.values(COUNTRIES)) for (const zone of record.zones) zones.add(zone);
  for (const [key] of CITY_GROUPS) zones.add(key.split('|')[0] ?? '');
  for (const record of REGIONS) zones.add(record.zone);
  for (const zone of Object.values(SINGLE_ZONE_BY_LAW)) zones.add(zone);
  for (const zone of Object.values(CAPITAL_ZONE)) zones.add(zone);
  return [...zones];
}

/**
 * True when this runtime knows `zone`: listed by Intl.supportedValuesOf, or an alias it resolves to a
 * listed zone (Node 20's ICU lists Asia/Calcutta and resolves the modern Asia/Kolkata to it).
 */
export function isRuntimeTimeZone(zone: string): boolean {
  const supported = new Set(Intl.supportedValuesOf('timeZone'));
  if (supported.has(zone)) return true;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return supported.has(resolved);
  } catch {
    return false;
  }
}

/** The country code for an ISO alpha-2 code written as such ("Country: US"), or null. */
export function countryFromCode(code: string): string | null {
  const upper = code.toUpperCase();
  return COUNTRIES[upper] ? upper : null;
}

/**
 * A country's zones, the ones of its best-known cities first (the order the city list gives them), then the rest
 * in zone.tab order: what the signup offers when the country has several.
 */
export function countryZones(code: string): readonly string[] {
  const zones = COUNTRIES[code.toUpperCase()]?.zones ?? [];
  const cityOrder = CITY_GROUPS.map(([key]) => key.split('|')[0] ?? '');
  const rank = (zone: string) => {
    const index = cityOrder.indexOf(zone);
    return index === -1 ? cityOrder.length + zones.indexOf(zone) : index;
  };
  return [...zones].sort((a, b) => rank(a) - rank(b));
}

/** True when the city list names a place in `zone`: a zone a person will recognise by its city. */
export function hasKnownCity(zone: string): boolean {
  return CITY_GROUPS.some(([key]) => key.startsWith(`${zone}|`));
}

/** A country's English name ("United States"), or null. */
export function countryDisplayName(code: string): string | null {
  return COUNTRIES[code.toUpperCase()]?.names[0] ?? null;
}
