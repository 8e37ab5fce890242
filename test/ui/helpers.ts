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
export async function waitForFrame(source: FrameSource, expected: string | ((frame: string) => boolean), timeoutMs = 15_000): Promise<string> {
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
export async function eventually(check: () => void, timeoutMs = 15_000): Promise<void> {
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

type Typist = FrameSource & { stdin: { write: (data: string) => void } };

/** How long one key press gets to show on screen before it is sent again. */
const PRESS_RETRY_MS = 400;

/**
 * Presses `keys` until the frame satisfies `expected`. Ink draws a frame during commit but attaches a newly
 * mounted component's key handler in a passive effect just after, so on a loaded machine the first press can
 * land before anyone listens and is dropped. Only use it for presses that are harmless to repeat.
 */
export async function pressUntil(source: Typist, keys: string, expected: string | ((frame: string) => boolean), attempts = 8): Promise<string> {
  const test = typeof expected === 'string' ? (frame: string) => frame.includes(expected) : expected;
  for (let attempt = 1; ; attempt += 1) {
    source.stdin.write(keys);
    const deadline = Date.now() + PRESS_RETRY_MS;
    while (Date.now() < deadline) {
      await tick(5);
      const frame = screen(source);
      if (test(frame)) {
        await settle();
        return frame;
      }
    }
    if (attempt >= attempts) return waitForFrame(source, expected, 0);
  }
}

/** Types `text` into the input box (once it is on screen), then presses Enter until the box lets go of it. */
export async function typeAndSend(source: Typist, text: string): Promise<void> {
  await waitForInput(source);
  const shown = `│ › ${text.slice(0, 20)}`;
  await pressUntil(source, text, shown);
  await pressUntil(source, KEY.enter, (frame) => !frame.includes(shown));
}

/** Waits until the input box is on screen. */
export async function waitForInput(source: FrameSource): Promise<void> {
  await waitForFrame(source, (frame) => /│ › /.test(frame));
  await settle();
}

/**
 * Gives React time to run passive effects after a frame: Ink writes the frame during commit, but key handlers
 * (the line input's closes over the current line) are re-attached by effects a moment later. A key pressed in
 * between would reach a stale handler, which no person typing can do but a test can.
 */
export async function settle(): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    await tick(10);
  }
}
