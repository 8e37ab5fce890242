import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/app-process.js';

const eslint = new ESLint({ cwd: REPO_ROOT });

/** The layer rules' messages for `code` as if it were the file at `file` (relative to the repo). */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports' || message.ruleId === 'no-restricted-syntax').map((message) => message.message);
}

describe('the layers eslint.config.js enforces', () => {
  it.each([
    ['src/agent/new-file.ts', "import { App } from '../ui/app.js';\nexport { App };\n"],
    ['src/agent/offline/new-file.ts', "import type { AppOptions } from '../../app/app-options.js';\nexport type { AppOptions };\n"],
    ['src/mcp/new-file.ts', "import { Box } from 'ink';\nexport { Box };\n"],
    ['src/secrets/new-file.ts', "import type { AuthState } from '../agent/events.js';\nexport type { AuthState };\n"],
    ['src/sandbox/tools/new-file.ts', "import { runTurn } from '../../agent/run-turn.js';\nexport { runTurn };\n"],
    ['src/sandbox/new-file.ts', "import { useState } from 'react';\nexport { useState };\n"],
    ['src/app/new-file.ts', "import { App } from '../ui/app.js';\nexport { App };\n"],
    ['src/ui/components/new-file.ts', "import { runHeadless } from '../../app/headless.js';\nexport { runHeadless };\n"],
    ['src/config/new-file.ts', "export const load = () => import('../commands/command-table.js');\n"],
    ['src/slash-commands/new-file.ts', "export const load = () => import('../ui/app.js');\n"],
  ])('refuses %s importing across its layer', async (file, code) => {
    const errors = await layerErrors(file, code);
    expect(errors.length, code).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/may not import from this layer|without a terminal UI/);
  });

  it.each([
    ['src/agent/new-file.ts', "import { connectFavcrm } from '../mcp/favcrm-connection.js';\nexport { connectFavcrm };\n"],
    ['src/ui/new-file.ts', "import type { AgentEvent } from '../agent/events.js';\nimport { parseSlashCommand } from '../slash-commands/slash-command.js';\nexport { parseSlashCommand };\nexport type { AgentEvent };\n"],
    ['src/commands/new-file.ts', "import { App } from '../ui/app.js';\nimport { runHeadless } from '../app/headless.js';\nexport { App, runHeadless };\n"],
    ['src/sandbox/tools/new-file.ts', "import { db } from '../database/database.js';\nexport { db };\n"],
  ])('allows %s to import downward', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
