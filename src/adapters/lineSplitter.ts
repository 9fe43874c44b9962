/**
 * Splits a text stream into lines with a bound on the length of one line, so that an engine
 * writing one endless line costs the gate a protocol error, not its memory.
 */

/** Thrown by {@link LineSplitter.push} when a line grows past the limit. */
export class LineTooLong extends Error {}

export class LineSplitter {
  private parts: string[] = [];
  private partLength = 0;

  /** @param maxChars - longest line accepted, in UTF-16 code units, without its newline */
  constructor(private readonly maxChars: number) {}

  /**
   * Feeds a chunk; returns the lines it completes (without `\n`, and without a `\r` before it).
   *
   * @throws LineTooLong when the line in progress exceeds the limit
   */
  push(chunk: string): string[] {
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) break;
      const piece = chunk.slice(start, nl);
      let line = this.parts.length === 0 ? piece : this.parts.join('') + piece;
      this.parts = [];
      this.partLength = 0;
      if (line.length > this.maxChars) throw new LineTooLong(`a line of ${line.length} characters (the limit is ${this.maxChars})`);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      lines.push(line);
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.slice(start);
      this.partLength += rest.length;
      if (this.partLength > this.maxChars) {
        this.parts = [];
        this.partLength = 0;
        throw new LineTooLong(`a line longer than ${this.maxChars} characters without a newline`);
      }
      this.parts.push(rest);
    }
    return lines;
  }

  /** The incomplete line buffered so far ('' when none). */
  partial(): string {
    return this.parts.join('');
  }
}
