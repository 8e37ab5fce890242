import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { ERASE_SCROLLBACK, SCREEN_SCROLLED_AWAY } from '../../src/ui/hooks/use-static-refresh.js';
import { useTerminalSize } from '../../src/ui/hooks/use-terminal-size.js';
import { script, ScriptedSession } from '../helpers/scripted-session.js';
import { typeAndSend, waitForFrame } from './helpers.js';

afterEach(() => cleanup());

function resize(stdout: object, columns: number, rows?: number): void {
  Object.defineProperty(stdout, 'columns', { configurable: true, get: () => columns });
  if (rows !== undefined) Object.defineProperty(stdout, 'rows', { configurable: true, get: () => rows });
  (stdout as { emit: (event: string) => void }).emit('resize');
}

function Probe() {
  const { columns, rows } = useTerminalSize();
  return <Text>{`${columns}x${rows}`}</Text>;
}

describe('useTerminalSize', () => {
  it('reads the size and follows stdout resize events', async () => {
    const app = render(<Probe />);
    await waitForFrame(app, '100x24');
    resize(app.stdout, 42);
    await waitForFrame(app, '42x24');
  });

  it('reflows the live turn to the new width', async () => {
    const sentence = Array.from({ length: 12 }, (_, index) => `word${index}`).join(' ');
    const session = new ScriptedSession({
      reactions: [{ match: 'go', steps: [...script.emit({ type: 'text-delta', text: sentence }), ...script.waitForCancel()] }],
    });
    const app = render(<App session={session} />);
    await typeAndSend(app, 'go');
    const wide = await waitForFrame(app, 'word11');
    expect(wide).toContain(sentence);
    resize(app.stdout, 40);
    const narrow = await waitForFrame(app, (frame) => !frame.includes(sentence) && frame.includes('word11'));
    const liveLines = narrow.split('\n').filter((line) => line.includes('word'));
    expect(liveLines.length).toBeGreaterThanOrEqual(2);
    for (const line of liveLines) expect(line.length).toBeLessThanOrEqual(40);
    session.cancel();
  });

  it('prints the finished transcript again at the new width once the width settles; a height change alone does not', async () => {
    const sentence = Array.from({ length: 20 }, (_, index) => `word${index}`).join(' ');
    const session = new ScriptedSession({ reactions: [{ match: 'go', steps: script.emit({ type: 'assistant-message', text: sentence }) }] });
    const app = render(<App session={session} />);
    await typeAndSend(app, 'go');
    await waitForFrame(app, 'word19');
    const clears = () => app.frames.filter((frame) => SCREEN_SCROLLED_AWAY.test(frame)).length;

    resize(app.stdout, 100, 30);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(clears()).toBe(0);

    resize(app.stdout, 60);
    resize(app.stdout, 40);
    await waitForFrame(app, () => clears() === 1);
    // Ink's test renderer repeats all printed output in each frame: the copy after the clear is the last one.
    const frame = await waitForFrame(app, (shown) => {
      const reprinted = shown.slice(shown.lastIndexOf('word0 '));
      return reprinted.includes('word19') && reprinted.includes('╰');
    });
    const reprinted = frame.slice(frame.lastIndexOf('word0 ')).split('\n').filter((line) => line.includes('word'));
    expect(reprinted.length).toBeGreaterThanOrEqual(3);
    for (const line of reprinted) expect(line.length).toBeLessThanOrEqual(40);
    // One reprint for the burst of two resizes.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(clears()).toBe(1);
    // The screen is moved up into the scrollback, never erased with it.
    expect(app.frames.join('')).not.toContain(ERASE_SCROLLBACK);
  });

  it('keeps the streaming text shorter than the screen, saying how much is above', async () => {
    const long = Array.from({ length: 60 }, (_, index) => `line ${index}`).join('\n');
    const session = new ScriptedSession({
      reactions: [{ match: 'go', steps: [...script.emit({ type: 'text-delta', text: long }), ...script.waitForCancel()] }],
    });
    const app = render(<App session={session} />);
    await typeAndSend(app, 'go');
    const frame = await waitForFrame(app, 'line 59');
    expect(frame).toMatch(/… \d+ more lines above, printed in full when this message is done/);
    expect(frame).not.toContain('line 0\n');
    expect(frame.split('\n').length).toBeLessThan(24);
    session.cancel();
  });
});
