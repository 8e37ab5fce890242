import { describe, expect, it } from 'vitest';
import { classifyConnectionError } from '../../src/mcp/connection-errors.js';

const URL = 'http://127.0.0.1:7/mcp';

/** What undici throws: a bare "fetch failed" whose reason is in `cause`. */
function fetchFailure(causeMessage: string, code?: string): Error {
  const cause = Object.assign(new Error(causeMessage), code ? { code } : {});
  return new TypeError('fetch failed', { cause });
}

describe('classifyConnectionError', () => {
  it('names the reason undici keeps in `cause`, once, without stray spaces', () => {
    const refused = classifyConnectionError(fetchFailure('connect ECONNREFUSED 127.0.0.1:7', 'ECONNREFUSED'), URL);
    expect(refused.kind).toBe('unreachable');
    expect(refused.message).toBe(`Can't reach FavCRM at ${URL} (fetch failed: connect ECONNREFUSED 127.0.0.1:7).`);
    const dns = classifyConnectionError(fetchFailure('getaddrinfo failed', 'ENOTFOUND'), 'https://nowhere.invalid/mcp');
    expect(dns.message).toBe("Can't reach FavCRM at https://nowhere.invalid/mcp (fetch failed: getaddrinfo failed (ENOTFOUND)).");
  });

  it('says what to do about a port fetch refuses (9, 6000, …) instead of "is the server running?"', () => {
    const error = classifyConnectionError(fetchFailure('bad port'), 'http://127.0.0.1:9/mcp');
    expect(error.message).toMatch(/fetch refuses that port/);
    expect(error.hint).toMatch(/another port/);
  });

  it('keeps the earlier kinds: 401, timeout, 5xx, garbage', () => {
    expect(classifyConnectionError(new Error('HTTP 401 Unauthorized'), URL).kind).toBe('unauthorized');
    expect(classifyConnectionError(new Error('The operation was aborted due to timeout'), URL).kind).toBe('timeout');
    expect(classifyConnectionError(new Error('Error POSTing to endpoint (HTTP 502)'), URL).kind).toBe('server-error');
    expect(classifyConnectionError(new Error('Unexpected token < in JSON'), URL).kind).toBe('protocol');
  });
});
