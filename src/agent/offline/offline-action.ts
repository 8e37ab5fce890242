/** What the offline model does on one step: say something, call one tool, or both (text first). */
export interface OfflineAction {
  text?: string;
  toolCall?: { toolName: string; input: Record<string, unknown> };
}

export const say = (text: string): OfflineAction => ({ text });
export const call = (toolName: string, input: Record<string, unknown> = {}): OfflineAction => ({ toolCall: { toolName, input } });

