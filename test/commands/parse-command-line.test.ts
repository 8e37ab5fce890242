import { describe, expect, it } from 'vitest';
import type { CommandDefinition } from '../../src/commands/command.js';
import { COMMANDS, DEFAULT_COMMAND } from '../../src/commands/command-table.js';
import { allFlags, parseCommandLine } from '../../src/commands/parse-command-line.js';
import { runCommand } from '../helpers/run-command.js';

const parse = (argv: string[]) => parseCommandLine(argv, COMMANDS, DEFAULT_COMMAND);

describe('the command table and its one parser', () => {
  it('finds the command and subcommand wherever flags stand, and a flag value is never taken for a command', () => {
    expect(parse(['--data', '/tmp/d', 'sandbox', 'outbox', '--json'])).toMatchObject({ path: ['sandbox', 'outbox'], values: { data: '/tmp/d', json: true }, positionals: [] });
    expect(parse(['--api-key=fav_mcp_x', 'auth', 'status'])).toMatchObject({ path: ['auth', 'status'], values: { 'api-key': 'fav_mcp_x' } });
    expect(parse(['--model', 'sandbox'])).toMatchObject({ path: ['chat'], named: false, values: { model: 'sandbox' } });
    expect(parse(['--url', 'http://x/mcp', 'doctor'])).toMatchObject({ path: ['doctor'], values: { url: 'http://x/mcp' } });
    expect(parse([])).toMatchObject({ path: ['chat'], named: false });
    expect(parse(['chat', '--headless'])).toMatchObject({ path: ['chat'], named: true, values: { headless: true } });
  });

  it('words after -- are never commands', () => {
    expect(() => parse(['--', 'sandbox'])).toThrow('Unknown command "sandbox".');
  });

  it('runs the default subcommand: `sandbox` serves, `tool NAME JSON` calls NAME (the official shortcut)', () => {
    expect(parse(['sandbox', '--port', '0'])).toMatchObject({ path: ['sandbox', 'serve'], values: { port: '0' } });
    expect(parse(['tool', 'list_services', '{"limit":2}'])).toMatchObject({ path: ['tool', 'call'], positionals: ['list_services', '{"limit":2}'] });
    expect(parse(['tool', 'describe', 'list_services', '--json'])).toMatchObject({ path: ['tool', 'describe'], positionals: ['list_services'], values: { json: true } });
    expect(parse(['auth', 'help'])).toMatchObject({ path: ['auth'], help: true });
  });

  it("refuses another command's flag by naming the commands that take it", () => {
    expect(() => parse(['doctor', '--yes'])).toThrow('doctor does not take --yes; it is for chat, connect.');
    expect(() => parse(['auth', 'logout', '--api-key', 'k'])).toThrow(/auth logout does not take --api-key; it is for chat, doctor, auth status, connect, tool/);
    expect(() => parse(['--port', '1'])).toThrow('chat does not take --port; it is for sandbox.');
    expect(() => parse(['--bogus'])).toThrow('Unknown option --bogus.');
  });

  it('counts words: doctor takes none, describe one, call two', () => {
    expect(() => parse(['doctor', 'extra'])).toThrow('Unexpected "extra" after doctor: it takes no arguments, only flags.');
    expect(() => parse(['tool', 'describe', 'a', 'b'])).toThrow('Unexpected "b" after tool describe NAME.');
    expect(() => parse(['tool', 'call', 'a', '{}', 'c'])).toThrow(/Unexpected "c" after tool call/);
    expect(() => parse(['auth'])).toThrow('auth needs a subcommand: status, logout.');
    expect(() => parse(['auth', 'statuss'])).toThrow('Unknown subcommand "statuss" for auth: use status, logout.');
  });

  it('every command answers --help with its usage and every flag it takes, exit 0', async () => {
    for (const command of COMMANDS) {
      const argv = command.name === DEFAULT_COMMAND ? ['--help'] : [command.name, '--help'];
      const { code, stdout } = await runCommand(argv);
      expect(code, argv.join(' ')).toBe(0);
      const flags = { ...command.flags, ...Object.assign({}, ...(command.subcommands ?? []).map((sub) => sub.flags ?? {})) };
      for (const flag of Object.keys(flags)) expect(stdout, `${command.name} --help lists --${flag}`).toContain(`--${flag}`);
    }
    expect((await runCommand(['tool', 'call', '-h'])).stdout).toContain('favcrm-chat tool call NAME');
    expect((await runCommand(['--version'])).stdout).toMatch(/^favcrm-chat \d+\.\d+\.\d+\n$/);
  });

  it('a usage error exits 2 with the command usage; the chat keeps its one-line hint', async () => {
    expect(await runCommand(['--bogus'])).toMatchObject({ code: 2, stderr: 'favcrm-chat: Unknown option --bogus. See favcrm-chat --help.\n' });
    const auth = await runCommand(['auth', 'status', '--verbose']);
    expect(auth.code).toBe(2);
    expect(auth.stderr).toContain('Usage: favcrm-chat auth status');
  });

  it('one flag name has one meaning across the table', () => {
    const clash: CommandDefinition[] = [
      { name: 'chat', usage: '', flags: { limit: { type: 'boolean', description: '' } } },
      { name: 'other', usage: '', flags: { limit: { type: 'string', description: '' } } },
    ];
    expect(() => allFlags(clash)).toThrow('Flag --limit is declared twice with different types.');
    expect(() => allFlags(COMMANDS)).not.toThrow();
  });
});
