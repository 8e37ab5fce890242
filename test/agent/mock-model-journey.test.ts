import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CODE_PLACEHOLDER } from '../../src/agent/code-guard.js';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { capturedText, createTestSession, latestCode, startTestSandbox } from '../helpers/agent-fixture.js';
import { everythingSent, lastToolResult, lastUserText, scriptedModel } from '../helpers/scripted-model.js';

const EMAIL = 'owner@stretchbreathe.hk';

describe('the agent loop driven by a scripted LLM against the real sandbox', () => {
  let sandbox: RunningSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('signs up, stores the key 0600, reconnects with Bearer and never shows the key or code to the model', async () => {
    sandbox = await startTestSandbox();
    const model = scriptedModel([
      // Turn 1: the LLM fills the request from the sentence.
      () => ({
        toolCalls: [
          {
            toolName: 'register_organisation_request',
            input: { email: EMAIL, organisationName: 'Stretch + Breathe', industry: 'fitness', country: 'HK', timezone: 'Asia/Hong_Kong' },
          },
        ],
      }),
      (options) => ({ text: `Check ${String(lastToolResult(options, 'register_organisation_request')?.maskedEmail)} for a 6-digit code.` }),
      // Turn 2: it sees only the placeholder and passes it on.
      (options) => {
        expect(lastUserText(options)).toContain(CODE_PLACEHOLDER);
        const request = lastToolResult(options, 'register_organisation_request');
        return { toolCalls: [{ toolName: 'register_organisation_verify', input: { requestId: request?.requestId, code: CODE_PLACEHOLDER } }] };
      },
      (options) => {
        const names = (options.tools ?? []).map((tool) => tool.name);
        expect(names).toContain('list_my_companies');
        expect(names).not.toContain('register_organisation_request');
        return { toolCalls: [{ toolName: 'list_my_companies', input: {} }] };
      },
      (options) => ({ text: `You are in: ${JSON.stringify(lastToolResult(options, 'list_my_companies'))}` }),
    ]);
    const fixture = createTestSession(sandbox.url, model);
    await fixture.session.start();

    await fixture.session.send(`Sign me up for FavCRM. The business is a yoga studio called Stretch + Breathe in Hong Kong, ${EMAIL}`);
    expect(fixture.events.find((event) => event.type === 'signup-pending')).toBeTruthy();
    const code = latestCode(sandbox, EMAIL);

    await fixture.session.send(`here it is: ${code}`);

    const completed = fixture.events.find((event) => event.type === 'signup-completed');
    expect(completed).toBeTruthy();
    const whoami = fixture.events.find((event) => event.type === 'tool-call-end' && event.toolName === 'list_my_companies');
    expect(whoami && whoami.type === 'tool-call-end' && whoami.ok).toBe(true);
    expect(JSON.stringify(whoami)).toContain('Stretch + Breathe');

    // The key is on disk, 0600, and nowhere else.
    const toml = fs.readFileSync(fixture.configFile, 'utf8');
    const apiKey = /api_key = "([^"]+)"/.exec(toml)?.[1] ?? '';
    expect(apiKey).toMatch(/^fav_mcp_[A-Za-z0-9]{32,}$/);
    expect(toml).toContain(`url = "${sandbox.url}"`);
    expect(fs.statSync(fixture.configFile).mode & 0o777).toBe(0o600);
    const sentToModel = everythingSent(model);
    expect(sentToModel).not.toContain(apiKey);
    expect(sentToModel).not.toContain(code);
    expect(sentToModel).toContain(`fav_mcp_...${apiKey.slice(-4)}`);
    const captured = capturedText(fixture);
    expect(captured).not.toContain(apiKey);
    expect(captured).not.toContain(code);
    expect(fixture.session.authStatus()).toMatchObject({ status: 'signed-in', maskedKey: `fav_mcp_...${apiKey.slice(-4)}` });
    await fixture.session.close();
  });

  it('hands the model a CODE_INVALID result it can act on, then verifies with the right code', async () => {
    sandbox = await startTestSandbox();
    const verify = (options: Parameters<typeof lastToolResult>[0]) => ({
      toolCalls: [{ toolName: 'register_organisation_verify', input: { requestId: lastToolResult(options, 'register_organisation_request')?.requestId, code: CODE_PLACEHOLDER } }],
    });
    const model = scriptedModel([
      () => ({ toolCalls: [{ toolName: 'register_organisation_request', input: { email: 'wrong@code.test', organisationName: 'Wrong Code Cafe' } }] }),
      () => ({ text: 'Paste the code.' }),
      verify,
      (options) => {
        const result = lastToolResult(options, 'register_organisation_verify') as { error?: { code?: string; attemptsLeft?: number } };
        expect(result.error?.code).toBe('CODE_INVALID');
        return { text: `Wrong code, ${result.error?.attemptsLeft} tries left.` };
      },
      verify,
      () => ({ text: 'Done.' }),
    ]);
    const fixture = createTestSession(sandbox.url, model);
    await fixture.session.start();
    await fixture.session.send('Sign up Wrong Code Cafe, wrong@code.test');
    const code = latestCode(sandbox, 'wrong@code.test');
    const wrong = code === '111111' ? '222222' : '111111';
    await fixture.session.send(wrong);
    expect(fixture.events.some((event) => event.type === 'tool-call-end' && event.errorCode === 'CODE_INVALID')).toBe(true);
    expect(fixture.session.authStatus().status).toBe('signed-out');
    await fixture.session.send(code);
    expect(fixture.session.authStatus().status).toBe('signed-in');
    expect(everythingSent(model)).not.toContain(code);
    await fixture.session.close();
  });
});

describe('approval gate in the loop', () => {
  it('cancelling while an approval waits counts as no: nothing is sent and the turn ends cancelled', async () => {
    const sandbox = await startTestSandbox();
    try {
      const model = scriptedModel([
        () => ({ toolCalls: [{ toolName: 'register_organisation_request', input: { email: 'cancel@me.test', organisationName: 'Cancel Co' } }] }),
        () => ({ text: 'unreachable' }),
      ]);
      let pendingApproval = false;
      const fixture = createTestSession(sandbox.url, model, { approve: () => true });
      // Replace the auto-answer: cancel instead of answering.
      fixture.session.subscribe((event) => {
        if (event.type === 'approval-request') pendingApproval = true;
      });
      const cancelOnRequest = fixture.session.subscribe((event) => {
        if (event.type === 'approval-request') fixture.session.cancel();
      });
      await fixture.session.start();
      await fixture.session.send('Sign up Cancel Co, cancel@me.test');
      cancelOnRequest();
      expect(pendingApproval).toBe(true);
      expect(fixture.events.find((event) => event.type === 'approval-resolved')).toMatchObject({ approved: false });
      expect(fixture.events.at(-1)).toMatchObject({ type: 'turn-end', reason: 'cancelled' });
      expect(sandbox.outbox.list()).toHaveLength(0);
      await fixture.session.close();
    } finally {
      await sandbox.close();
    }
  });

  it('a confirmed Stripe upgrade link waits for yes; with no, the model is told it was declined', async () => {
    const sandbox = await startTestSandbox();
    try {
      const signup = scriptedModel([
        () => ({ toolCalls: [{ toolName: 'register_organisation_request', input: { email: 'stripe@me.test', organisationName: 'Stripe Co' } }] }),
        () => ({ text: 'code?' }),
        (options) => ({ toolCalls: [{ toolName: 'register_organisation_verify', input: { requestId: lastToolResult(options, 'register_organisation_request')?.requestId, code: CODE_PLACEHOLDER } }] }),
        () => ({ text: 'in' }),
        () => ({ toolCalls: [{ toolName: 'load_favcrm_tools', input: { names: ['create_plan_upgrade_link'] } }] }),
        () => ({ toolCalls: [{ toolName: 'create_plan_upgrade_link', input: { planCode: 'favcrm-lite', billingCycle: 'monthly', confirm: true } }] }),
        (options) => ({ text: `Result: ${JSON.stringify(lastToolResult(options, 'create_plan_upgrade_link'))}` }),
      ]);
      const fixture = createTestSession(sandbox.url, signup, { approve: (request) => !request.reaches.includes('money') });
      await fixture.session.start();
      await fixture.session.send('Sign up Stripe Co, stripe@me.test');
      await fixture.session.send(latestCode(sandbox, 'stripe@me.test'));
      await fixture.session.send('Upgrade me to Lite');
      const request = fixture.events.find((event) => event.type === 'approval-request' && event.request.reaches.includes('money'));
      expect(request).toBeTruthy();
      const last = fixture.events.filter((event) => event.type === 'tool-call-end').at(-1);
      expect(last).toMatchObject({ toolName: 'create_plan_upgrade_link', ok: false, errorCode: 'DECLINED_BY_USER' });
      expect(everythingSent(signup)).toContain('DECLINED_BY_USER');
      expect(JSON.stringify(fixture.events)).not.toContain('checkout.stripe.com');
      await fixture.session.close();
    } finally {
      await sandbox.close();
    }
  });
});
