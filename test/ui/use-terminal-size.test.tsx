import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { useTerminalSize } from '../../src/ui/hooks/use-terminal-size.js';
import { script, ScriptedSession } from '../../src/ui/testing/scripted-session.js';
import { typeAndSend, waitForFrame } from './helpers.js';

afterEach(() => cleanup());

function resize(stdout: object, columns: number): void {
  Object.defineProperty(stdout, 'columns', { configurable: true, get: () => columns });
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
});
