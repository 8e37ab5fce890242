import { countryTimezone, findPlaces, type Place, type PlaceMention, type ResolvedPlace } from './gazetteer.js';

// Which place a text means, from the place names the gazetteer found in it (gazetteer.ts finds; this reads).

function contains(qualifier: Place, head: Place): boolean {
  if (qualifier.country !== head.country) return false;
  if (qualifier.kind === 'country') return head.kind !== 'country';
  if (qualifier.kind === 'region') return head.kind === 'city' && head.region === qualifier.region;
  return head.kind === 'city' && (head.region === null || head.region === qualifier.region) && head !== qualifier;
}

interface Reading {
  readonly place: Place;
  readonly qualified: boolean;
  readonly locative: boolean;
  readonly former: boolean;
  readonly start: number;
  readonly end: number;
}

const SPECIFICITY: Record<Place['kind'], number> = { city: 2, region: 1, country: 0 };

/** True when one of `mention`'s meanings contains `place` or lies inside it ("Moscow" and "Russia" either way round). */
function agrees(mention: PlaceMention, place: Place): boolean {
  return mention.candidates.some((other) => contains(other, place) || contains(place, other));
}

/**
 * Reads one chain of place names ("Portland, Oregon", "Russia, Moscow", "Richmond, BC"): every mention is tried as
 * the place meant, the others as its qualifiers. Names that agree with it count for it; a name written after it
 * that disagrees counts against it, so "Richmond, BC" is a Richmond in British Columbia we do not know, not the one
 * in Virginia. A name before it that disagrees costs nothing: that is a town we do not know ("IN FLORIANÓPOLIS").
 */
function readChain(chain: readonly PlaceMention[]): Reading | null {
  const first = chain[0];
  if (!first) return null;
  const end = chain[chain.length - 1]?.end ?? first.end;
  const locative = chain.some((mention) => mention.locative);
  let best: { place: Place; agreement: number; score: number } | null = null;
  chain.forEach((head, position) => {
    const others = chain.filter((_, index) => index !== position);
    const after = chain.slice(position + 1);
    for (const place of head.candidates) {
      if (place.qualifierOnly) continue;
      const agreement = others.filter((mention) => agrees(mention, place)).length;
      const contradictions = after.filter((mention) => !agrees(mention, place)).length;
      // A namesake (a common word, a smaller town) is only read with a qualifier or after "in …".
      if (place.secondary && agreement === 0 && !head.locative) continue;
      const score = 4 * (agreement - contradictions) + SPECIFICITY[place.kind] - (place.secondary ? 0.5 : 0);
      if (!best || score > best.score) best = { place, agreement, score };
    }
  });
  if (!best) return null;
  const { place, agreement } = best;
  return { place, qualified: agreement > 0, locative, former: chain.some((mention) => mention.former), start: first.start, end };
}

/** Groups mentions joined only by commas or spaces ("Portland, Oregon", "Mong Kok, Kowloon, HK"). */
function chainsOf(text: string, mentions: readonly PlaceMention[]): PlaceMention[][] {
  const chains: PlaceMention[][] = [];
  for (const mention of mentions) {
    const last = chains[chains.length - 1];
    const previous = last?.[last.length - 1];
    if (last && previous && /^\s*[,(]?\s*$/.test(text.slice(previous.end, mention.start))) last.push(mention);
    else chains.push([mention]);
  }
  return chains;
}

/**
 * Where the text says the business is: the city, district, region or country named (most specific
 * reading of its "City, ST"/"City, Country" chain), preferring places introduced by "in …".
 */
export function resolvePlace(text: string, exclude: readonly (readonly [number, number])[] = []): ResolvedPlace | null {
  const readings = chainsOf(text, findPlaces(text, exclude))
    .map(readChain)
    .filter((reading): reading is Reading => reading !== null);
  let best: Reading | null = null;
  // A place the business has left counts only when no other is named.
  const score = (reading: Reading) =>
    (reading.former ? -10 : 0) + (reading.locative ? 4 : 0) + (reading.qualified ? 2 : 0) + SPECIFICITY[reading.place.kind] * 0.5;
  for (const reading of readings) if (!best || score(reading) >= score(best)) best = reading;
  if (!best) return null;
  const { place } = best;
  const timezone = place.kind === 'country' ? countryTimezone(place.country) : place.timezone;
  return { country: place.country, timezone, start: best.start, end: best.end };
}
