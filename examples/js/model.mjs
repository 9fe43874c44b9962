/**
 * An independent JavaScript port of the liqcheck reference model (docs/spec.md, spec 1.0.0), on
 * exact BigInt fixed-point decimals (fixed.mjs). Written from the spec — it imports nothing from
 * liqcheck — so that agreeing with the reference on generated scenarios is evidence, not a tautology.
 *
 * `liquidate(scenario, bugs)` takes parsed JSON and returns the model's outcome:
 * `{ ok: true, result }` or `{ ok: false, error: { code, … } }`. `bugs` is a set of names from
 * {@link BUGS}; empty is the correct engine.
 */
import { ceilDiv, ceilTo, divInt, floorDiv, floorTo, Fx, isMultipleOf, max, min, nearestTo, ONE, ZERO } from './fixed.mjs';

/** Deliberately wrong behaviours, for showing that the gate catches them. */
export const BUGS = {
  'one-lot-short': 'a partial close is one lot short of the minimal close (leaves the group below target)',
  'round-nearest': 'the penalty is rounded to the nearest quote unit instead of up',
  'uncapped-penalty': 'the penalty is not capped by the equity left after the fill',
  'insurance-overdrawn': 'the insurance fund pays the whole deficit, even beyond its balance',
};

// ---------------------------------------------------------------------------------------------
// Validation (spec §1.1, §2, §3): every offending field, with its path

const DECIMAL = /^-?(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;
const NEGATIVE_ZERO = /^-0(?:\.0+)?$/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const SYNTAX = 'a decimal string (no exponent, ≤30 integer and ≤18 fraction digits)';
/** A field that is absent (distinct from JSON null). */
const MISSING = undefined;

function truncate(s) {
  const chars = Array.from(s);
  return chars.length <= 40 ? s : `${chars.slice(0, 40).join('')}…`;
}

function describe(v) {
  switch (typeof v) {
    case 'string': {
      const chars = Array.from(v);
      return chars.length <= 40 ? JSON.stringify(v) : `${JSON.stringify(chars.slice(0, 40).join('') + '…')} (${chars.length} chars)`;
    }
    case 'number':
      return `number ${Object.is(v, -0) ? '-0' : String(v)}`;
    case 'boolean':
      return `boolean ${String(v)}`;
    case 'undefined':
      return 'undefined';
    case 'object':
      if (v === null) return 'null';
      if (Array.isArray(v)) return `array of ${v.length} item${v.length === 1 ? '' : 's'}`;
      return `object {${truncate(Object.keys(v).join(', '))}}`;
    default:
      return typeof v;
  }
}

const fieldPath = (path, name) => (!IDENTIFIER.test(name) ? `${path}[${JSON.stringify(name)}]` : path === '' ? name : `${path}.${name}`);
const keyPath = (path, key) => `${path}[${JSON.stringify(key)}]`;
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (x) => x.toString();

class Reader {
  issues = [];

  fail(path, expected, value) {
    this.issues.push({ path, expected, received: describe(value) });
    return undefined;
  }

  /** A plain object with known fields; any other key but an `x-` extension is an issue. Returns a Map of the fields. */
  obj(value, path, known) {
    if (!isObject(value)) return this.fail(path, `an object {${known.join(', ')}}`, value);
    const fields = new Map();
    for (const k of Object.keys(value)) {
      if (known.includes(k)) fields.set(k, value[k]);
      // spec §2.5: `x-` keys are extensions, ignored at every level
      else if (!k.startsWith('x-')) this.fail(fieldPath(path, k), 'no such field', value[k]);
    }
    return fields;
  }

  decimal(value, path, sign = 'any', maxScale = undefined) {
    if (typeof value === 'number') return this.fail(path, `${SYNTAX}; JSON numbers are not allowed for amounts`, value);
    if (typeof value !== 'string') return this.fail(path, SYNTAX, value);
    const m = DECIMAL.exec(value);
    if (m === null || m[1].length > 30 || (m[2] ?? '').length > 18) return this.fail(path, SYNTAX, value);
    if (NEGATIVE_ZERO.test(value)) return this.fail(path, `${SYNTAX}, without a minus sign on zero`, value);
    const x = Fx.parse(value);
    if (sign === 'positive' && !x.isPos()) return this.fail(path, 'a decimal > 0', value);
    if (sign === 'nonnegative' && x.isNeg()) return this.fail(path, 'a decimal ≥ 0', value);
    if (maxScale !== undefined && x.scale() > maxScale) {
      return this.fail(path, `a multiple of ${show(ONE.shift(-maxScale))} (at most ${maxScale} fraction digits)`, value);
    }
    return x;
  }

  interval(value, path, loOpen, hiOpen) {
    const x = this.decimal(value, path);
    if (x === undefined) return undefined;
    const okLo = loOpen ? x.isPos() : !x.isNeg();
    const okHi = hiOpen ? x.lt(ONE) : x.lte(ONE);
    return okLo && okHi ? x : this.fail(path, `a decimal in ${loOpen ? '(' : '['}0, 1${hiOpen ? ')' : ']'}`, value);
  }
}

function parseScenario(sc) {
  const r = new Reader();
  const f = r.obj(sc, '', ['params', 'marks', 'account', 'insuranceFund']);
  if (f === undefined) return { issues: r.issues };
  const params = parseParams(r, f.get('params'));
  const marks = parseMarks(r, f.get('marks'));
  const { collateral, positions } = parseAccount(r, f.get('account'), params);
  if (marks !== undefined && positions !== undefined) checkHeldMarks(r, positions, marks, params);
  const fund = r.decimal(f.get('insuranceFund'), 'insuranceFund', 'nonnegative');
  if (r.issues.length > 0) return { issues: r.issues };
  const prices = new Map([...marks].map(([id, m]) => [id, m.price]));
  return { value: { params: params.value, marks: prices, collateral, positions: positions.map((p) => p.value), fund } };
}

function parseParams(r, value) {
  const out = { value: undefined, quoteScale: undefined, markets: undefined };
  const f = r.obj(value, 'params', ['quoteScale', 'trigger', 'targetBuffer', 'penalty', 'dustNotional', 'priceImpact', 'markets']);
  if (f === undefined) return out;
  let qs = f.get('quoteScale');
  if (!(typeof qs === 'number' && Number.isInteger(qs) && qs >= 0 && qs <= 18)) qs = r.fail('params.quoteScale', 'an integer 0…18 (a JSON number)', qs);
  else qs += 0;
  out.quoteScale = qs;
  let trigger = f.get('trigger');
  if (trigger !== 'strict' && trigger !== 'inclusive') trigger = r.fail('params.trigger', 'one of "strict", "inclusive"', trigger);
  const buffer = r.decimal(f.get('targetBuffer'), 'params.targetBuffer', 'nonnegative');
  const penalty = parsePenalty(r, f.get('penalty'));
  const dust = r.decimal(f.get('dustNotional'), 'params.dustNotional', 'nonnegative');
  const impact = r.interval(f.get('priceImpact'), 'params.priceImpact', false, true);
  const markets = parseMarkets(r, f.get('markets'), buffer);
  out.markets = markets;
  const complete = markets !== undefined && markets.size > 0 && [...markets.values()].every((m) => m.value !== undefined);
  if ([qs, trigger, buffer, penalty, dust, impact].includes(undefined) || !complete) return out;
  out.value = {
    quoteScale: qs,
    unit: ONE.shift(-qs),
    trigger,
    buffer,
    steps: penalty.steps,
    share: penalty.share,
    dust,
    impact,
    markets: new Map([...markets].map(([id, m]) => [id, m.value])),
  };
  return out;
}

function parsePenalty(r, value) {
  const f = r.obj(value, 'params.penalty', ['steps', 'liquidatorShare']);
  if (f === undefined) return undefined;
  const path = 'params.penalty.steps';
  const items = f.get('steps');
  let steps;
  if (!Array.isArray(items) || items.length === 0) {
    r.fail(path, 'a non-empty array of {maxMarginRatio, rate}', items);
  } else {
    const before = r.issues.length;
    steps = [];
    let prev;
    items.forEach((item, n) => {
      const sp = `${path}[${n}]`;
      const sf = r.obj(item, sp, ['maxMarginRatio', 'rate']);
      if (sf === undefined) {
        prev = { ratio: undefined, rate: undefined };
        steps.push(prev);
        return;
      }
      const rawRatio = sf.get('maxMarginRatio');
      const rawRate = sf.get('rate');
      const ratio = r.decimal(rawRatio, `${sp}.maxMarginRatio`);
      const rate = r.interval(rawRate, `${sp}.rate`, false, true);
      if (ratio !== undefined && prev === undefined && ratio.lt(ONE)) {
        r.fail(`${sp}.maxMarginRatio`, 'a decimal ≥ 1 (the first step must cover every liquidatable group)', rawRatio);
      }
      if (ratio !== undefined && prev?.ratio !== undefined && !ratio.lt(prev.ratio)) {
        r.fail(`${sp}.maxMarginRatio`, `a decimal < ${show(prev.ratio)} (maxMarginRatio strictly decreasing)`, rawRatio);
      }
      if (rate !== undefined && prev?.rate !== undefined && rate.lt(prev.rate)) {
        r.fail(`${sp}.rate`, `a decimal in [${show(prev.rate)}, 1) (rates non-decreasing)`, rawRate);
      }
      prev = { ratio, rate };
      steps.push(prev);
    });
    if (r.issues.length > before) steps = undefined;
  }
  const share = r.interval(f.get('liquidatorShare'), 'params.penalty.liquidatorShare', false, false);
  return steps === undefined || share === undefined ? undefined : { steps, share };
}

function parseMarkets(r, value, buffer) {
  const path = 'params.markets';
  const expected = 'an object of markets by id, with at least one market';
  if (!isObject(value)) return r.fail(path, expected, value);
  const ids = Object.keys(value);
  if (ids.length === 0) r.fail(path, expected, value);
  const markets = new Map();
  for (const id of ids) {
    const mp = keyPath(path, id);
    if (id === '') r.fail(mp, 'a non-empty market id', id);
    else markets.set(id, parseMarket(r, value[id], mp, buffer));
  }
  return markets;
}

function parseMarket(r, value, path, buffer) {
  const f = r.obj(value, path, ['lotSize', 'tickSize', 'tiers']);
  if (f === undefined) return { lot: undefined, tick: undefined, value: undefined };
  const lot = r.decimal(f.get('lotSize'), `${path}.lotSize`, 'positive');
  const tick = r.decimal(f.get('tickSize'), `${path}.tickSize`, 'positive');
  const tiers = parseTiers(r, f.get('tiers'), `${path}.tiers`, buffer);
  const complete = lot !== undefined && tick !== undefined && tiers !== undefined;
  return { lot, tick, value: complete ? { lot, tick, tiers } : undefined };
}

function parseTiers(r, items, path, buffer) {
  if (!Array.isArray(items) || items.length === 0) return r.fail(path, 'a non-empty array of tiers', items);
  const before = r.issues.length;
  const read = items.map((item, n) => {
    const tp = `${path}[${n}]`;
    const f = r.obj(item, tp, ['notionalFloor', 'maintenanceRate', 'maintenanceAmount', 'initialRate']);
    if (f === undefined) return { raw: new Map(), floor: undefined, rate: undefined, amount: undefined, initial: undefined };
    return {
      raw: f,
      floor: r.decimal(f.get('notionalFloor'), `${tp}.notionalFloor`, 'nonnegative'),
      rate: r.interval(f.get('maintenanceRate'), `${tp}.maintenanceRate`, true, true),
      amount: r.decimal(f.get('maintenanceAmount'), `${tp}.maintenanceAmount`),
      initial: r.interval(f.get('initialRate'), `${tp}.initialRate`, true, false),
    };
  });
  let required = ZERO;
  read.forEach((t, n) => {
    const tp = `${path}[${n}]`;
    const prev = n > 0 ? read[n - 1] : undefined;
    if (t.floor !== undefined) {
      if (n === 0 && !t.floor.isZero()) r.fail(`${tp}.notionalFloor`, '0 (the first tier starts at notional 0)', t.raw.get('notionalFloor'));
      if (prev?.floor !== undefined && !t.floor.gt(prev.floor)) {
        r.fail(`${tp}.notionalFloor`, `a decimal > ${show(prev.floor)} (floors strictly increasing)`, t.raw.get('notionalFloor'));
      }
    }
    if (t.rate !== undefined) {
      if (prev?.rate !== undefined && t.rate.lt(prev.rate)) {
        r.fail(`${tp}.maintenanceRate`, `a decimal in [${show(prev.rate)}, 1) (maintenance rates non-decreasing)`, t.raw.get('maintenanceRate'));
      }
      if (buffer !== undefined && !t.rate.add(buffer).lt(ONE)) {
        const expected = `a decimal < ${show(ONE.sub(buffer))} (maintenanceRate + targetBuffer < 1, targetBuffer = ${show(buffer)})`;
        r.fail(`${tp}.maintenanceRate`, expected, t.raw.get('maintenanceRate'));
      }
      if (t.initial !== undefined && t.initial.lt(t.rate)) {
        r.fail(`${tp}.initialRate`, `a decimal in [${show(t.rate)}, 1] (maintenanceRate ≤ initialRate ≤ 1)`, t.raw.get('initialRate'));
      }
    }
    if (n > 0) {
      required = required === undefined || prev.rate === undefined || t.floor === undefined || t.rate === undefined
        ? undefined
        : required.add(t.floor.mul(t.rate.sub(prev.rate)));
    }
    if (t.amount !== undefined && required !== undefined && !t.amount.eq(required)) {
      const why = n === 0 ? 'the first tier has no offset' : `continuous with tier ${n - 1}`;
      r.fail(`${tp}.maintenanceAmount`, `maintenanceAmount = ${show(required)} (${why})`, t.raw.get('maintenanceAmount'));
    }
  });
  const complete = read.every((t) => ![t.floor, t.rate, t.amount, t.initial].includes(undefined));
  if (r.issues.length > before || !complete) return undefined;
  return read.map((t) => ({ floor: t.floor, rate: t.rate, amount: t.amount }));
}

function parseMarks(r, value) {
  if (!isObject(value)) return r.fail('marks', 'an object of mark prices by market id', value);
  const marks = new Map();
  for (const id of Object.keys(value)) {
    const mp = keyPath('marks', id);
    if (id === '') r.fail(mp, 'a non-empty market id', id);
    else marks.set(id, { raw: value[id], price: r.decimal(value[id], mp, 'positive') });
  }
  return marks;
}

function parseAccount(r, value, params) {
  const f = r.obj(value, 'account', ['collateral', 'positions']);
  if (f === undefined) return { collateral: undefined, positions: undefined };
  const collateral = r.decimal(f.get('collateral'), 'account.collateral', 'nonnegative', params.quoteScale);
  const items = f.get('positions');
  if (!Array.isArray(items)) {
    r.fail('account.positions', 'an array of positions', items);
    return { collateral, positions: undefined };
  }
  const positions = items.map((item, i) => parsePosition(r, item, `account.positions[${i}]`, params));
  const holders = new Map();
  for (const p of positions) {
    if (p.market === undefined) continue;
    const holder = holders.get(p.market);
    if (holder === undefined) holders.set(p.market, p.path);
    else r.fail(`${p.path}.market`, `a market not already held (${holder} holds it; one position per market)`, p.market);
  }
  return { collateral, positions };
}

function parsePosition(r, value, path, params) {
  const f = r.obj(value, path, ['market', 'size', 'entryPrice', 'isolatedMargin']);
  if (f === undefined) return { path, market: undefined, value: undefined };
  let market = f.get('market');
  if (typeof market !== 'string' || market === '') market = r.fail(`${path}.market`, 'a non-empty string', market);
  const known = market === undefined ? undefined : params.markets?.get(market);
  if (market !== undefined && params.markets !== undefined && known === undefined) {
    const ids = [...params.markets.keys()].map((id) => JSON.stringify(id)).join(', ');
    r.fail(`${path}.market`, `a market id defined in params.markets (${ids})`, market);
  }
  const rawSize = f.get('size');
  let size = r.decimal(rawSize, `${path}.size`);
  if (size !== undefined && size.isZero()) size = r.fail(`${path}.size`, 'a non-zero decimal (long > 0, short < 0)', rawSize);
  if (size !== undefined && known?.lot !== undefined && !isMultipleOf(size, known.lot)) {
    size = r.fail(`${path}.size`, `a multiple of the lot size ${show(known.lot)}`, rawSize);
  }
  const entry = r.decimal(f.get('entryPrice'), `${path}.entryPrice`, 'positive');
  const rawMargin = f.get('isolatedMargin');
  const margin = rawMargin === MISSING ? null : r.decimal(rawMargin, `${path}.isolatedMargin`, 'nonnegative', params.quoteScale);
  if (market === undefined || size === undefined || entry === undefined || margin === undefined) return { path, market, value: undefined };
  return { path, market, value: { market, size, entry, margin } };
}

function checkHeldMarks(r, positions, marks, params) {
  const seen = new Set();
  for (const p of positions) {
    if (p.market === undefined || seen.has(p.market)) continue;
    seen.add(p.market);
    const mp = keyPath('marks', p.market);
    const mark = marks.get(p.market);
    if (mark === undefined) {
      r.fail(mp, `a mark price for ${JSON.stringify(p.market)} (held at ${p.path})`, MISSING);
      continue;
    }
    const tick = params.markets?.get(p.market)?.tick;
    if (mark.price !== undefined && tick !== undefined && !isMultipleOf(mark.price, tick)) {
      r.fail(mp, `a multiple of the tick size ${show(tick)}`, mark.raw);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The model (spec §3–§9)

const MAX_VERIFIED_CANDIDATES = 2 ** 20;
const SEVERITY = { healthy: 0, partial: 1, full: 2, bankrupt: 3 };
const E18 = ONE.shift(18);
const byId = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

class LimitExceeded extends Error {}

/** §3: the bracket of notional n is the largest k with floor_k ≤ n. */
function tierIndex(tiers, n) {
  let k = 0;
  for (let i = 1; i < tiers.length; i++) {
    if (tiers[i].floor.lte(n)) k = i;
    else break;
  }
  return k;
}

function maintenance(tiers, n) {
  const t = tiers[tierIndex(tiers, n)];
  return n.mul(t.rate).sub(t.amount);
}

class Model {
  constructor(params, marks, bugs) {
    this.p = params;
    this.marks = marks;
    this.bugs = bugs;
  }

  market(id) {
    return this.p.markets.get(id);
  }

  /** §4.2: equity, maintenance and target of a group. */
  health(collateral, positions) {
    let equity = collateral;
    let mm = ZERO;
    let notional = ZERO;
    for (const pos of positions) {
      const mark = this.marks.get(pos.market);
      const n = pos.size.abs().mul(mark);
      equity = equity.add(pos.size.mul(mark.sub(pos.entry)));
      mm = mm.add(maintenance(this.market(pos.market).tiers, n));
      notional = notional.add(n);
    }
    return { equity, maintenance: mm, target: mm.add(this.p.buffer.mul(notional)) };
  }

  /** §4.3 */
  liquidatable(equity, mm, hasPositions) {
    if (!hasPositions) return false;
    return this.p.trigger === 'strict' ? equity.lt(mm) : equity.lte(mm);
  }

  /** §4.4 */
  meetsTarget(equity, target) {
    return this.p.trigger === 'strict' ? equity.gte(target) : equity.gt(target);
  }

  /** §5.1 */
  penaltyRate(equity, mm) {
    let rate = null;
    for (const s of this.p.steps) {
      if (equity.lte(s.ratio.mul(mm))) rate = s.rate;
      else break;
    }
    return rate;
  }

  /** §7.1 */
  execPrice(id, long) {
    const mark = this.marks.get(id);
    const { impact } = this.p;
    if (impact.isZero()) return mark;
    const { tick } = this.market(id);
    return long ? floorTo(mark.mul(ONE.sub(impact)), tick) : ceilTo(mark.mul(ONE.add(impact)), tick);
  }

  /**
   * §7.2, §7.3: one fill, the group after it, and the equity with the uncapped penalty; at `price`
   * when a policy gives one (a book level, a bankruptcy price, §10.4), else at §7.1's.
   */
  closeFill(group, id, size, rate, price = undefined) {
    const { unit } = this.p;
    const idx = group.positions.findIndex((p) => p.market === id);
    const pos = group.positions[idx];
    const long = pos.size.isPos();
    const mark = this.marks.get(id);
    price ??= this.execPrice(id, long);
    const signed = long ? size : size.neg();
    const exactPnl = signed.mul(price.sub(pos.entry));
    const realized = floorTo(exactPnl, unit);
    const left = pos.size.sub(signed);
    const positions = left.isZero() ? group.positions.filter((_, i) => i !== idx) : group.positions.map((p, i) => (i === idx ? { ...p, size: left } : p));
    const collateral = group.collateral.add(realized);
    const notional = size.mul(mark);
    const charged = this.chargedNotional(pos, notional);
    const uncapped = this.bugs.has('round-nearest') ? nearestTo(rate.mul(charged), unit) : ceilTo(rate.mul(charged), unit);
    const h = this.health(collateral, positions);
    const penalty = this.bugs.has('uncapped-penalty') ? uncapped : min(uncapped, this.penaltyCap(group, h));
    const liquidatorFee = floorTo(penalty.mul(this.p.share), unit);
    const fill = { market: id, long, size, price, notional, rate, penalty, liquidatorFee, insuranceFee: penalty.sub(liquidatorFee), realized, residue: exactPnl.sub(realized) };
    return { fill, group: { id: group.id, collateral: collateral.sub(penalty), positions }, uncappedEquity: h.equity.sub(uncapped), target: h.target };
  }

  /** §7.3: the notional the penalty rate is charged on, the closed part's at mark (a hook for a venue port's wrong variant). */
  chargedNotional(pos, notional) {
    return notional;
  }

  /** §7.3: the most a fill's penalty may take, max(0, ⌊E⁻⌋_u) with `after` the group's health after the fill's PnL. */
  penaltyCap(group, after) {
    return max(ZERO, floorTo(after.equity, this.p.unit));
  }

  /** §6.3: the exact slack g(Δ) of closing Δ of one position, its slope and bracket. */
  slack(group, id, rate) {
    const pos = group.positions.find((p) => p.market === id);
    const { tiers } = this.market(id);
    const mark = this.marks.get(id);
    const absQ = pos.size.abs();
    const concession = mark.sub(this.execPrice(id, pos.size.isPos())).abs();
    const { equity } = this.health(group.collateral, group.positions);
    const restTarget = this.health(group.collateral, group.positions.filter((p) => p !== pos)).target;
    const perUnit = concession.add(rate.mul(mark));
    const { buffer } = this.p;
    return {
      absQ,
      mark,
      at: (d) => {
        const n = absQ.sub(d).mul(mark);
        return equity.sub(perUnit.mul(d)).sub(restTarget).sub(maintenance(tiers, n)).sub(buffer.mul(n));
      },
      slope: (k) => mark.mul(tiers[k].rate.add(buffer).sub(rate)).sub(concession),
      bracket: (d) => tierIndex(tiers, absQ.sub(d).mul(mark)),
    };
  }

  /** §6.3 closed form on the lot grid: the first lot count j with g(j·ℓ) ≥ 0, or null. */
  firstLot(sl, tiers, lot) {
    const lots = divInt(sl.absQ, lot);
    const lotNotional = lot.mul(sl.mark);
    let j = ONE;
    for (;;) {
      if (j.gte(lots)) return null;
      const d = j.mul(lot);
      const s = sl.at(d);
      if (!s.isNeg()) return j;
      const k = sl.bracket(d);
      const a = sl.slope(k).mul(lot);
      if (!a.isPos()) return null;
      const next = j.add(ceilDiv(s.neg(), a));
      const end = k === 0 ? lots : lots.sub(ceilDiv(tiers[k].floor, lotNotional));
      if (next.lte(end)) return next.lt(lots) ? next : null;
      j = end.add(ONE);
    }
  }

  /** §6.3, §6.4: the smallest lot multiple that restores the target without leaving dust. */
  minimalClose(group, id, rate) {
    const { lot, tiers } = this.market(id);
    const sl = this.slack(group, id, rate);
    const first = this.firstLot(sl, tiers, lot);
    if (first === null) return null;
    let examined = 0;
    for (let d = first.mul(lot); d.lt(sl.absQ); d = d.add(lot)) {
      if (sl.absQ.sub(d).mul(sl.mark).lt(this.p.dust)) return null;
      const trial = this.closeFill(group, id, d, rate);
      if (this.meetsTarget(trial.uncappedEquity, trial.target)) return d;
      if (!this.meetsTarget(sl.at(d), ZERO) && !sl.slope(sl.bracket(d)).isPos()) return null;
      if (++examined >= MAX_VERIFIED_CANDIDATES) {
        throw new LimitExceeded(`${id}: more than ${MAX_VERIFIED_CANDIDATES} lot candidates to verify (lot ${show(lot)} moves the slack by about a millionth of a quote unit)`);
      }
    }
    return null;
  }

  /** §6.2: the market ids of `positions` by descending notional at mark, ties by market id (code-unit order). */
  closeOrder(positions) {
    return positions
      .map((p) => ({ id: p.market, n: p.size.abs().mul(this.marks.get(p.market)) }))
      .sort((a, b) => b.n.cmp(a.n) || byId(a.id, b.id))
      .map((e) => e.id);
  }

  /** §10.1 step 4: partial while a position is open, else full, or bankrupt (§7.4). */
  outcome(g, fills, before, fund) {
    if (g.positions.length === 0 && g.collateral.isNeg()) {
      const badDebt = g.collateral.neg();
      const payout = min(badDebt, floorTo(fund, this.p.unit));
      const flat = { ...g, collateral: ZERO };
      return { status: 'bankrupt', group: flat, fills, before, after: this.health(flat.collateral, flat.positions), fund: fund.sub(payout), payout, badDebt };
    }
    const status = g.positions.length > 0 ? 'partial' : 'full';
    return { status, group: g, fills, before, after: this.health(g.collateral, g.positions), fund, payout: ZERO, badDebt: ZERO };
  }

  /** §6, §7.4: one margin group, threading the insurance fund. */
  liquidateGroup(group, fund) {
    const before = this.health(group.collateral, group.positions);
    const base = { fills: [], before, fund, payout: ZERO, badDebt: ZERO };
    if (!this.liquidatable(before.equity, before.maintenance, group.positions.length > 0)) {
      return { ...base, status: 'healthy', group, after: before };
    }
    const rate = this.penaltyRate(before.equity, before.maintenance);
    let g = group;
    const fills = [];
    for (const id of this.closeOrder(group.positions)) {
      let size = this.minimalClose(g, id, rate);
      const { lot } = this.market(id);
      if (size !== null && this.bugs.has('one-lot-short') && size.gt(lot)) size = size.sub(lot);
      if (size === null) size = g.positions.find((p) => p.market === id).size.abs();
      const closed = this.closeFill(g, id, size, rate);
      g = closed.group;
      fills.push(closed.fill);
      fund = fund.add(closed.fill.insuranceFee).add(closed.fill.residue);
      const h = this.health(g.collateral, g.positions);
      if (g.positions.length > 0 && this.meetsTarget(h.equity, h.target)) {
        return { ...base, status: 'partial', group: g, fills, after: h, fund };
      }
    }
    if (g.collateral.isNeg()) {
      const badDebt = g.collateral.neg();
      const payout = this.bugs.has('insurance-overdrawn') ? badDebt : min(badDebt, floorTo(fund, this.p.unit));
      g = { ...g, collateral: ZERO };
      return { ...base, status: 'bankrupt', group: g, fills, after: this.health(g.collateral, g.positions), fund: fund.sub(payout), payout, badDebt };
    }
    return { ...base, status: 'full', group: g, fills, after: this.health(g.collateral, g.positions), fund };
  }
}

/**
 * One call's fills on a margin group: the group after them, and the insurance fund credited with
 * each fill's insurance share and PnL residue (§7.2, §7.3).
 */
class Tally {
  constructor(group, fund) {
    this.group = group;
    this.fills = [];
    this.fund = fund;
  }

  /** Records one {@link Model#closeFill} answer. */
  take(closed) {
    this.group = closed.group;
    this.fills.push(closed.fill);
    this.fund = this.fund.add(closed.fill.insuranceFee).add(closed.fill.residue);
  }
}

/** §4.1: the cross group first, then isolated groups by market id (code-unit order). */
function marginGroups(collateral, positions) {
  const cross = positions.filter((p) => p.margin === null);
  const isolated = positions.filter((p) => p.margin !== null).sort((a, b) => byId(a.market, b.market));
  return [{ id: 'cross', collateral, positions: cross }, ...isolated.map((p) => ({ id: p.market, collateral: p.margin, positions: [p] }))];
}

function snapshot(h) {
  const ratio = h.maintenance.isZero() ? null : floorDiv(h.equity.mul(E18), h.maintenance).shift(-18).toString();
  return { equity: show(h.equity), maintenance: show(h.maintenance), target: show(h.target), marginRatio: ratio };
}

/** §8: the result, every amount a canonical decimal string. */
function report(sc, outcomes, fund) {
  let status = 'healthy';
  let payout = ZERO;
  let badDebt = ZERO;
  let collateral = ZERO;
  const after = new Map();
  for (const { id, o } of outcomes) {
    if (SEVERITY[o.status] > SEVERITY[status]) status = o.status;
    payout = payout.add(o.payout);
    badDebt = badDebt.add(o.badDebt);
    if (id === 'cross' || o.group.positions.length === 0) collateral = collateral.add(o.group.collateral);
    for (const p of o.group.positions) after.set(p.market, { size: p.size, margin: id === 'cross' ? null : o.group.collateral });
  }
  const positions = [];
  for (const p of sc.positions) {
    const a = after.get(p.market);
    if (a === undefined) continue;
    const base = { market: p.market, size: show(a.size), entryPrice: show(p.entry) };
    positions.push(a.margin === null ? base : { ...base, isolatedMargin: show(a.margin) });
  }
  return {
    status,
    fills: outcomes.flatMap(({ o }) =>
      o.fills.map((f) => ({
        market: f.market,
        side: f.long ? 'sell' : 'buy',
        size: show(f.size),
        price: show(f.price),
        notional: show(f.notional),
        penaltyRate: show(f.rate),
        penalty: show(f.penalty),
        liquidatorFee: show(f.liquidatorFee),
        insuranceFee: show(f.insuranceFee),
        realizedPnl: show(f.realized),
      })),
    ),
    account: { collateral: show(collateral), positions },
    insuranceFund: show(fund),
    insurancePayout: show(payout),
    badDebt: show(badDebt),
    socializedLoss: show(badDebt.sub(payout)),
    groups: outcomes.map(({ id, o }) => ({ group: id, status: o.status, before: snapshot(o.before), after: snapshot(o.after) })),
  };
}

/**
 * Validates and liquidates one scenario (parsed JSON).
 *
 * @param {unknown} scenario
 * @param {ReadonlySet<string>} [bugs] - names from {@link BUGS}; empty for the correct engine
 * @returns {{ ok: true, result: object } | { ok: false, error: object }}
 */
export function liquidate(scenario, bugs = new Set()) {
  const parsed = parseScenario(scenario);
  if (parsed.value === undefined) return { ok: false, error: { code: 'invalid-input', issues: parsed.issues } };
  return runGroups(parsed.value, new Model(parsed.value.params, parsed.value.marks, bugs));
}

/** Every margin group of a parsed scenario through `model`, the insurance fund threaded (§4.1), reported (§8). */
export function runGroups(sc, model) {
  let fund = sc.fund;
  const outcomes = [];
  try {
    for (const group of marginGroups(sc.collateral, sc.positions)) {
      const o = model.liquidateGroup(group, fund);
      fund = o.fund;
      outcomes.push({ id: group.id, o });
    }
  } catch (e) {
    if (e instanceof LimitExceeded) return { ok: false, error: { code: 'limit-exceeded', message: e.message } };
    throw e;
  }
  return { ok: true, result: report(sc, outcomes, fund) };
}

// For examples/js/policyModel.mjs and the venue modules (venues/), which build other close sizes,
// the book price and venues' rules on this port.
export { Reader, parseScenario, Model, Tally, marginGroups, report, LimitExceeded, tierIndex, byId };
