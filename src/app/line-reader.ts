import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * Pulls stdin one line at a time, so headless mode can take the next line as a turn or, while a gated call waits,
 * as the answer to it. A line read but not wanted (not a yes or no) can be put back to be read as the next turn.
 */
export class LineReader {
  private readonly lines: AsyncIterator<string>;
  private readonly putBack: string[] = [];
  private ended = false;

  constructor(input: Readable) {
    this.lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  }

  /** The next line, or null once the input has ended. */
  async next(): Promise<string | null> {
    const held = this.putBack.shift();
    if (held !== undefined) return held;
    if (this.ended) return null;
    const result = await this.lines.next();
    if (result.done) {
      this.ended = true;
      return null;
    }
    return result.value;
  }

  unread(line: string): void {
    this.putBack.unshift(line);
  }

  /** Stops reading (closes the readline interface under the iterator). */
  async close(): Promise<void> {
    this.ended = true;
    await this.lines.return?.();
  }
}
