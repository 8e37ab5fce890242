import { describe, expect, it } from 'vitest';
import type { AgentSessionPort } from '../../src/agent/events.js';
import { runHeadlessCommand } from '../../src/app/headless-commands.js';
import { parseSlashCommand } from '../../src/slash-commands/slash-command.js';

const KEY = `fav_mcp_${'U'.repeat(40)}`;

/** Only what /save-key and /reveal-key use, like AgentSession holding a key no store took. */
function sessionWithUnsavedKey(): AgentSessionPort {
  let revealed = false;
  return {
    saveUnsavedKey: async () => 'Saved the key fav_mcp_...UUUU to ~/.config/favcrm/config.toml.',
    authStatus: () => ({ status: 'signed-in', maskedKey: 'fav_mcp_...UUUU', storage: { kind: 'file', location: '~/.config/favcrm/config.toml' } }),
    revealUnsavedKey: (show: (apiKey: string) => void) => {
      if (revealed) return false;
      revealed = true;
      show(KEY);
      return true;
    },
  } as unknown as AgentSessionPort;
}

describe('/save-key and /reveal-key', () => {
  it('are slash commands', () => {
    expect(parseSlashCommand('/save-key')).toEqual({ name: 'save-key' });
    expect(parseSlashCommand('/reveal-key')).toEqual({ name: 'reveal-key' });
  });

  it('headless: reveals only to a terminal, once, and never in the command output', async () => {
    const session = sessionWithUnsavedKey();
    const refused = await runHeadlessCommand({ name: 'reveal-key' }, session);
    expect(refused.lines.join(' ')).toContain('stderr is not a terminal');
    let terminal = '';
    const shown = await runHeadlessCommand({ name: 'reveal-key' }, session, (apiKey) => (terminal += apiKey));
    expect(terminal).toBe(KEY);
    expect(JSON.stringify(shown)).not.toContain(KEY);
    const again = await runHeadlessCommand({ name: 'reveal-key' }, session, (apiKey) => (terminal += apiKey));
    expect(again.lines.join(' ')).toContain('shown already');
    expect(terminal).toBe(KEY);
    expect((await runHeadlessCommand({ name: 'save-key' }, session)).lines).toEqual(['Saved the key fav_mcp_...UUUU to ~/.config/favcrm/config.toml.']);
  });
});
