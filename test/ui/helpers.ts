/** Shared helpers for the Ink UI tests: ANSI-free frames, polling for a frame, typing keys. */
import { expect } from 'vitest';

export const KEY = {
  enter: '\r',
  up: '\u001B[A',
  down: '\u001B[B',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
} as const;

const ANSI = /\u001B\[[0-9;?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export interface FrameSource {
  lastFrame: () => string | undefined;
  frames: string[];
}

/** The latest frame without colours. */
export function screen(source: FrameSource): string {
  return stripAnsi(source.lastFrame() ?? '');
}

/** The frame with line wrapping undone (whitespace runs collapsed), for sentences longer than a terminal line. */
export function flat(frame: string): string {
  return frame.replace(/\s+/g, ' ');
}

/** Lets React and Ink flush pending renders. */
export function tick(ms = 10): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until the latest frame satisfies `expected` (text or predicate); fails with the last frame shown. */
export async function waitForFrame(source: FrameSource, expected: string | ((frame: string) => boolean), timeoutMs = 3000): Promise<string> {
  const test = typeof expected === 'string' ? (frame: string) => frame.includes(expected) : expected;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = screen(source);
    if (test(frame)) return frame;
    if (Date.now() > deadline) {
      expect.fail(`Timed out waiting for ${typeof expected === 'string' ? JSON.stringify(expected) : 'a frame'}. Last frame:\n${frame}`);
    }
    await tick(5);
  }
}

/** Waits until `check` stops throwing (for call records that settle asynchronously). */
export async function eventually(check: () => void, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await tick(5);
    }
  }
}

/** Types `text` into the focused input, waits for it to show, then presses Enter. */
export async function typeAndSend(source: FrameSource & { stdin: { write: (data: string) => void } }, text: string): Promise<void> {
  await waitForInput(source);
  source.stdin.write(text);
  await waitForFrame(source, text.slice(0, 20));
  // Ink writes the frame during commit; the input handler with the new value is attached by a passive effect just after.
  await tick();
  source.stdin.write(KEY.enter);
  await tick();
}

/** Waits until the input box is on screen and its key handler is attached (a passive effect after the frame). */
export async function waitForInput(source: FrameSource): Promise<void> {
  await waitForFrame(source, (frame) => /│ › /.test(frame));
  await tick();
}
