import { CODE_PLACEHOLDER } from '../../../src/agent/code-guard.js';
import type { Intent } from './dialects.js';
import type { ChatMessage, ChatRequest } from './replay-server.js';

export const SIGNUP_EMAIL = 'owner@moon-cafe.jp';
export const FINAL_SUMMARY = 'All set: Moon Cafe is on the free plan and has no services yet.';

/** The text of a message's content (a string or text parts). */
export function textOf(message: ChatMessage | undefined): string {
  const content = message?.content;
  if (typeof content === 'string') return content;
  return Array.isArray(content) ? content.map((part) => part.text ?? '').join('') : '';
}

/** The name of the tool a `tool` message answers, found through the assistant call with the same id. */
function answeredTool(messages: ChatMessage[], toolMessage: ChatMessage): string | undefined {
  for (const message of messages) for (const call of message.tool_calls ?? []) if (call.id === toolMessage.tool_call_id) return call.function.name;
  return undefined;
}

/**
 * A model that does the signup journey like a capable real one: decides from the conversation it is sent, not from
 * a step counter, so a repaired or retried stream still leads to the same next step.
 */
export function signupBrain(body: ChatRequest): Intent {
  const messages = body.messages;
  const last = messages.at(-1);
  if (last?.role === 'user') {
    const text = textOf(last);
    if (text.includes(CODE_PLACEHOLDER)) {
      const requestId = [...messages].reverse().map((message) => /"requestId":"([^"]+)"/.exec(textOf(message))?.[1]).find(Boolean);
      return { kind: 'tools', calls: [{ name: 'register_organisation_verify', args: { requestId: requestId ?? 'missing', code: CODE_PLACEHOLDER } }] };
    }
    if (/sign me up/i.test(text)) {
      return { kind: 'tools', calls: [{ name: 'register_organisation_request', args: { organisationName: 'Moon Cafe', email: SIGNUP_EMAIL, industry: 'hospitality', country: 'JP', timezone: 'Asia/Tokyo' } }] };
    }
    return { kind: 'text', text: 'What would you like to do next?' };
  }
  if (last?.role === 'tool') {
    const tool = answeredTool(messages, last);
    if (tool === 'register_organisation_request') return { kind: 'text', text: 'I sent a 6-digit code to your inbox; paste it here.' };
    if (tool === 'register_organisation_verify') return { kind: 'tools', calls: [{ name: 'list_my_companies', args: {} }, { name: 'get_plan_status', args: {} }] };
    return { kind: 'text', text: FINAL_SUMMARY };
  }
  return { kind: 'text', text: 'Hello.' };
}
