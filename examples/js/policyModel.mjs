/**
 * Two policies other than minimal-close on the JavaScript port (model.mjs, BigInt fixed point):
 *
 * - `step-down` (docs/spec.md §10.3): each position, largest notional first, is reduced to the risk
 *   limit of a lower tier — one tier down at first, more only if the target needs it — or closed in
 *   full; at mark price (§7.1);
 * - `book` (§10.4) with the `full` close size (§10.3): every position is closed by walking the
 *   scenario's order book, one fill per level at that level's price; what the depth cannot fill is
 *   left open (remainder "left") or closed in one more fill at the bankruptcy price ("bankruptcy").
 *
 * Requirement (tiers at mark, §3), penalty (steps, §5, capped by §7.3) and loss (§7.4) are the
 * defaults. Written from docs/spec.md §10 — nothing here imports liqcheck. A scenario without a
 * `policy` is under minimal-close and is answered by model.mjs unchanged.
 */
import { ceilDiv, ceilTo, floorDiv, Fx, isMultipleOf, max, min, ZERO } from './fixed.mjs';
import { Model, parseScenario, Reader, runGroups, Tally, tierIndex } from './model.mjs';

/** Deliberately wrong behaviours, each one realistic bug in one place. */
export const BUGS = {
  'stops-at-floor': 'step-down: reduces to the floor of the lower tier (r·P ≤ L) instead of strictly below it, so the position stays in the upper tier',
  'one-step': 'step-down: always reduces one tier down and ends the call, whether or not the group then meets the target',
  'ignores-depth': 'book: closes the whole position at the best level\'s price, ignoring the level\'s size',
  'no-walk': 'book: fills only the best level and leaves the rest open, never walking to the next levels',
  'bankruptcy-rounded-down': 'book, rest at bankruptcy: a long\'s bankruptcy price is rounded down to the tick, not up (the fill can create bad debt)',
};

/** The wire policies this engine can declare (its handshake's `policy`). */
export const POLICIES = {
  'step-down': { name: 'example-step-down', closeSize: { kind: 'step-down' } },
  book: { name: 'example-book-full', closeSize: { kind: 'full' }, price: { kind: 'book', remainder: 'left' } },
  'book-bankruptcy': { name: 'example-book-bankruptcy', closeSize: { kind: 'full' }, price: { kind: 'book', remainder: 'bankruptcy' } },
};

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Two wire policies mean the same rules: `name` is a label only (§10.1). */
export function samePolicy(a, b) {
  const norm = (v) => (isObject(v) ? Object.fromEntries(Object.keys(v).filter((k) => k !== 'name').sort().map((k) => [k, norm(v[k])])) : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/**
 * §10.4: the order books of the scenario, read against the markets' grids. Returns a Map of
 * `{ bids, asks }` (levels `{ price, size }` as Fx) or undefined after recording issues.
 */
export function parseBooks(r, value, markets) {
  if (!isObject(value)) return r.fail('book', 'an object of order books by market id', value);
  const before = r.issues.length;
  const books = new Map();
  for (const [id, b] of Object.entries(value)) {
    const path = `book[${JSON.stringify(id)}]`;
    const market = markets?.get(id);
    if (markets !== undefined && market === undefined) {
      r.fail(path, 'a market id defined in params.markets', id);
      continue;
    }
    const f = r.obj(b, path, ['bids', 'asks']);
    if (f === undefined) continue;
    const side = (name, below) => {
      const items = f.get(name);
      if (!Array.isArray(items)) return r.fail(`${path}.${name}`, 'an array of levels {price, size}', items);
      const levels = [];
      items.forEach((item, i) => {
        const at = `${path}.${name}[${i}]`;
        const l = r.obj(item, at, ['price', 'size']);
        if (l === undefined) return;
        const price = r.decimal(l.get('price'), `${at}.price`, 'positive');
        const size = r.decimal(l.get('size'), `${at}.size`, 'positive');
        if (price === undefined || size === undefined) return;
        if (market !== undefined && !isMultipleOf(price, market.tick)) r.fail(`${at}.price`, `a multiple of the tick size ${market.tick}`, l.get('price'));
        if (market !== undefined && !isMultipleOf(size, market.lot)) r.fail(`${at}.size`, `a multiple of the lot size ${market.lot}`, l.get('size'));
        const prev = levels[levels.length - 1];
        if (prev !== undefined && !(below ? price.lt(prev.price) : price.gt(prev.price))) {
          r.fail(`${at}.price`, below ? 'a price below the previous bid (best first)' : 'a price above the previous ask (best first)', l.get('price'));
        }
        levels.push({ price, size });
      });
      return levels;
    };
    books.set(id, { bids: side('bids', true), asks: side('asks', false) });
  }
  return r.issues.length > before ? undefined : books;
}

export class PolicyModel extends Model {
  /** @param {'minimal' | 'step-down' | 'book'} kind @param {Map<string, {bids, asks}>} books */
  constructor(params, marks, bugs, kind, books, remainder = 'left') {
    super(params, marks, bugs);
    this.kind = kind;
    this.books = books ?? new Map();
    this.remainder = remainder;
  }

  sizeOf(group, id) {
    return group.positions.find((p) => p.market === id).size.abs();
  }

  /**
   * §10.3 step-down for one position: the smallest k ≥ 1 whose reduction to r_k — the largest lot
   * multiple with r_k·P < L_{n−k+1} — makes the group meet the target, as a size to close; null
   * when no k does (or the position is in bracket 0): the position is then closed in full.
   */
  stepDownSize(group, id, rate) {
    const { lot, tiers } = this.market(id);
    const mark = this.marks.get(id);
    const absQ = this.sizeOf(group, id);
    const n = tierIndex(tiers, absQ.mul(mark));
    const lotNotional = lot.mul(mark);
    for (let k = 1; k <= n; k++) {
      const limit = tiers[n - k + 1].floor;
      // strictly below the limit: ⌈L/(ℓP)⌉ − 1 lots; the bug keeps ⌊L/(ℓP)⌋, which may sit on it
      const lots = this.bugs.has('stops-at-floor') ? floorDiv(limit, lotNotional) : ceilDiv(limit, lotNotional).sub(Fx.int(1));
      let rest = lots.mul(lot);
      if (rest.mul(mark).lt(this.p.dust)) rest = ZERO; // §6.4
      const size = absQ.sub(rest);
      if (this.bugs.has('one-step')) return size;
      const trial = this.closeFill(group, id, size, rate);
      if (this.meetsTarget(trial.uncappedEquity, trial.target)) return size;
    }
    return null;
  }

  liquidateGroup(group, fund) {
    if (this.kind === 'minimal') return super.liquidateGroup(group, fund);
    const before = this.health(group.collateral, group.positions);
    const base = { fills: [], before, fund, payout: ZERO, badDebt: ZERO };
    if (!this.liquidatable(before.equity, before.maintenance, group.positions.length > 0)) {
      return { ...base, status: 'healthy', group, after: before };
    }
    const rate = this.penaltyRate(before.equity, before.maintenance); // §5.1: once, before any fill
    const order = this.closeOrder(group.positions);
    const t = new Tally(group, fund);
    for (const id of order) {
      if (this.kind === 'book') {
        this.walkBook(t.group, id, rate, (closed) => t.take(closed));
        continue;
      }
      const size = this.stepDownSize(t.group, id, rate);
      t.take(this.closeFill(t.group, id, size ?? this.sizeOf(t.group, id), rate));
      if (size !== null) break; // reduced to a lower tier and meeting the target: the call ends
      const h = this.health(t.group.collateral, t.group.positions);
      if (t.group.positions.length > 0 && this.meetsTarget(h.equity, h.target)) break;
    }
    return this.outcome(t.group, t.fills, before, t.fund);
  }

  /**
   * §10.4: closes the whole position (the full close size) into the book — a long sells into the
   * bids, a short buys from the asks, best first, one fill per level touched of min(left, size) at
   * the level's price. What the depth cannot fill stays open (remainder "left"), but never as
   * dust: the walk then stops short, leaving the smallest lot multiple worth dustNotional.
   */
  walkBook(group, id, rate, take) {
    const long = group.positions.find((p) => p.market === id).size.isPos();
    const book = this.books.get(id);
    const levels = book === undefined ? [] : long ? book.bids : book.asks;
    let g = group;
    const absQ = this.sizeOf(group, id);
    // δ = min(Δ, depth), cut back so that a walk stopped by depth never leaves dust (§6.4)
    let left = min(absQ, levels.reduce((sum, l) => sum.add(l.size), ZERO));
    const { lot } = this.market(id);
    const mark = this.marks.get(id);
    if (this.remainder === 'left' && left.lt(absQ) && absQ.sub(left).mul(mark).lt(this.p.dust)) {
      left = max(ZERO, absQ.sub(ceilDiv(this.p.dust, lot.mul(mark)).mul(lot)));
    }
    if (this.bugs.has('ignores-depth') && levels.length > 0) {
      take(this.closeFill(g, id, absQ, rate, levels[0].price));
      return;
    }
    for (const level of levels) {
      if (left.isZero()) break;
      const size = min(left, level.size);
      const closed = this.closeFill(g, id, size, rate, level.price);
      take(closed);
      g = closed.group;
      left = left.sub(size);
      if (this.bugs.has('no-walk')) break;
    }
    const rest = g.positions.find((p) => p.market === id)?.size.abs() ?? ZERO;
    if (this.remainder === 'bankruptcy' && rest.isPos()) take(this.closeFill(g, id, rest, rate, this.bankruptcyPrice(g, id, rest)));
  }

  /**
   * §10.4: the tick price least favourable to the trader at which closing `r` of the position
   * leaves E⁻ ≥ 0. With B = E − q_c·(P − e) (the group's equity without the part closed) and
   * K = ⌈−B⌉_u, a long sells at tick·⌈(r·e + K)/(r·tick)⌉, a short buys at
   * tick·⌊(r·e − K)/(r·tick)⌋, both at least one tick.
   */
  bankruptcyPrice(group, id, r) {
    const pos = group.positions.find((p) => p.market === id);
    const long = pos.size.isPos();
    const { tick } = this.market(id);
    const signed = long ? r : r.neg();
    const b = this.health(group.collateral, group.positions).equity.sub(signed.mul(this.marks.get(id).sub(pos.entry)));
    const k = ceilTo(b.neg(), this.p.unit);
    const step = r.mul(tick);
    const ticks = long
      ? this.bugs.has('bankruptcy-rounded-down') ? floorDiv(r.mul(pos.entry).add(k), step) : ceilDiv(r.mul(pos.entry).add(k), step)
      : floorDiv(r.mul(pos.entry).sub(k), step);
    return max(tick, ticks.mul(tick));
  }
}

/**
 * Validates and liquidates one scenario under the engine's `declared` wire policy (one of
 * {@link POLICIES}): `{ ok: true, result }` or `{ ok: false, error }`.
 */
export function liquidateUnder(scenario, declared, bugs = new Set()) {
  const r = new Reader();
  let kind = 'minimal';
  let rawBook;
  let rest = scenario;
  if (isObject(scenario)) {
    const { policy, book, requests, ...others } = scenario;
    rest = others;
    if (requests !== undefined) r.fail('requests', 'no requests: the policy\'s close size is not "requested" (§10.3)', requests);
    if (policy !== undefined && !samePolicy(policy, declared)) r.fail('policy', 'the policy this engine runs (its handshake\'s), or none', policy);
    else if (policy !== undefined) kind = declared.price?.kind === 'book' ? 'book' : 'step-down';
    if (book !== undefined && kind !== 'book') r.fail('book', 'no order book: the policy\'s price part is not "book" (§10.4)', book);
    else rawBook = book;
  }
  const parsed = parseScenario(rest);
  const books = rawBook === undefined ? new Map() : parseBooks(r, rawBook, parsed.value?.params.markets);
  const issues = [...r.issues, ...(parsed.issues ?? [])];
  if (parsed.value === undefined || issues.length > 0) return { ok: false, error: { code: 'invalid-input', issues } };
  const sc = parsed.value;
  return runGroups(sc, new PolicyModel(sc.params, sc.marks, bugs, kind, books, declared.price?.remainder));
}
