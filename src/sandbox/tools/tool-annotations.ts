import type { ToolAnnotations } from './tool-definition.js';

// Contract §4.1 hints, spelled out per tool. These helpers only save typing: each returns all four
// hints explicitly, and the catalogue test checks them against the naming rules.

/** `list_*`, `get_*`, `search_*`, `query_*`, `check_*`: no side effects, safe to repeat. */
export function readOnlyTool(title: string): ToolAnnotations {
  return { title, readOnlyHint: true, destructiveHint: false, openWorldHint: false, idempotentHint: true };
}

/** A write; `destructive` for delete/cancel/void/refund, `openWorld` when it reaches WhatsApp, Stripe or email. */
export function writeTool(
  title: string,
  hints: { destructive?: boolean; openWorld?: boolean; idempotent?: boolean } = {},
): ToolAnnotations {
  return {
    title,
    readOnlyHint: false,
    destructiveHint: hints.destructive ?? false,
    openWorldHint: hints.openWorld ?? false,
    idempotentHint: hints.idempotent ?? false,
  };
}
