import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAppOptions } from '../helpers/app-options.js';
import { createAgentSession } from '../../src/app/create-agent-session.js';
import { startEmbeddedSandbox } from '../../src/app/embedded-sandbox.js';
import { probeSandbox } from '../../src/app/running-sandbox.js';
import { resolveAppPaths } from '../../src/config/paths.js';
import { CHALLENGE_HEADER, OWNERSHIP_TOKEN_FILE, PROOF_HEADER, ownershipProof, readOwnershipToken } from '../../src/sandbox/ownership-token.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { makeTempDir } from './sandbox-harness.js';

// Borrowing a sandbox already on the port is explicit: only one that proves it holds the token in the data
// directory this app would use (a 0600 file of this user) is borrowed; anything else there is reported and left.

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

/** A process on a loopback port that answers `GET /` the way a sandbox does, with `proof` deciding its proof header. */
async function squatter(dataDirectory: string, proof: (challenge: string) => Promise<string | null> | string | null = () => null): Promise<number> {
  const server = http.createServer((request, response) => {
    void (async () => {
      const challenge = request.headers[CHALLENGE_HEADER];
      const answer = typeof challenge === 'string' ? await proof(challenge) : null;
      if (answer) response.setHeader(PROOF_HEADER, answer);
      const port = (server.address() as AddressInfo).port;
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ name: 'favcrm-sandbox', version: '0.1.0', mcp: `http://127.0.0.1:${port}/mcp`, serverCard: '/.well-known/mcp/server-card.json', dataDirectory }));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  return (server.address() as AddressInfo).port;
}

async function realSandbox(dataDir: string): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ port: 0, dataDir, quiet: true, signupRate: null });
  cleanup.push(() => sandbox.close());
  return sandbox;
}

async function embedded(preferredPort: number, dataDir: string, keyLivesThere = false) {
  const sandbox = await startEmbeddedSandbox({ preferredPort, dataDir, env: {}, keyLivesThere });
  cleanup.push(() => sandbox.close());
  return sandbox;
}

describe('borrowing a running sandbox', () => {
  it('keeps its token in a 0600 file of the data directory, and proves it only for the port asked on', async () => {
    const dataDir = path.join(makeTempDir('borrow'), 'data');
    const sandbox = await realSandbox(dataDir);
    const file = path.join(dataDir, OWNERSHIP_TOKEN_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await probeSandbox(sandbox.port, { dataDir })).toEqual({ kind: 'sandbox', dataDirectory: dataDir });
    // Another data directory's token proves nothing.
    const other = path.join(makeTempDir('borrow'), 'other');
    await realSandbox(other);
    expect(await probeSandbox(sandbox.port, { dataDir: other })).toEqual({ kind: 'something-else' });
  });

  it('answers a proof only to a well-formed challenge, and a different one for each challenge', async () => {
    const dataDir = path.join(makeTempDir('borrow'), 'data');
    const sandbox = await realSandbox(dataDir);
    const root = `http://127.0.0.1:${sandbox.port}/`;
    expect((await fetch(root)).headers.get(PROOF_HEADER)).toBeNull();
    for (const bad of ['short', 'zz'.repeat(32), 'a'.repeat(300)]) {
      expect((await fetch(root, { headers: { [CHALLENGE_HEADER]: bad } })).headers.get(PROOF_HEADER), bad).toBeNull();
    }
    const proofs = new Set<string | null>();
    for (const challenge of ['a'.repeat(64), 'b'.repeat(64)]) proofs.add((await fetch(root, { headers: { [CHALLENGE_HEADER]: challenge } })).headers.get(PROOF_HEADER));
    expect([...proofs].every((proof) => /^[0-9a-f]{64}$/.test(proof ?? ''))).toBe(true);
    expect(proofs.size).toBe(2);
  });

  it('does not borrow a squatter that answers GET / like a sandbox over our data directory', async () => {
    const dataDir = path.join(makeTempDir('borrow'), 'data');
    // Our data directory has a token (a sandbox ran here before), which the squatter cannot read.
    await (await startSandbox({ port: 0, dataDir, quiet: true })).close();
    const port = await squatter(dataDir);
    const sandbox = await embedded(port, dataDir);
    expect(sandbox.borrowed).toBe(false);
    expect(sandbox.url).not.toBe(`http://127.0.0.1:${port}/mcp`);
    expect(sandbox.notice).toBe(`Something else is listening on 127.0.0.1:${port}; starting the sandbox on another port.`);
    expect(sandbox.outboxDirectory).toBe(path.join(dataDir, 'outbox'));
    // The sandbox it started instead answers for real.
    expect(await probeSandbox(Number(new URL(sandbox.url).port), { dataDir })).toEqual({ kind: 'sandbox', dataDirectory: dataDir });
  });

  it('does not borrow a squatter that relays the challenge to the real sandbox on another port', async () => {
    const dataDir = path.join(makeTempDir('borrow'), 'data');
    const real = await realSandbox(dataDir);
    const port = await squatter(dataDir, async (challenge) => {
      const response = await fetch(`http://127.0.0.1:${real.port}/`, { headers: { [CHALLENGE_HEADER]: challenge } });
      return response.headers.get(PROOF_HEADER);
    });
    const sandbox = await embedded(port, dataDir);
    expect(sandbox.borrowed).toBe(false);
    expect(sandbox.notice).toMatch(/^Something else is listening on 127\.0\.0\.1:\d+; starting the sandbox on another port\.$/);
  });

  it('does not trust a token anyone else could read, even with a matching proof, nor a squatter naming another directory', async () => {
    const home = makeTempDir('borrow');
    const planted = path.join(home, 'planted');
    fs.mkdirSync(planted);
    const token = Buffer.alloc(32, 7);
    fs.writeFileSync(path.join(planted, OWNERSHIP_TOKEN_FILE), token, { mode: 0o644 });
    fs.chmodSync(path.join(planted, OWNERSHIP_TOKEN_FILE), 0o644);
    let port = 0;
    port = await squatter(planted, (challenge) => ownershipProof(token, challenge, port));
    const sandbox = await embedded(port, path.join(home, 'ours'), true);
    expect(sandbox.borrowed).toBe(false);
    expect(sandbox.notice).toContain('Something else is listening');
    expect(sandbox.dataDir).toBe(path.join(home, 'ours'));
    // The same file made private is believed: the check is the file's privacy, not the path.
    fs.chmodSync(path.join(planted, OWNERSHIP_TOKEN_FILE), 0o600);
    expect(await probeSandbox(port, { acceptOtherData: true })).toEqual({ kind: 'sandbox', dataDirectory: planted });
  });

  it('the chat started with a squatter on its sandbox port says so and signs up on its own sandbox', async () => {
    const home = makeTempDir('borrow');
    const dataDir = path.join(home, 'sandbox');
    await (await startSandbox({ port: 0, dataDir, quiet: true })).close();
    const port = await squatter(dataDir);
    const env = { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_STATE_HOME: path.join(home, '.state'), XDG_DATA_HOME: path.join(home, '.data'), FAVCRM_CHAT_KEYRING: 'off', FAVCRM_SANDBOX_PORT: String(port) };
    const app = await createAgentSession(parseAppOptions(['--new', '--yes', '--data', dataDir]), env, resolveAppPaths(env));
    cleanup.push(() => app.close());
    expect(app.startupNotices).toContain(`Something else is listening on 127.0.0.1:${port}; starting the sandbox on another port.`);
    expect(app.endpoint.url).not.toBe(`http://127.0.0.1:${port}/mcp`);
    expect(app.endpoint).toMatchObject({ sandbox: true, outboxDirectory: path.join(dataDir, 'outbox') });
    await app.session.start();
    await app.session.send('Sign me up: Bean There cafe in Lisbon, bob@beanthere.pt');
    expect((await app.session.readOutbox(1))?.[0]?.to).toBe('bob@beanthere.pt');
  });

  it('a squatter reached with --url gets no SANDBOX badge and no say over the outbox', async () => {
    const home = makeTempDir('borrow');
    const env = { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_STATE_HOME: path.join(home, '.state'), XDG_DATA_HOME: path.join(home, '.data'), FAVCRM_CHAT_KEYRING: 'off' };
    const victim = path.join(home, 'someone-elses-dir');
    fs.mkdirSync(path.join(victim, 'outbox'), { recursive: true });
    const port = await squatter(victim);
    const app = await createAgentSession(parseAppOptions(['--new', '--yes', '--url', `http://127.0.0.1:${port}/mcp`]), env, resolveAppPaths(env));
    cleanup.push(() => app.close());
    expect(app.endpoint).toEqual({ url: `http://127.0.0.1:${port}/mcp`, sandbox: false });
    expect(await app.session.readOutbox(1)).toBeNull();
  });

  it('reads no token through a symlink or from a file too short to be one', () => {
    const home = makeTempDir('borrow');
    const real = path.join(home, 'real');
    const linked = path.join(home, 'linked');
    fs.mkdirSync(real);
    fs.mkdirSync(linked);
    fs.writeFileSync(path.join(real, OWNERSHIP_TOKEN_FILE), Buffer.alloc(32, 1), { mode: 0o600 });
    fs.symlinkSync(path.join(real, OWNERSHIP_TOKEN_FILE), path.join(linked, OWNERSHIP_TOKEN_FILE));
    expect(readOwnershipToken(real)).not.toBeNull();
    expect(readOwnershipToken(linked)).toBeNull();
    const short = path.join(home, 'short');
    fs.mkdirSync(short);
    fs.writeFileSync(path.join(short, OWNERSHIP_TOKEN_FILE), Buffer.alloc(8, 1), { mode: 0o600 });
    expect(readOwnershipToken(short)).toBeNull();
  });

  it('reports a port held by something that never answers, and runs elsewhere', async () => {
    const net = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      silent.close(resolve);
    }));
    const port = (silent.address() as AddressInfo).port;
    const dataDir = path.join(makeTempDir('borrow'), 'data');
    const sandbox = await embedded(port, dataDir);
    expect(sandbox.borrowed).toBe(false);
    expect(sandbox.notice).toBe(`Port ${port} is busy, so the sandbox runs on ${sandbox.url} this time.`);
  });
});
