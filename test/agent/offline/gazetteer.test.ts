import { describe, expect, it } from 'vitest';
import { countryTimezone, findPlaces, gazetteerZones, isRuntimeTimeZone } from '../../../src/agent/offline/gazetteer.js';
import { resolvePlace } from '../../../src/agent/offline/place-resolution.js';
import { COUNTRIES } from '../../../src/agent/offline/gazetteer-countries.js';

const place = (text: string) => {
  const found = resolvePlace(text);
  return found ? [found.country, found.timezone] : null;
};

describe('gazetteer data', () => {
  it('answers only with zones this runtime knows', () => {
    const unknown = gazetteerZones().filter((zone) => !isRuntimeTimeZone(zone));
    expect(unknown).toEqual([]);
  });

  it('uses modern IANA names, not the backward links Node 20 lists', () => {
    const legacy = ['Asia/Calcutta', 'Europe/Kiev', 'Asia/Saigon', 'Asia/Katmandu', 'Asia/Rangoon', 'America/Godthab', 'America/Montreal'];
    expect(gazetteerZones().filter((zone) => legacy.includes(zone))).toEqual([]);
    expect(gazetteerZones()).toContain('Asia/Kolkata');
  });

  it('covers every ISO 3166-1 alpha-2 country', () => {
    expect(Object.keys(COUNTRIES).length).toBeGreaterThanOrEqual(249);
    for (const code of ['GB', 'US', 'HK', 'TW', 'AE', 'ZA', 'KR']) expect(COUNTRIES[code]).toBeDefined();
  });

  it('rejects made-up zones', () => {
    expect(isRuntimeTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isRuntimeTimeZone('Europe/Kyiv')).toBe(true);
  });
});

describe('countryTimezone', () => {
  it('gives the one zone of a single-zone country', () => {
    expect(countryTimezone('JP')).toBe('Asia/Tokyo');
    expect(countryTimezone('GB')).toBe('Europe/London');
    expect(countryTimezone('DE')).toBe('Europe/Berlin');
    expect(countryTimezone('AR')).toBe('America/Argentina/Buenos_Aires');
    expect(countryTimezone('CN')).toBe('Asia/Shanghai');
    expect(countryTimezone('UA')).toBe('Europe/Kyiv');
  });

  it('is null for countries with several clocks', () => {
    for (const code of ['US', 'CA', 'AU', 'RU', 'BR', 'MX', 'ID', 'ES', 'PT', 'NZ']) expect(countryTimezone(code)).toBeNull();
  });
});

describe('resolvePlace', () => {
  it('reads cities and districts', () => {
    expect(place('a shop in Manchester')).toEqual(['GB', 'Europe/London']);
    expect(place('we are in Causeway Bay')).toEqual(['HK', 'Asia/Hong_Kong']);
    expect(place('in Tsim Sha Tsui')).toEqual(['HK', 'Asia/Hong_Kong']);
    expect(place('based in Mumbai')).toEqual(['IN', 'Asia/Kolkata']);
    expect(place('in São Paulo')).toEqual(['BR', 'America/Sao_Paulo']);
    expect(place('in Sao Paulo')).toEqual(['BR', 'America/Sao_Paulo']);
  });

  it('lets a state or province choose between namesakes', () => {
    expect(place('in Portland, Oregon')).toEqual(['US', 'America/Los_Angeles']);
    expect(place('in Portland, Maine')).toEqual(['US', 'America/New_York']);
    expect(place('in Portland, ME')).toEqual(['US', 'America/New_York']);
    expect(place('in Vancouver, BC')).toEqual(['CA', 'America/Vancouver']);
    expect(place('in Vancouver, WA')).toEqual(['US', 'America/Los_Angeles']);
    expect(place('in Houston, TX')).toEqual(['US', 'America/Chicago']);
    expect(place('in Austin TX')).toEqual(['US', 'America/Chicago']);
    expect(place('in Perth, Australia')).toEqual(['AU', 'Australia/Perth']);
    expect(place('in Perth, Scotland')).toEqual(['GB', 'Europe/London']);
    expect(place('in London, Ontario')).toEqual(['CA', 'America/Toronto']);
  });

  it('reads a chain in either order, and a qualifier that disagrees as a namesake we do not know', () => {
    expect(place('Russia, Moscow — Barbershop Borodach')).toEqual(['RU', 'Europe/Moscow']);
    expect(place('Brazil, Curitiba')).toEqual(['BR', 'America/Sao_Paulo']);
    // Our Richmond is the one in Virginia; "BC" says this one is in British Columbia.
    expect(place('a restaurant in Richmond, BC')).toEqual(['CA', 'America/Vancouver']);
    expect(place('in Richmond, Virginia')).toEqual(['US', 'America/New_York']);
    // Shouted text: "IN" before a city is a word, not Indiana.
    expect(place('A SURF SHOP IN FLORIANÓPOLIS, BRAZIL')).toEqual(['BR', 'America/Sao_Paulo']);
  });

  it('gives a country named alone its zone only when it has one', () => {
    expect(place('a shop in Japan')).toEqual(['JP', 'Asia/Tokyo']);
    expect(place('Country: US')).toEqual(['US', null]);
    expect(place('based in the UK')).toEqual(['GB', 'Europe/London']);
    expect(place('in the UAE')).toEqual(['AE', 'Asia/Dubai']);
    expect(place('in Korea')).toEqual(['KR', 'Asia/Seoul']);
    expect(place('in Canada')).toEqual(['CA', null]);
  });

  it('reads Chinese place names', () => {
    expect(place('是香港的茶餐廳')).toEqual(['HK', 'Asia/Hong_Kong']);
    expect(place('我們在台北')).toEqual(['TW', 'Asia/Taipei']);
    expect(place('位於銅鑼灣')).toEqual(['HK', 'Asia/Hong_Kong']);
    expect(place('在上海')).toEqual(['CN', 'Asia/Shanghai']);
  });

  it('ignores everyday words unless something says they are places', () => {
    expect(place('a Nice little shop')).toBeNull();
    expect(place('we are in Nice')).toEqual(['FR', 'Europe/Paris']);
    expect(place('I am Jordan')).toBeNull();
    expect(place('sign us up')).toBeNull();
    expect(place('Central Perk café in Central')).toEqual(['HK', 'Asia/Hong_Kong']);
  });

  it('prefers the place introduced by "in" and skips excluded spans', () => {
    expect(place('Register Boston Bagels in Denver')).toEqual(['US', 'America/Denver']);
    expect(resolvePlace('Paris Baguette, Seoul', [[0, 14]])?.country).toBe('KR');
  });

  it('reads a lower-case city only after "in"', () => {
    expect(place('florists in melbourne')).toEqual(['AU', 'Australia/Melbourne']);
    expect(findPlaces('reading is fun')).toEqual([]);
  });
});

describe('per-text patterns (only the names whose first word the text holds)', () => {
  it('still finds names whatever their case, accents, spacing or line breaks', () => {
    expect(place('A café in HONG   KONG')).toEqual(['HK', 'Asia/Hong_Kong']);
    expect(place('a bakery in são paulo, brazil')).toEqual(['BR', 'America/Sao_Paulo']);
    expect(place('a bakery in SAO PAULO')).toEqual(['BR', 'America/Sao_Paulo']);
    expect(place('a gym in Zürich')).toEqual(['CH', 'Europe/Zurich']);
    expect(place('a gym in zurich')).toEqual(['CH', 'Europe/Zurich']);
    expect(place('a yoga studio in New\nYork')).toEqual(['US', 'America/New_York']);
    expect(place('一間在香港的瑜伽室')).toEqual(['HK', 'Asia/Hong_Kong']);
  });

  it('answers the same when one text is read again (cached) and after other texts', () => {
    const text = 'Register Moon Cafe in Osaka, Japan';
    const first = JSON.stringify(findPlaces(text));
    for (let index = 0; index < 20; index += 1) findPlaces(`filler ${index} in Lisbon`);
    expect(JSON.stringify(findPlaces(text))).toBe(first);
    expect(findPlaces('nothing here at all')).toEqual([]);
  });
});
