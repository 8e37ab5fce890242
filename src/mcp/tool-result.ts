/** A `tools/call` result reduced to what the agent needs. */
export interface ToolOutcome {
  ok: boolean;
  /** The payload: `structuredContent.data`, else `structuredContent`, else parsed `content[0].text` (contract §2.4). */
  data: unknown;
  /** Stable failure code when the tool reported one (`{error:{code}}`), e.g. `CODE_INVALID`. */
  errorCode?: string;
  errorMessage?: string;
}

interface RawToolResult {
  isError?: boolean;
  structuredContent?: unknown;
  content?: unknown;
}

/** Extracts the payload the same way the official CLI does, and reads FavCRM's error envelope. */
export function toToolOutcome(result: RawToolResult): ToolOutcome {
  const data = extractData(result);
  const failure = readFailure(data);
  const ok = !result.isError && !failure;
  const outcome: ToolOutcome = { ok, data };
  if (!ok) {
    outcome.errorCode = failure?.code ?? 'TOOL_ERROR';
    outcome.errorMessage = failure?.message ?? (typeof data === 'string' ? data : 'The tool reported an error.');
  }
  return outcome;
}

function extractData(result: RawToolResult): unknown {
  const structured = result.structuredContent;
  if (structured && typeof structured === 'object') {
    return 'data' in structured ? (structured as { data: unknown }).data : structured;
  }
  if (Array.isArray(result.content)) {
    const first = result.content[0] as { type?: string; text?: unknown } | undefined;
    if (first && typeof first.text === 'string') {
      try {
        return JSON.parse(first.text);
      } catch {
        return first.text;
      }
    }
  }
  return result;
}

function readFailure(data: unknown): { code: string; message: string } | null {
  if (!data || typeof data !== 'object') return null;
  const error = (data as { error?: unknown }).error;
  if (!error || typeof error !== 'object') return null;
  const code = (error as { code?: unknown }).code;
  const message = (error as { message?: unknown }).message;
  if (typeof code !== 'string') return null;
  return { code, message: typeof message === 'string' ? message : code };
}
