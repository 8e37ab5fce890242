import { cleanup, render } from 'ink-testing-library';
import { Box } from 'ink';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InputBox } from '../../src/ui/components/input-box.js';
import { KEY, pressUntil, screen, settle, waitForFrame } from './helpers.js';

const FULL_KEY = 'fav_mcp_AbCdEfGhIjKlMnOpQrSt5678';

afterEach(() => cleanup());

describe('InputBox', () => {
  function Harness({ onSubmit, placeholder = 'Type here' }: { onSubmit: (value: string) => void; placeholder?: string }) {
    const [value, setValue] = useState('');
    return <InputBox value={value} placeholder={placeholder} onChange={setValue} onSubmit={onSubmit} />;
  }

  it('shows the placeholder, echoes typing and sends on Enter', async () => {
    const onSubmit = vi.fn();
    const app = render(<Harness onSubmit={onSubmit} placeholder="Paste the 6-digit code sent to yo*@example.com" />);
    expect(screen(app)).toContain('› Paste the 6-digit code sent to yo*@example.com');
    await pressUntil(app, '654321', '› 654321');
    await pressUntil(app, KEY.enter, () => onSubmit.mock.calls.some(([value]) => value === '654321'));
    expect(onSubmit).toHaveBeenCalledWith('654321');
  });

  // A line pasted with its line break (or typed ahead while the app was busy) arrives with its Enter in one chunk and
  // goes out at once: the value held here never changes. The box is keyed by the count of lines sent, as the app
  // does, so the next line's cursor follows what is typed ("y" then "z" once read "zy").
  it('after a line sent together with its Enter, keys typed one by one land in order', async () => {
    const sent: string[] = [];
    function SendingHarness() {
      const [value, setValue] = useState('');
      const [count, setCount] = useState(0);
      const send = (line: string) => {
        sent.push(line.trim());
        setCount((previous) => previous + 1);
        setValue('');
      };
      return <InputBox value={value} placeholder="Type here" recallKey={String(count)} onChange={(next) => (next.endsWith('\r') ? send(next) : setValue(next))} onSubmit={send} />;
    }
    const app = render(<SendingHarness />);
    await settle();
    app.stdin.write(`first line${KEY.enter}`);
    await waitForFrame(app, () => sent.length === 1);
    await waitForFrame(app, '› Type here');
    await settle();
    for (const [index, key] of ['y', 'z', 'w'].entries()) {
      app.stdin.write(key);
      await waitForFrame(app, (frame) => /› \S/.test(frame) && !frame.includes('Type here') && frame.replace(/[^yzw]/g, '').length === index + 1);
      await settle();
    }
    expect(screen(app)).toContain('› yzw');
  });

  it('edits like a terminal line: Ctrl+A, arrows, a held Backspace, Ctrl+U; Ctrl+letters type nothing', async () => {
    const onSubmit = vi.fn();
    const app = render(<Harness onSubmit={onSubmit} />);
    await settle();
    const step = async (keys: string, expected: string) => {
      app.stdin.write(keys);
      await waitForFrame(app, (frame) => frame.includes(`› ${expected}`) || (expected === '' && frame.includes('› Type here')));
      await settle();
    };
    await step('world', 'world');
    await step('\u0001', 'world'); // Ctrl+A
    await step('hello ', 'hello world');
    await step('\u0005', 'hello world'); // Ctrl+E
    await step('!!!', 'hello world!!!');
    await step('\u007f\u007f', 'hello world!'); // a held Backspace, read as one chunk
    await step('\u001B[D', 'hello world!'); // ←
    await step('?', 'hello world?!');
    await step('\u0007', 'hello world?!'); // Ctrl+G: no binding, and no "g" typed either
    await step('\u0015', '!'); // Ctrl+U: everything before the cursor
    expect(screen(app)).not.toMatch(/› .*g/);
    await step(KEY.enter, '');
    expect(onSubmit).toHaveBeenCalledWith('!');
  });

  it('a bracketed paste waits for Enter, even when it ends in a line break', async () => {
    const onSubmit = vi.fn();
    const app = render(<Harness onSubmit={onSubmit} />);
    await settle();
    app.stdin.write('\u001B[200~Sign me up.\nBusiness: Kowloon Kicks\n\u001B[201~');
    await waitForFrame(app, '› Sign me up. Business: Kowloon Kicks');
    await settle();
    expect(onSubmit).not.toHaveBeenCalled();
    // After the paste, typing and Enter work as before.
    // The paste's last line break is not left behind as a space: "!" lands right after "Kicks".
    await pressUntil(app, '!', 'Kicks!');
    await pressUntil(app, KEY.enter, () => onSubmit.mock.calls.length > 0);
    expect(onSubmit).toHaveBeenCalledWith('Sign me up. Business: Kowloon Kicks!');
  });

  it('wraps a long line at spaces inside the box: no row starts with a space, the cursor cell stays inside', () => {
    const frame = screen(render(<Box width={40} flexDirection="column"><InputBox columns={40} value={'word '.repeat(15).trim()} placeholder="x" onChange={() => {}} onSubmit={() => {}} /></Box>));
    const rows = frame.split('\n').slice(1, -1);
    expect(rows.length).toBe(3);
    expect(rows[0]).toMatch(/^│ › word/);
    for (const row of rows.slice(1)) expect(row).toMatch(/^│ {3}word/);
    for (const row of rows) expect(row).toMatch(/│$/);
  });

  it('hides a pasted key behind dots', async () => {
    const app = render(<Harness onSubmit={() => {}} />);
    const frame = await pressUntil(app, FULL_KEY, '••••••••');
    expect(frame).not.toContain('AbCdEfGh');
  });
});
