import { maskKey } from './mask-key.js';

/** The token-safety pattern both FavCRM repos grep for in CI (contract §2.7); no `g` flag, so `test()` is stateless. */
export const SECRET_PATTERN = /fav_(mcp|v0)_[A-Za-z0-9_-]{12,}/;

const SECRET_PATTERN_GLOBAL = new RegExp(SECRET_PATTERN.source, 'g');

/** Extra secrets shorter than this would blank out ordinary words and numbers, so they are refused. */
const MINIMUM_EXTRA_SECRET_LENGTH = 4;

/** What an extra registered secret (such as an emailed code) is replaced with. */
const EXTRA_SECRET_MASK = '****';

export interface Redactor {
  /** Also hide this exact value from now on (e.g. the emailed code while a signup is pending). */
  addSecret(value: string): void;
  removeSecret(value: string): void;
  clearSecrets(): void;
  redact(text: string): string;
  redactDeep(value: unknown): unknown;
}

/** Replaces every FavCRM key in `text` with its masked form. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_PATTERN_GLOBAL, (match) => maskKey(match));
}

/** Redacts strings anywhere in a JSON-like value, object keys included; the input is not modified. */
export function redactDeep(value: unknown): unknown {
  return redactValue(value, redactSecrets, new WeakMap());
}

/** A redactor that also knows secrets registered at runtime; the module functions use the pattern only. */
export function createRedactor(): Redactor {
  const extraSecrets = new Set<string>();
  let extraPattern: RegExp | null = null;

  const rebuild = (): void => {
    const alternatives = [...extraSecrets]
      .sort((left, right) => right.length - left.length)
      .map(boundedPattern);
    extraPattern = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'g') : null;
  };

  const redact = (text: string): string => {
    const withoutKeys = redactSecrets(text);
    return extraPattern ? withoutKeys.replace(extraPattern, EXTRA_SECRET_MASK) : withoutKeys;
  };

  return {
    addSecret(value) {
      const secret = value.trim();
      if (secret.length < MINIMUM_EXTRA_SECRET_LENGTH || extraSecrets.has(secret)) return;
      extraSecrets.add(secret);
      rebuild();
    },
    removeSecret(value) {
      if (extraSecrets.delete(value.trim())) rebuild();
    },
    clearSecrets() {
      extraSecrets.clear();
      rebuild();
    },
    redact,
    redactDeep: (value) => redactValue(value, redact, new WeakMap()),
  };
}

/** Matches the secret only where it is not part of a longer word or number (`123456` but not `91234567`). */
function boundedPattern(secret: string): string {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const before = /^[A-Za-z0-9]/.test(secret) ? '(?<![A-Za-z0-9])' : '';
  const after = /[A-Za-z0-9]$/.test(secret) ? '(?![A-Za-z0-9])' : '';
  return `${before}${escaped}${after}`;
}

function redactValue(value: unknown, redact: (text: string) => string, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object') return value;
  const already = seen.get(value);
  if (already !== undefined) return already;

  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(redactValue(item, redact, seen));
    return copy;
  }
  if (value instanceof Error) return redactError(value, redact, seen);
  if (!isPlainObject(value)) return value;

  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const [key, item] of Object.entries(value)) copy[redact(key)] = redactValue(item, redact, seen);
  return copy;
}

/** Errors keep their class (so `instanceof` still works) but lose any key in message, stack or fields. */
function redactError(error: Error, redact: (text: string) => string, seen: WeakMap<object, unknown>): Error {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  seen.set(error, copy);
  for (const [key, item] of Object.entries(error)) {
    (copy as unknown as Record<string, unknown>)[redact(key)] = redactValue(item, redact, seen);
  }
  Object.defineProperty(copy, 'message', { value: redact(error.message), writable: true, configurable: true });
  if (error.stack !== undefined) {
    Object.defineProperty(copy, 'stack', { value: redact(error.stack), writable: true, configurable: true });
  }
  if (error.cause !== undefined) {
    Object.defineProperty(copy, 'cause', { value: redactValue(error.cause, redact, seen), writable: true, configurable: true });
  }
  return copy;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
