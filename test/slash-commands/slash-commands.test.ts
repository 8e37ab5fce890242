import { describe, expect, it } from 'vitest';
import { runHeadlessCommand } from '../../src/app/headless-commands.js';
import { parseSlashCommand, type SlashCommand } from '../../src/slash-commands/slash-command.js';
import { runChatSlashCommand as runSlashCommand } from '../../src/ui/hooks/chat-slash-command.js';
import type { ChatAction } from '../../src/ui/state/chat-state.js';
import { ScriptedSession } from '../helpers/scripted-session.js';

function record(session: ScriptedSession) {
  const actions: ChatAction[] = [];
  let exited = 0;
  return {
    actions,
    exits: () => exited,
    context: { session, dispatch: (action: ChatAction) => actions.push(action), exit: () => (exited += 1) },
  };
}

describe('parseSlashCommand', () => {
  it('leaves messages alone and parses each command, case-insensitively, with the /tools filter', () => {
    expect(parseSlashCommand('hello /help')).toBeNull();
    expect(parseSlashCommand(' /HELP ')).toEqual({ name: 'help' });
    expect(parseSlashCommand('/doctor')).toEqual({ name: 'doctor' });
    expect(parseSlashCommand('/tools')).toEqual({ name: 'tools' });
    expect(parseSlashCommand('/tools  loyalty tier ')).toEqual({ name: 'tools', filter: 'loyalty tier' });
    expect(parseSlashCommand('/auth')).toEqual({ name: 'auth' });
    expect(parseSlashCommand('/logout')).toEqual({ name: 'logout' });
    expect(parseSlashCommand('/new')).toEqual({ name: 'new' });
    expect(parseSlashCommand('/exit')).toEqual({ name: 'quit' });
    expect(parseSlashCommand('/nope x')).toEqual({ name: 'unknown', input: '/nope x' });
  });
});

describe('runSlashCommand', () => {
  it('wraps slow commands in an activity and always finishes it, even when the port throws', async () => {
    const session = new ScriptedSession();
    session.listTools = () => Promise.reject(new Error('transport closed'));
    const { actions, context } = record(session);
    await runSlashCommand({ name: 'tools' }, context);
    expect(actions.map((action) => action.type)).toEqual(['activity-started', 'local-entry', 'activity-finished']);
    expect(actions[1]).toMatchObject({ entry: { kind: 'error', message: 'transport closed', hint: 'Run /doctor to check the connection.' } });
  });

  it('/logout says so when the key lives in the environment and cannot be removed', async () => {
    const storage = { kind: 'environment' as const, location: 'FAVCRM_API_KEY' };
    const session = new ScriptedSession({ auth: { status: 'signed-in', maskedKey: 'fav_mcp_...abcd', storage } });
    session.logout = async () => {};
    const { actions, context } = record(session);
    await runSlashCommand({ name: 'logout' }, context);
    expect(actions).toContainEqual({ type: 'local-entry', entry: { kind: 'command-output', title: 'Auth', lines: ['Still signed in: the key comes from FAVCRM_API_KEY; remove it there.'] } });
  });

  it('/quit calls exit and nothing else', async () => {
    const session = new ScriptedSession();
    const recorder = record(session);
    await runSlashCommand({ name: 'quit' }, recorder.context);
    expect(recorder.exits()).toBe(1);
    expect(recorder.actions).toEqual([]);
  });
});

describe('ScriptedSession', () => {
  it('uses a reaction once unless it repeats, falls back to a default reply, and cancel is false when idle', async () => {
    const session = new ScriptedSession({ reactions: [{ match: 'hi', steps: [] }] });
    const events: string[] = [];
    session.subscribe((event) => events.push(event.type === 'assistant-message' ? `assistant:${event.text}` : event.type));
    await session.send('hi');
    expect(events).toEqual(['user-message', 'turn-start', 'turn-end']);
    events.length = 0;
    await session.send('hi');
    expect(events).toContain('assistant:(no scripted reaction for "hi")');
    expect(session.cancel()).toBe(false);
    expect(session.calls.cancel).toEqual([false]);
  });
});

describe('one implementation, two presenters', () => {
  /** The lines the chat shows for a command (its command-output or error entry). */
  async function chatLines(text: string, session: ScriptedSession): Promise<string[]> {
    const { actions, context } = record(session);
    await runSlashCommand(parseSlashCommand(text)!, { ...context, confirmed: true });
    return actions.flatMap((action) => {
      if (action.type !== 'local-entry') return [];
      const entry = action.entry as { kind: string; lines?: string[]; message?: string; hint?: string };
      return entry.kind === 'error' ? [entry.message ?? '', `→ ${entry.hint ?? ''}`] : (entry.lines ?? []);
    });
  }

  it('the chat and headless say the same thing for every command', async () => {
    const auth = { status: 'signed-in' as const, maskedKey: 'fav_mcp_...abcd', storage: { kind: 'config-file' as const, location: '/home/x/.config/favcrm/config.toml' } };
    const outbox = [{ to: 'me@cafe.jp', subject: 'Your FavCRM verification code: 412624', sentAt: '2026-11-25T08:00:00.000Z', code: '412624' }];
    const tools = [{ name: 'delete_contact', title: 'Delete contact', summary: 'Deletes a contact', requiresApproval: true }];
    for (const text of ['/help', '/auth', '/outbox', '/tools', '/tools delete', '/doctor', '/logout', '/frobnicate']) {
      const chat = await chatLines(text, new ScriptedSession({ auth, outbox, tools }));
      const headless = await runHeadlessCommand(parseSlashCommand(text) as Exclude<SlashCommand, { name: 'quit' }>, new ScriptedSession({ auth, outbox, tools }));
      expect(headless.lines, text).toEqual(chat);
      expect(chat.length, text).toBeGreaterThan(0);
    }
    // No outbox on a remote FavCRM: the same error and next step in both.
    const remote = () => new ScriptedSession({ endpoint: { url: 'https://mcp.favcrm.io/mcp', sandbox: false } });
    expect((await runHeadlessCommand({ name: 'outbox' }, remote())).lines).toEqual(await chatLines('/outbox', remote()));

  });
});

describe('/tools with the offline model', () => {
  const catalogue = [
    { name: 'list_services', title: 'List services', summary: 'List the services', requiresApproval: false },
    { name: 'create_service', title: 'Create service', summary: 'Add a service', requiresApproval: false },
    { name: 'send_whatsapp_message', title: 'Send WhatsApp message', summary: 'Send a message', requiresApproval: true },
    { name: 'create_invoice', title: 'Create invoice', summary: 'Create an invoice', requiresApproval: false },
  ];

  it('lists what the offline model understands, with a phrasing, and counts the tools only a real model uses', async () => {
    const session = new ScriptedSession();
    session.listTools = () => Promise.resolve(catalogue);
    const { actions, context } = record(session);
    await runSlashCommand({ name: 'tools' }, { ...context, offlineModel: true });
    const entry = actions.find((action) => action.type === 'local-entry');
    const lines = entry?.type === 'local-entry' && entry.entry.kind === 'command-output' ? entry.entry.lines : [];
    expect(lines.join('\n')).toContain('add a service: "add a service Yoga class, 60 min, 150" (create_service)');
    expect(lines.join('\n')).not.toContain('send_whatsapp_message');
    expect(lines.at(-1)).toMatch(/2 more tools that need a real model: set OPENAI_API_KEY/);
    // With a real model, the plain list of every tool.
    const plain = record(session);
    await runSlashCommand({ name: 'tools' }, plain.context);
    const all = plain.actions.find((action) => action.type === 'local-entry');
    expect(all?.type === 'local-entry' && all.entry.kind === 'command-output' ? all.entry.lines : []).toHaveLength(4);
  });

  it('marks each searched tool as used offline or needing a real model', async () => {
    const session = new ScriptedSession();
    session.listTools = () => Promise.resolve(catalogue.slice(1, 3));
    const { actions, context } = record(session);
    await runSlashCommand({ name: 'tools', filter: 'service' }, { ...context, offlineModel: true });
    const entry = actions.find((action) => action.type === 'local-entry');
    expect(entry?.type === 'local-entry' && entry.entry.kind === 'command-output' ? entry.entry.lines : []).toEqual([
      'create_service: Add a service · the offline model uses it',
      'send_whatsapp_message: Send a message (asks first) · needs a real model',
      'For a real model: set OPENAI_API_KEY, or OPENAI_BASE_URL for Ollama, llama.cpp or vLLM, and restart.',
    ]);
  });
});

describe('hints name commands this person can run', () => {
  it('says `npm start -- doctor` to someone who started the app with npm start', async () => {
    const session = new ScriptedSession();
    session.doctor = () => Promise.reject(new Error('fetch failed'));
    const { actions, context } = record(session);
    await runSlashCommand({ name: 'doctor' }, { ...context, command: 'npm start --' });
    expect(actions.find((action) => action.type === 'local-entry')).toMatchObject({ entry: { kind: 'error', hint: 'Is the endpoint URL right? Run npm start -- doctor for details.' } });
  });
});
