import { describe, expect, it } from 'vitest';
import { parseSlashCommand, runSlashCommand } from '../../src/ui/slash-commands.js';
import type { ChatAction } from '../../src/ui/state/chat-state.js';
import { ScriptedSession } from '../../src/ui/testing/scripted-session.js';

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
