/**
 * Which params sets one engine session holds (protocol 1.1, `params-ref`): a bounded map from a
 * set's JSON text to the id it was sent under, least recently used first.
 *
 * @remarks Keyed by the canonical text the engine would have received inline, not by object
 * identity, so derived scenarios that copy their params still share the one set, and a set mutated
 * after it was sent can never be confused with its old value. When all {@link PARAMS_SLOTS} ids are
 * taken, the least recently used set gives up its id and is sent again if it is used again.
 * Reusing an id is safe with pipelining: the engine reads its input in order, so requests sent
 * before the redefinition refer to the old set (docs/protocol.md#params-sets).
 */
import { PARAMS_SLOTS } from './protocol.ts';

export class ParamsSlots {
  /** JSON text → id, in least-recently-used-first order */
  private readonly byText = new Map<string, number>();
  private readonly textOf = new Map<number, string>();
  /** ids given up by {@link forget}, used again before new ones */
  private readonly free: number[] = [];
  private nextNew = 1;

  constructor(private readonly capacity = PARAMS_SLOTS) {}

  /**
   * The id of `paramsJson` in this session, and whether it must be (re)defined with a `params`
   * message before the request that uses it.
   */
  take(paramsJson: string): { readonly id: number; readonly define: boolean } {
    const known = this.byText.get(paramsJson);
    if (known !== undefined) {
      this.byText.delete(paramsJson);
      this.byText.set(paramsJson, known);
      return { id: known, define: false };
    }
    let id = this.free.pop();
    if (id === undefined && this.nextNew <= this.capacity) id = this.nextNew++;
    if (id === undefined) {
      const [oldest, oldId] = this.byText.entries().next().value as [string, number];
      this.byText.delete(oldest);
      id = oldId;
    }
    this.byText.set(paramsJson, id);
    this.textOf.set(id, paramsJson);
    return { id, define: true };
  }

  /** Forgets set `id` (the engine said it does not know it): it is defined again when next used. */
  forget(id: number): void {
    const text = this.textOf.get(id);
    if (text === undefined) return;
    this.textOf.delete(id);
    this.byText.delete(text);
    this.free.push(id);
  }

  /** How many sets are held. */
  get size(): number {
    return this.byText.size;
  }
}
