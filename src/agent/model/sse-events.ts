/** Splits a Server-Sent Events byte stream into events' `data` payloads (comments and other fields dropped). */
export class SseEventSplitter {
  private buffer = '';
  private readonly decoder = new TextDecoder();

  /** The complete events' data in `bytes` (null at the end flushes a last event without its blank line). */
  push(bytes: Uint8Array | null): string[] {
    this.buffer += bytes ? this.decoder.decode(bytes, { stream: true }) : this.decoder.decode();
    const events: string[] = [];
    for (;;) {
      const match = /\r\n\r\n|\n\n|\r\r/.exec(this.buffer);
      if (!match) break;
      events.push(this.buffer.slice(0, match.index));
      this.buffer = this.buffer.slice(match.index + match[0].length);
    }
    if (bytes === null && this.buffer.trim() !== '') {
      events.push(this.buffer);
      this.buffer = '';
    }
    return events.map(dataOf).filter((data): data is string => data !== null);
  }
}

/** The `data:` lines of one event joined by newlines (SSE spec), or null for an event without data. */
function dataOf(event: string): string | null {
  const lines = event.split(/\r\n|\n|\r/).filter((line) => line.startsWith('data:'));
  if (lines.length === 0) return null;
  return lines.map((line) => line.slice(line.startsWith('data: ') ? 6 : 5)).join('\n');
}
