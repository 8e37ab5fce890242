import { connectFavcrm } from '../../src/mcp/favcrm-connection.js';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { latestCode } from './agent-fixture.js';

/** Signs a business up straight over MCP (no model, no app) and returns the key the sandbox issued. */
export async function signUpDirectly(sandbox: RunningSandbox, email: string, organisationName = 'Direct Signup Ltd'): Promise<string> {
  const connection = await connectFavcrm(sandbox.url, null);
  try {
    const request = await connection.callTool('register_organisation_request', { email, organisationName, industry: 'retail', country: 'HK', timezone: 'Asia/Hong_Kong' });
    const requestId = (request.data as { requestId: string }).requestId;
    const verify = await connection.callTool('register_organisation_verify', { requestId, code: latestCode(sandbox, email) });
    const apiKey = (verify.data as { apiKey?: unknown }).apiKey;
    if (typeof apiKey !== 'string') throw new Error(`signup of ${email} failed: ${JSON.stringify(verify.data)}`);
    return apiKey;
  } finally {
    await connection.close();
  }
}
