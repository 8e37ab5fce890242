import { z } from 'zod';

/** Every list tool answers `{items, total}` so the official CLI draws a table (contract §2.6, §6.2). */
export interface ListResult<Item> {
  items: Item[];
  total: number;
  [extra: string]: unknown;
}

/** `total` counts every match; `items` may be cut by `limit`. */
export function listResult<Item>(items: Item[], total: number = items.length, extra: Record<string, unknown> = {}): ListResult<Item> {
  return { items, total, ...extra };
}

/** Page size for list tools: small by default so an agent's context stays lean. */
export function limitField(defaultLimit = 20, max = 100) {
  return z
    .number()
    .int()
    .min(1)
    .max(max)
    .default(defaultLimit)
    .describe(`How many rows to return (1–${max}, default ${defaultLimit}); \`total\` still counts every match.`);
}

/** SQLite stores booleans as 0/1; tools answer real booleans. */
export function flag(value: number | null | undefined): boolean {
  return value === 1;
}
