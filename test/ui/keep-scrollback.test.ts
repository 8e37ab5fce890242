import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { keepScrollback } from '../../src/ui/keep-scrollback.js';

describe('keepScrollback', () => {
  it('passes every write through except the scrollback erase Ink adds to its full clear', () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
    Object.assign(stream, { columns: 80, rows: 24, isTTY: true });
    const written: string[] = [];
    stream.on('data', (chunk: Buffer) => written.push(chunk.toString()));
    const wrapped = keepScrollback(stream);
    // ansi-escapes' clearTerminal, which Ink writes when its frame is as tall as the screen.
    wrapped.write('\u001B[2J\u001B[3J\u001B[Hframe');
    wrapped.write(Buffer.from('bytes'));
    expect(written.join('')).toBe('\u001B[2J\u001B[Hframebytes');
    // Everything else is the stream itself: size, listeners, TTY-ness.
    expect(wrapped.columns).toBe(80);
    expect(wrapped.isTTY).toBe(true);
    let resized = false;
    wrapped.on('resize', () => (resized = true));
    stream.emit('resize');
    expect(resized).toBe(true);
  });
});
