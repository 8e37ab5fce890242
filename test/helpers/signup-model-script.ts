import { lastToolMessage, type FakeCompletion } from './fake-openai-server.js';

type Message = { role: string; content?: unknown; tool_calls?: Array<{ function: { name: string } }> };

/**
 * A model that signs up when asked, and passes the placeholder on when the person pastes something. Signed in, the
 * signup tools are not on offer, so it loads them first, as a real model does. "Which companies" lists them.
 */
export function signupModel(body: Record<string, unknown>): FakeCompletion {
  const messages = (body.messages as Message[]) ?? [];
  const offered = new Set(((body.tools as Array<{ function: { name: string } }>) ?? []).map((tool) => tool.function.name));
  const last = messages.at(-1);
  const lastCall = [...messages].reverse().find((message) => message.role === 'assistant' && message.tool_calls)?.tool_calls?.[0]?.function.name;
  if (last?.role === 'tool' && lastCall !== 'load_favcrm_tools') {
    return { text: lastCall === 'register_organisation_request' ? 'I sent a code to your email. Paste it here.' : 'All set.' };
  }
  const user = [...messages].reverse().find((message) => message.role === 'user');
  const text = typeof user?.content === 'string' ? user.content : JSON.stringify(user?.content ?? '');
  if (/which compan/i.test(text)) return { toolCalls: [{ name: 'list_my_companies', arguments: {} }] };
  const email = /[\w.+-]+@[\w.-]+/.exec(text)?.[0];
  const tool = email ? 'register_organisation_request' : 'register_organisation_verify';
  if (!offered.has(tool)) return { toolCalls: [{ name: 'load_favcrm_tools', arguments: { names: ['register_organisation_request', 'register_organisation_verify'] } }] };
  if (email) {
    return { toolCalls: [{ name: tool, arguments: { email, organisationName: 'Second Studio', industry: 'fitness', country: 'HK', timezone: 'Asia/Hong_Kong' } }] };
  }
  const request = [...messages].reverse().map((message) => (message.role === 'tool' ? lastToolMessage({ messages: [message] }) : null)).find((data) => data && 'requestId' in data);
  return { toolCalls: [{ name: tool, arguments: { requestId: request?.requestId, code: '[code ******]' } }] };
}

