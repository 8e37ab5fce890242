/**
 * Ink clears the whole terminal, scrollback included (ESC[2J ESC[3J ESC[H), whenever its live frame is as tall as
 * the screen, then prints the conversation again. The chat hands Ink a stdout that drops the scrollback erase, so
 * what the terminal showed before the app started survives; at worst an old copy of the frame stays above.
 */
import { ERASE_SCROLLBACK } from './hooks/use-static-refresh.js';

/** `stdout` as Ink should see it: the same stream, whose writes never erase the scrollback. */
export function keepScrollback(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk.split(ERASE_SCROLLBACK).join('') : chunk;
    return (stdout.write as (...args: unknown[]) => boolean).call(stdout, text, ...rest);
  };
  return new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
