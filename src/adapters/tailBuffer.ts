/** The last characters written to a stream (an engine's stderr): bounded, whatever the engine writes. */
export class TailBuffer {
  private chunks: string[] = [];
  private length = 0;

  constructor(private readonly maxChars: number) {}

  push(s: string): void {
    this.chunks.push(s);
    this.length += s.length;
    if (this.length > 2 * this.maxChars) this.compact();
  }

  private compact(): void {
    const all = this.chunks.join('');
    const kept = all.slice(Math.max(0, all.length - this.maxChars));
    this.chunks = [kept];
    this.length = kept.length;
  }

  /** The tail, at most `maxChars` characters, starting at a line boundary when one is near. */
  text(): string {
    this.compact();
    const t = this.chunks[0] ?? '';
    if (t.length < this.maxChars) return t;
    const nl = t.indexOf('\n');
    return nl >= 0 && nl < 200 ? t.slice(nl + 1) : t;
  }
}
