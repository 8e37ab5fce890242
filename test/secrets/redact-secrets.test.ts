import { describe, expect, it } from 'vitest';
import { createRedactor, redactDeep, redactSecrets, SECRET_PATTERN } from '../../src/secrets/redact-secrets.js';

const KEY = 'fav_mcp_AbCdEfGhIjKlMnOpQrSt_-9876';
const OTHER_KEY = 'fav_mcp_ZyXwVuTsRqPoNm4321';
const PARTNER = 'fav_v0_partnerToken123456789';

describe('redactSecrets', () => {
  it('masks a key in plain text', () => {
    expect(redactSecrets(`your key is ${KEY}.`)).toBe('your key is fav_mcp_...9876.');
  });

  it('masks keys inside JSON strings', () => {
    const json = JSON.stringify({ data: { apiKey: KEY, note: `Bearer ${OTHER_KEY}` } });
    const redacted = redactSecrets(json);
    expect(redacted).not.toContain(KEY);
    expect(redacted).not.toContain(OTHER_KEY);
    expect(JSON.parse(redacted)).toEqual({ data: { apiKey: 'fav_mcp_...9876', note: 'Bearer fav_mcp_...4321' } });
  });

  it('masks several keys and fav_v0 partner tokens', () => {
    const redacted = redactSecrets(`${KEY} and ${OTHER_KEY} and ${PARTNER}`);
    expect(redacted).toBe('fav_mcp_...9876 and fav_mcp_...4321 and fav_v0_p...6789');
  });

  it('leaves short look-alikes and ordinary text alone', () => {
    for (const text of ['fav_mcp_short', 'fav_mcp_12345678901', 'fav_xyz_123456789012345', 'call get_plan_status', 'fav_mcp_...abcd']) {
      expect(redactSecrets(text)).toBe(text);
    }
  });

  it('exports a stateless pattern', () => {
    expect(SECRET_PATTERN.test(KEY)).toBe(true);
    expect(SECRET_PATTERN.test(KEY)).toBe(true);
    expect(SECRET_PATTERN.test('fav_mcp_short')).toBe(false);
  });

  it('is idempotent', () => {
    const once = redactSecrets(KEY);
    expect(redactSecrets(once)).toBe(once);
  });
});

describe('redactDeep', () => {
  it('masks strings in nested objects and arrays, keys included, without touching the input', () => {
    const input = {
      result: { structuredContent: { data: { apiKey: KEY, members: [{ token: PARTNER }, 42, null, true] } } },
      [KEY]: 'key used as a property name',
    };
    const snapshot = JSON.stringify(input);
    const output = redactDeep(input);
    expect(JSON.stringify(output)).not.toContain(KEY);
    expect(JSON.stringify(output)).not.toContain(PARTNER);
    expect(output).toEqual({
      result: { structuredContent: { data: { apiKey: 'fav_mcp_...9876', members: [{ token: 'fav_v0_p...6789' }, 42, null, true] } } },
      'fav_mcp_...9876': 'key used as a property name',
    });
    expect(JSON.stringify(input)).toBe(snapshot);
  });

  it('survives cycles', () => {
    const node: Record<string, unknown> = { apiKey: KEY };
    node.self = node;
    const output = redactDeep(node) as Record<string, unknown>;
    expect(output.apiKey).toBe('fav_mcp_...9876');
    expect(output.self).toBe(output);
  });

  it('redacts errors but keeps their class', () => {
    const error = new TypeError(`bad key ${KEY}`);
    const output = redactDeep({ error }) as { error: Error };
    expect(output.error).toBeInstanceOf(TypeError);
    expect(output.error.message).toBe('bad key fav_mcp_...9876');
    expect(output.error.stack ?? '').not.toContain(KEY);
  });
});

describe('createRedactor', () => {
  it('hides an added secret such as the emailed code, still masking keys', () => {
    const redactor = createRedactor();
    redactor.addSecret('482913');
    expect(redactor.redact(`code 482913 verified, key ${KEY}`)).toBe('code **** verified, key fav_mcp_...9876');
    expect(redactor.redactDeep({ args: { code: '482913', requestId: 'req_1' } })).toEqual({ args: { code: '****', requestId: 'req_1' } });
  });

  it('does not eat the code out of longer numbers', () => {
    const redactor = createRedactor();
    redactor.addSecret('482913');
    expect(redactor.redact('call +85294829131 or quote 482913')).toBe('call +85294829131 or quote ****');
  });

  it('forgets secrets on removeSecret and clearSecrets', () => {
    const redactor = createRedactor();
    redactor.addSecret('482913');
    redactor.addSecret('s3cr3t!');
    redactor.removeSecret('482913');
    expect(redactor.redact('482913 s3cr3t!')).toBe('482913 ****');
    redactor.clearSecrets();
    expect(redactor.redact('s3cr3t!')).toBe('s3cr3t!');
  });

  it('ignores secrets too short to hide safely and escapes regex characters', () => {
    const redactor = createRedactor();
    redactor.addSecret('12');
    redactor.addSecret('a.b*c');
    expect(redactor.redact('12 axbbc a.b*c')).toBe('12 axbbc ****');
  });

  it('keeps the module functions pattern-only', () => {
    createRedactor().addSecret('482913');
    expect(redactSecrets('482913')).toBe('482913');
  });
});
