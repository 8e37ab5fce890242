import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { createTestSession, startTestSandbox } from '../helpers/agent-fixture.js';
import { scriptedModel } from '../helpers/scripted-model.js';

describe('listTools (the /tools command) against the sandbox catalogue', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('finds tools by words of their name, title or description, in any order and case', async () => {
    const { session } = createTestSession(sandbox.url, scriptedModel([]));
    try {
      const names = async (filter?: string): Promise<string[]> => (await session.listTools(filter)).map((tool) => tool.name);
      // A title word ("Request signup code"), words of a snake_case name, and a name typed as it is.
      expect(await names('signup')).toContain('register_organisation_request');
      expect(await names('Plan Status')).toContain('get_plan_status');
      expect(await names('status plan')).toContain('get_plan_status');
      // Name matches first: a tool whose description mentions get_plan_status comes after it.
      expect((await names('get_plan_status'))[0]).toBe('get_plan_status');
      expect((await names('booking'))[0]).toMatch(/booking/);
      expect(await names('no such thing anywhere')).toEqual([]);
      expect((await names()).length).toBeGreaterThan(80);
      expect(await names('   ')).toHaveLength((await names()).length);
    } finally {
      await session.close();
    }
  });
});
