import xterm from '@xterm/headless';
import { afterEach, describe, expect, it } from 'vitest';
import { ERASE_SCROLLBACK, SCREEN_SCROLLED_AWAY } from '../../src/ui/hooks/use-static-refresh.js';
import { PtyApp, waitUntil } from '../helpers/pty-app.js';

/**
 * The app's output read by a terminal emulator (xterm.js, headless), the way a person's terminal reads it: what the
 * terminal showed before the app started is typed into it first, and resizes reach both at once.
 */
class EmulatedTerminal {
  readonly terminal = new xterm.Terminal({ cols: 110, rows: 40, scrollback: 10_000, allowProposedApi: true });
  private fed = 0;

  constructor(private readonly app: PtyApp) {}

  /** Writes what the app printed since the last call; resolves once the emulator has parsed it. */
  async catchUp(): Promise<void> {
    const chunk = this.app.rawOutput.slice(this.fed);
    this.fed += chunk.length;
    await new Promise<void>((resolve) => this.terminal.write(chunk, resolve));
  }

  async write(text: string): Promise<void> {
    await new Promise<void>((resolve) => this.terminal.write(text, resolve));
  }

  /** Every line the terminal holds, scrollback first. */
  lines(): string[] {
    const buffer = this.terminal.buffer.active;
    return Array.from({ length: buffer.length }, (_, index) => buffer.getLine(index)?.translateToString(true) ?? '');
  }
}

describe('resizing in a real terminal keeps the scrollback', () => {
  let app: PtyApp | undefined;
  afterEach(() => app?.kill());

  it('earlier output (before the app started) survives narrowing and widening; the conversation is reprinted', async () => {
    app = new PtyApp();
    const screen = new EmulatedTerminal(app);
    // A terminal with history: more lines than fit the window, so some are already in its scrollback.
    const before = Array.from({ length: 60 }, (_, index) => `earlier output line ${index + 1}`);
    await screen.write(`${before.join('\r\n')}\r\n$ favcrm-chat\r\n`);

    await app.waitFor(/Tell me about your business/);
    app.press('Sign me up: Moon Cafe in Osaka, Japan\r');
    await app.waitFor(/What should I use/);
    await screen.catchUp();

    for (const columns of [40, 90]) {
      const printed = app.rawOutput.length;
      app.resize(columns, 30);
      screen.terminal.resize(columns, 30);
      await waitUntil(() => SCREEN_SCROLLED_AWAY.test(app!.rawOutput.slice(printed)) && /What should I use/.test(app!.screenText.slice(-3000)));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await screen.catchUp();
    }

    const lines = screen.lines();
    for (const line of before) expect(lines).toContain(line);
    expect(lines.indexOf(before[0] ?? '')).toBe(0);
    // The conversation is on screen again after the last resize, below what came before.
    const lastAnswer = lines.map((line) => line.includes('What should I use')).lastIndexOf(true);
    expect(lastAnswer).toBeGreaterThan(lines.indexOf(before.at(-1) ?? ''));
    expect(app.rawOutput).not.toContain(ERASE_SCROLLBACK);
    app.press('\u0004');
    expect(await app.waitForExit()).toBe(0);
  });
});
