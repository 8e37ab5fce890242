import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOPBACK_CLIENT, networkClient } from '../../src/sandbox/rate-limit.js';
import { CLI_HEADERS, SandboxHarness } from './sandbox-harness.js';

// The signup limit counts a network, and every 127.0.0.0/8 address is the same machine: hopping addresses
// must not buy a fresh budget (it did when the limit was per socket address).

/** One signup request sent from `localAddress` (Linux routes all of 127.0.0.0/8 to lo). */
function signupFrom(url: string, localAddress: string, email: string): Promise<{ code?: string }> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'register_organisation_request', arguments: { email, organisationName: 'Hop Shop' } } });
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', localAddress, headers: { ...CLI_HEADERS, 'Content-Length': Buffer.byteLength(body) } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => {
        const result = (JSON.parse(text) as { result?: { isError?: boolean; structuredContent?: { error?: { code?: string } } } }).result;
        resolve(result?.isError ? { code: result.structuredContent?.error?.code ?? 'ERROR' } : {});
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** True when this machine can send from 127.0.0.2 (Linux yes; macOS only has 127.0.0.1 unless aliased). */
async function canHop(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.request(url, { method: 'GET', localAddress: '127.0.0.2' }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('error', () => resolve(false));
    request.end();
  });
}

describe('the signup limit and loopback addresses', () => {
  it('counts every loopback address as one client', () => {
    for (const address of ['127.0.0.1', '127.0.0.2', '127.255.255.254', '::1', '::ffff:127.0.0.9', '0:0:0:0:0:0:0:1']) {
      expect(networkClient(address), address).toBe(LOOPBACK_CLIENT);
    }
    expect(networkClient('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(networkClient('192.0.2.7')).toBe('192.0.2.7');
    // Not loopback, though it starts with 127.
    expect(networkClient('1270.0.0.1')).toBe('1270.0.0.1');
  });

  describe('over HTTP from hopping source addresses', () => {
    let harness: SandboxHarness;
    beforeAll(async () => {
      harness = await SandboxHarness.start({ label: 'hop', signupRate: { perHour: 3, perDay: 20 } });
    });
    afterAll(() => harness.stop());

    it('hits the limit on the fourth request whatever address it comes from', async (context) => {
      if (!(await canHop(harness.url))) context.skip();
      const answers = [];
      for (const [index, address] of ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.1'].entries()) {
        answers.push((await signupFrom(harness.url, address, `hop${index}@example.com`)).code ?? 'ok');
      }
      expect(answers).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED']);
    });
  });
});
