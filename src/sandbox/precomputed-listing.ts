import type { Tool } from '@modelcontextprotocol/sdk/types.js';

/** Set by scripts/build.mjs (esbuild `define`) to the JSON of `listedTools(allTools)`; absent in the sources. */
declare const __FAVCRM_SANDBOX_TOOLS_LIST__: string | undefined;

/**
 * The `tools/list` entries of the whole catalogue as computed at build time, or undefined when running the
 * TypeScript sources. Converting 82 zod schemas to JSON Schema took ~35 ms of the first `tools/list`, which sits on
 * the chat's and headless mode's way to "ready" (the embedded sandbox answers it on the same thread).
 */
export function precomputedListing(): Tool[] | undefined {
  return typeof __FAVCRM_SANDBOX_TOOLS_LIST__ === 'string' ? (JSON.parse(__FAVCRM_SANDBOX_TOOLS_LIST__) as Tool[]) : undefined;
}
