/**
 * What the subprocess and the module adapter share: an engine that is restarted after each
 * failure, up to a limit, and then given up on (docs/protocol.md, "What the gate does when an
 * engine fails": restarts are bounded).
 *
 * @internal
 */
import type { Answer } from '../invariants/invariant.ts';
import { DEFAULTS, HandshakeFields, type EngineStats, type OpenOptions } from './engineHandle.ts';
import { failed, stderrBlock } from './protocol.ts';
import { TailBuffer } from './tailBuffer.ts';

export abstract class RestartingEngine extends HandshakeFields {
  protected restarts = 0;
  /** set once the adapter stopped restarting the engine: every later answer is a crash */
  protected gaveUp: string | null = null;
  protected closed = false;
  private closing: Promise<void> | null = null;
  /** the pending deadline check, if any */
  protected timer: NodeJS.Timeout | null = null;
  /** the engine's stderr (a module's stdout too), with the adapter's own notes between */
  protected readonly tail: TailBuffer;
  protected readonly maxRestarts: number;
  /** requests asked of the adapter, answered or not */
  protected requests = 0;

  protected constructor(o: OpenOptions) {
    super();
    this.tail = new TailBuffer(o.stderrTailChars ?? DEFAULTS.stderrTailChars);
    this.maxRestarts = o.maxRestarts ?? DEFAULTS.maxRestarts;
  }

  /** Starts the engine and completes its handshake (rejects when it cannot). */
  protected abstract start(): Promise<unknown>;
  /** Sends what is queued. */
  protected abstract pump(): void;
  /** Answers everything that waits with {@link gaveUpAnswer}. */
  protected abstract giveUp(reason: string): void;
  /** Answers what waits, then stops the engine within a deadline. */
  protected abstract shutdown(): Promise<void>;

  /** What the engine wrote to stderr (a module's stdout too: it is not the gate's, so it cannot fake a report). */
  stderrTail(): string {
    return this.tail.text();
  }

  stats(): EngineStats {
    return { restarts: this.restarts, gaveUp: this.gaveUp, requests: this.requests };
  }

  /** Stops the engine; safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  protected clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** After a failure: start a new engine, counting restarts; give up past the limit. */
  protected restart(): void {
    if (this.closed || this.gaveUp !== null) return;
    this.restarts++;
    if (this.restarts > this.maxRestarts) {
      this.giveUp(`the engine failed ${this.restarts} times (limit ${this.maxRestarts} restarts)`);
      return;
    }
    this.tail.push(`\n--- liqcheck: restarting the engine (restart ${this.restarts} of at most ${this.maxRestarts}) ---\n`);
    this.start().then(
      () => this.pump(),
      (e: unknown) => {
        if (this.closed) return;
        this.tail.push(`\n--- liqcheck: restart failed: ${(e as Error).message.split('\n')[0]} ---\n`);
        this.restart();
      },
    );
  }

  protected gaveUpAnswer(): Answer {
    return failed('crash', `the engine is no longer restarted: ${this.gaveUp}${stderrBlock(this.tail.text())}`);
  }
}
