import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listedTools } from '../../src/sandbox/tool-registry.js';
import { allTools } from '../../src/sandbox/tools/index.js';
import { startSandboxProcess, type SandboxProcess } from '../helpers/sandbox-process.js';

// scripts/build.mjs computes the sandbox's tools/list at build time and the bundle serves it. After `npm ci` the bin
// runs that bundle (dist/ is newer than src/), so this compares what ships with what the sources compute.
describe("the shipped sandbox's tools/list", () => {
  let sandbox: SandboxProcess;
  beforeAll(async () => {
    sandbox = await startSandboxProcess({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-listing-')) });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('is exactly what the sources compute, entry by entry', async () => {
    const response = await fetch(sandbox.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    const { result } = (await response.json()) as { result: { tools: unknown[] } };
    expect(result.tools).toHaveLength(allTools.length);
    expect(result.tools).toEqual(JSON.parse(JSON.stringify(listedTools(allTools))));
  });
});
