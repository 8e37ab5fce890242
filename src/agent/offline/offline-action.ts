/** What the offline model does on one step: say something, call one tool, or both (text first). */
export interface OfflineAction {
  text?: string;
  toolCall?: { toolName: string; input: Record<string, unknown> };
}

export const say = (text: string): OfflineAction => ({ text });
export const call = (toolName: string, input: Record<string, unknown> = {}): OfflineAction => ({ toolCall: { toolName, input } });

/** The honest answer for anything the offline model cannot map to a tool. */
export const NEEDS_REAL_MODEL =
  "That needs a real language model: I'm the offline model, and I only handle signup and a few commands " +
  '(list services, add a service or a member, book a member into a service, plan status, search members, who am I, doctor). ' +
  'Set OPENAI_API_KEY (or OPENAI_BASE_URL for Ollama, llama.cpp or vLLM) and restart to ask anything.';
