/** What `doctor` says about the model's context window, when the server tells. */
export interface ModelContextReport {
  server: 'vllm' | 'llama.cpp' | 'ollama' | 'unknown';
  /** Tokens the server will actually use for a request (vLLM max_model_len, llama.cpp n_ctx, Ollama num_ctx). */
  contextTokens?: number;
  /** The most the model was trained for (Ollama's model_info), when that is all the server says. */
  modelMaxTokens?: number;
  source?: string;
  warning?: string;
}

/** Below this a request of this app (budget ~6k tokens plus the answer) may be cut from the start. */
export const MIN_CONTEXT_TOKENS = 8_192;
const PROBE_TIMEOUT_MS = 2_000;

type Fetch = typeof fetch;

/**
 * Asks the server behind OPENAI_BASE_URL how large the model's context is: vLLM's /v1/models (max_model_len),
 * llama.cpp's /props (n_ctx), Ollama's /api/ps and /api/show (context_length, num_ctx). Never throws.
 */
export async function probeModelContext(baseURL: string, modelId: string, fetchImpl: Fetch = globalThis.fetch): Promise<ModelContextReport> {
  const root = baseURL.replace(/\/+$/, '').replace(/\/v1$/, '');
  const get = async (url: string, init?: RequestInit): Promise<unknown> => {
    try {
      const response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      return response.ok ? await response.json() : null;
    } catch {
      return null;
    }
  };
  const withWarning = (report: ModelContextReport): ModelContextReport => {
    const tokens = report.contextTokens;
    if (tokens !== undefined && tokens < MIN_CONTEXT_TOKENS) {
      const fix = report.server === 'ollama' ? 'start Ollama with OLLAMA_CONTEXT_LENGTH=16384 or set num_ctx in a Modelfile' : report.server === 'llama.cpp' ? 'start llama-server with -c 16384' : 'start vLLM with --max-model-len 16384';
      return { ...report, warning: `${tokens} tokens is less than this app needs (${MIN_CONTEXT_TOKENS}+); the server may cut the start of the prompt (the system prompt). ${fix[0]?.toUpperCase()}${fix.slice(1)}.` };
    }
    return report;
  };

  const models = (await get(`${root}/v1/models`)) as { data?: Array<{ id?: string; max_model_len?: number; meta?: { n_ctx_train?: number } }> } | null;
  const listed = models?.data?.find((model) => model.id === modelId) ?? models?.data?.[0];
  if (typeof listed?.max_model_len === 'number') return withWarning({ server: 'vllm', contextTokens: listed.max_model_len, source: '/v1/models max_model_len' });

  const props = (await get(`${root}/props`)) as { default_generation_settings?: { n_ctx?: number }; n_ctx?: number } | null;
  const nCtx = props?.default_generation_settings?.n_ctx ?? props?.n_ctx;
  if (typeof nCtx === 'number') return withWarning({ server: 'llama.cpp', contextTokens: nCtx, source: '/props n_ctx' });

  const show = (await get(`${root}/api/show`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: modelId }) })) as {
    parameters?: string;
    model_info?: Record<string, unknown>;
  } | null;
  if (show) {
    const running = (await get(`${root}/api/ps`)) as { models?: Array<{ name?: string; model?: string; context_length?: number }> } | null;
    const loaded = running?.models?.find((model) => model.name === modelId || model.model === modelId)?.context_length;
    const numCtx = Number(/(?:^|\n)\s*num_ctx\s+(\d+)/.exec(show.parameters ?? '')?.[1]);
    const modelMax = Object.entries(show.model_info ?? {}).find(([key]) => key.endsWith('.context_length'))?.[1];
    const report: ModelContextReport = { server: 'ollama', ...(typeof modelMax === 'number' ? { modelMaxTokens: modelMax } : {}) };
    if (typeof loaded === 'number') return withWarning({ ...report, contextTokens: loaded, source: '/api/ps context_length (loaded model)' });
    if (numCtx > 0) return withWarning({ ...report, contextTokens: numCtx, source: '/api/show num_ctx (Modelfile)' });
    return { ...report, source: '/api/show', warning: 'Ollama uses OLLAMA_CONTEXT_LENGTH (4096 by default on many setups) unless the Modelfile sets num_ctx; this app needs 8192+. See docs/model-servers.md.' };
  }
  return { server: 'unknown' };
}
