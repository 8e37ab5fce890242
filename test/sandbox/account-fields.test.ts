import { describe, expect, it } from 'vitest';
import { codeField, countryField, timezoneField } from '../../src/sandbox/tools/account-fields.js';

describe('account fields', () => {
  it('normalises codes and restores leading zeros of numeric ones', () => {
    expect(codeField.parse(35707)).toBe('035707');
    expect(codeField.parse(' 012 345 ')).toBe('012345');
    expect(codeField.parse('012-345')).toBe('012345');
    for (const bad of ['12345', '1234567', 'abcdef', 1_000_000, -1, 1.5]) expect(codeField.safeParse(bad).success, String(bad)).toBe(false);
  });

  it('knows assigned country codes only', () => {
    expect(countryField.parse('hk')).toBe('HK');
    expect(countryField.parse(' gb ')).toBe('GB');
    for (const bad of ['UK', 'EU', 'XK', 'ZZ', 'HKG', '']) expect(countryField.safeParse(bad).success, bad).toBe(false);
  });

  it('knows IANA zones, their aliases and UTC, in canonical spelling', () => {
    expect(timezoneField.parse('Asia/Hong_Kong')).toBe('Asia/Hong_Kong');
    expect(timezoneField.parse('utc')).toBe('UTC');
    expect(timezoneField.parse('asia/hong_kong')).toBe('Asia/Hong_Kong');
    expect(timezoneField.safeParse('Asia/Calcutta').success).toBe(true);
    for (const bad of ['Mars/Base', '+08:00', '../../etc/passwd', '']) expect(timezoneField.safeParse(bad).success, bad).toBe(false);
  });
});
