/**
 * From a configuration (every field optional) and a parameter set with its policy to a resolved
 * simulation (docs/simulation.md S1–S6): defaults filled in, every field checked with its path,
 * the domain of v1 enforced with the reason, the price path and the population drawn.
 * @see docs/simulation.md#s1-numbers-and-scope
 */
import { Dec, toCanonical } from '../model/decimal.ts';
import { hasInverse, parseParams } from '../model/parseScenario.ts';
import type { Issue, RiskParams } from '../model/types.ts';
import { parsePolicy } from '../policy/parsePolicy.ts';
import { REFERENCE_POLICY_NAME, type FPolicy } from '../policy/policy.ts';
import { profileNamed } from '../profiles/index.ts';
import type { Policy } from '../wire/policy.ts';
import { SimulationConfig, type ResolvedConfig } from '../wire/simulation.ts';
import { validator } from '../wire/validate.ts';
import { PHI } from './fraction.ts';
import { healthCheck } from './liquidatable.ts';
import { generatePopulation, readPopulation, type Population } from './population.ts';
import { recordedPrices, shockPrices } from './pricePath.ts';
import type { AuctionSetup, BidderSpec, KeeperSpec, Liquidity, SimulationSetup } from './simulationSetup.ts';

const checkConfig = validator(SimulationConfig);

/** S5's default keepers. */
export const DEFAULT_KEEPERS = [
  { id: 'k1', capital: '1000000', latency: 0, cost: '5' },
  { id: 'k2', capital: '5000000', latency: 1, cost: '1' },
  { id: 'k3', capital: '20000000', latency: 2, cost: '0' },
] as const;

/** S6's default bidders. */
export const DEFAULT_BIDDERS = [
  { id: 'b1', capital: '2000000', latency: 1, discount: '0.02' },
  { id: 'b2', capital: '10000000', latency: 3, discount: '0.08' },
] as const;

/** The default seed of a generated population. */
export const DEFAULT_SEED = 1;

type Outcome<T> = { ok: true; value: T } | { ok: false; issues: readonly Issue[] };

export interface SimulationBase {
  /** the risk parameters (wire form) */
  readonly params: RiskParams;
  /** a wire policy object, or a policy name (`minimal-close`, a shipped profile's); absent: the reference's */
  readonly policy?: unknown;
  /** the venue profile the params and policy come from, for the report */
  readonly profile?: string;
  /** a population file's JSON value (S2.1) */
  readonly accounts?: unknown;
  /** a recorded path's prices as read from its CSV (S3) */
  readonly pathPrices?: readonly string[];
}

/** The policy of `base`: parsed, with its wire form, or issues at `policy`. */
function policyOf(declared: unknown): Outcome<{ readonly policy?: FPolicy; readonly wire?: Policy; readonly name: string }> {
  if (declared === undefined) return { ok: true, value: { name: REFERENCE_POLICY_NAME } };
  if (typeof declared === 'string') {
    if (declared === REFERENCE_POLICY_NAME) return { ok: true, value: { name: REFERENCE_POLICY_NAME } };
    const p = profileNamed(declared);
    if (p === undefined) return { ok: false, issues: [{ path: 'policy', expected: `"${REFERENCE_POLICY_NAME}" or a shipped profile's name`, received: JSON.stringify(declared) }] };
    return { ok: true, value: { policy: p.policy, wire: p.wire.policy as Policy, name: p.policy.name } };
  }
  const p = parsePolicy(declared, 'policy');
  if (!p.ok) return p;
  return { ok: true, value: { policy: p.value, wire: declared as Policy, name: p.value.name } };
}

/**
 * Resolves `input` against `base` (see {@link SimulationBase}). Every problem is reported at once
 * where the checks are independent; the population is drawn only from a valid configuration.
 */
export function resolveSimulation(input: SimulationConfig, base: SimulationBase): Outcome<SimulationSetup> {
  const shape = checkConfig(input);
  if (!shape.ok) return shape;
  const c = shape.value;
  const params = parseParams(base.params, 'params');
  if (!params.ok) return params;
  const pp = params.value;
  const pol = policyOf(base.policy);
  if (!pol.ok) return pol;
  const { policy } = pol.value;
  const issues: Issue[] = [];

  // ---- S1: the domain of v1, refused with the reason
  const ids = [...pp.markets.keys()].sort();
  const market = c.market ?? ids[0]!;
  const m = pp.markets.get(market);
  if (m === undefined) issues.push({ path: 'market', expected: `one of the params' markets (${ids.join(', ')})`, received: JSON.stringify(market) });
  if (hasInverse(pp)) {
    issues.push({ path: 'params.markets', expected: 'linear markets only: the simulation runs no inverse market (docs/simulation.md S1, spec §12)', received: 'an inverse market' });
  }
  if (pp.assets !== undefined) {
    issues.push({ path: 'params.assets', expected: 'no collateral assets: the simulation values only quote collateral (docs/simulation.md S1, spec §13)', received: 'collateral assets' });
  }
  if (policy?.price.kind === 'book') {
    issues.push({ path: 'policy.price', expected: 'a price part other than "book": the simulation synthesizes no order book yet (docs/simulation.md S1)', received: '"book"' });
  }
  if (policy?.closeSize.kind === 'requested') {
    issues.push({ path: 'policy.closeSize', expected: 'a close size other than "requested": the simulation synthesizes no liquidator requests yet (docs/simulation.md S1)', received: '"requested"' });
  }
  if (issues.length > 0 || m === undefined) return { ok: false, issues };
  const { tick, lot } = m;
  const unit = pp.unit;

  // ---- field checks beyond the schema
  const dec = (v: string | undefined, dflt: string, path: string, rule: (x: Dec) => string | null, fraction = false): Dec => {
    const x = new Dec(v ?? dflt);
    const why = rule(x);
    if (why !== null) issues.push({ path, expected: why, received: JSON.stringify(v) });
    else if (fraction && x.decimalPlaces() > PHI) issues.push({ path, expected: `a fraction with at most ${PHI} fraction digits (docs/simulation.md S1)`, received: JSON.stringify(v) });
    return x;
  };
  const positive = (x: Dec) => (x.gt(0) ? null : 'a decimal > 0');
  const nonNegative = (x: Dec) => (x.isNeg() ? 'a decimal ≥ 0' : null);
  const share = (x: Dec) => (x.isNeg() || x.gt(1) ? 'a fraction in [0, 1]' : null);
  const below1 = (x: Dec) => (x.isNeg() || x.gte(1) ? 'a fraction in [0, 1)' : null);
  const any = () => null;

  const seed = c.seed ?? DEFAULT_SEED;
  if (seed > 0xffffffff) issues.push({ path: 'seed', expected: 'an integer in [0, 4294967295]', received: String(seed) });

  const path = c.path ?? {};
  const recorded = base.pathPrices !== undefined;
  if (recorded) {
    for (const k of ['shock', 'drift', 'shockAt', 'shockSteps'] as const) {
      if (path[k] !== undefined) issues.push({ path: `path.${k}`, expected: 'absent with a recorded path (the CSV is the path)', received: JSON.stringify(path[k]) });
    }
    if (c.startPrice !== undefined) issues.push({ path: 'startPrice', expected: "absent with a recorded path (x_0 is the CSV's first price)", received: JSON.stringify(c.startPrice) });
    if (c.steps !== undefined && c.steps !== base.pathPrices!.length) issues.push({ path: 'steps', expected: `absent or ${base.pathPrices!.length}, the recorded path's rows`, received: String(c.steps) });
  }
  const shock = dec(path.shock, '0', 'path.shock', (x) => (x.lte(-1) ? 'a fraction > −1' : null), true);
  const drift = dec(path.drift, '0', 'path.drift', any, true);
  const startPrice = dec(c.startPrice, defaultStartPrice(tick), 'startPrice', positive);

  const pop = c.population ?? {};
  const count = pop.count ?? 1000;
  const longShare = dec(pop.longShare, '0.5', 'population.longShare', share, true);
  const minNotional = dec(pop.minNotional, '100', 'population.minNotional', positive);
  const maxNotional = dec(pop.maxNotional, '1000000', 'population.maxNotional', (x) => (x.lt(minNotional) ? 'a decimal ≥ population.minNotional' : null));
  const entrySpread = dec(pop.entrySpread, '0.05', 'population.entrySpread', below1, true);
  const maxLeverage = dec(pop.maxLeverage, '20', 'population.maxLeverage', (x) => (x.lt(1) ? 'a decimal ≥ 1' : null));
  const isolatedShare = dec(pop.isolatedShare, '0.3', 'population.isolatedShare', share, true);

  const liq = c.liquidity ?? {};
  const liquidity: Liquidity = {
    kind: liq.kind ?? 'sqrt',
    lambda: dec(liq.lambda, DEFAULT_LAMBDA, 'liquidity.lambda', nonNegative, true),
    depth: dec(liq.depth, '10000000', 'liquidity.depth', positive),
    permanent: dec(liq.permanent, '0.5', 'liquidity.permanent', share, true),
    recovery: dec(liq.recovery, '0.5', 'liquidity.recovery', share, true),
    maxImpact: dec(liq.maxImpact, '0.5', 'liquidity.maxImpact', below1, true),
  };

  const uniqueIds = (xs: readonly { readonly id: string }[], at: string): void => {
    const seen = new Set<string>();
    xs.forEach((x, i) => {
      if (seen.has(x.id)) issues.push({ path: `${at}[${i}].id`, expected: 'a unique id', received: JSON.stringify(x.id) });
      seen.add(x.id);
    });
  };
  const keeperInput = c.keepers ?? DEFAULT_KEEPERS;
  uniqueIds(keeperInput, 'keepers');
  const keepers: KeeperSpec[] = keeperInput.map((k, i) => ({
    id: k.id,
    capital: dec(k.capital, '0', `keepers[${i}].capital`, nonNegative),
    latency: k.latency,
    cost: dec(k.cost, '0', `keepers[${i}].cost`, nonNegative),
  }));
  const bidderInput = c.bidders ?? DEFAULT_BIDDERS;
  uniqueIds(bidderInput, 'bidders');
  const bidders: BidderSpec[] = bidderInput.map((b, i) => ({
    id: b.id,
    capital: dec(b.capital, '0', `bidders[${i}].capital`, nonNegative),
    latency: b.latency,
    discount: dec(b.discount, '0', `bidders[${i}].discount`, below1, true),
  }));

  const lq = c.liquidation ?? {};
  const au = lq.auction ?? {};
  const curveIn = au.curve ?? { kind: 'linear' as const };
  const curve: AuctionSetup['curve'] =
    curveIn.kind === 'linear'
      ? { kind: 'linear', duration: curveIn.duration ?? 20 }
      : { kind: 'stairstep', cut: dec(curveIn.cut, '0.9', 'liquidation.auction.curve.cut', (x) => (x.gt(0) && x.lt(1) ? null : 'a fraction in (0, 1)'), true), step: curveIn.step ?? 1 };
  const auction: AuctionSetup = {
    premium: dec(au.premium, '0.05', 'liquidation.auction.premium', below1, true),
    curve,
    tail: au.tail ?? 30,
    cusp: dec(au.cusp, '0.4', 'liquidation.auction.cusp', (x) => (x.gt(0) && x.lte(1) ? null : 'a fraction in (0, 1]'), true),
    dust: dec(au.dust, '100', 'liquidation.auction.dust', nonNegative),
  };
  const insuranceFund = dec(c.insuranceFund, '1000000', 'insuranceFund', nonNegative);
  if (issues.length > 0) return { ok: false, issues };

  // ---- S3: the path
  let prices: readonly Dec[];
  if (recorded) {
    const r = recordedPrices(base.pathPrices!, 'path');
    if (!r.ok) return r;
    prices = r.value;
  } else {
    prices = shockPrices({ startPrice, steps: c.steps ?? 100, shock, shockAt: path.shockAt ?? 1, shockSteps: path.shockSteps ?? 1, drift }, tick);
  }
  const x0 = prices[0]!;

  // ---- S2.1: the population
  const check = healthCheck(pp, market, policy);
  let population: Population;
  if (base.accounts !== undefined) {
    const r = readPopulation(base.accounts, m, unit, 'accounts');
    if (!r.ok) return r;
    population = r.value;
  } else {
    population = generatePopulation({ count, longShare, minNotional, maxNotional, entrySpread, maxLeverage, isolatedShare }, seed, x0, m, unit, check);
  }

  const s = toCanonical;
  const resolved: ResolvedConfig = {
    market,
    seed,
    steps: prices.length,
    startPrice: s(x0),
    path: recorded
      ? { kind: 'recorded', shock: '0', shockAt: 1, shockSteps: 1, drift: '0' }
      : { kind: 'shock', shock: s(shock), shockAt: path.shockAt ?? 1, shockSteps: path.shockSteps ?? 1, drift: s(drift) },
    population: {
      source: base.accounts !== undefined ? 'file' : 'generated',
      count: population.accounts.length,
      longShare: s(longShare),
      minNotional: s(minNotional),
      maxNotional: s(maxNotional),
      entrySpread: s(entrySpread),
      maxLeverage: s(maxLeverage),
      isolatedShare: s(isolatedShare),
    },
    liquidity: {
      kind: liquidity.kind,
      lambda: s(liquidity.lambda),
      depth: s(liquidity.depth),
      permanent: s(liquidity.permanent),
      recovery: s(liquidity.recovery),
      maxImpact: s(liquidity.maxImpact),
    },
    keepers: keepers.map((k) => ({ id: k.id, capital: s(k.capital), latency: k.latency, cost: s(k.cost) })),
    bidders: bidders.map((b) => ({ id: b.id, capital: s(b.capital), latency: b.latency, discount: s(b.discount) })),
    liquidation: {
      mode: lq.mode ?? 'market',
      auction: {
        premium: s(auction.premium),
        curve: curve.kind === 'linear' ? { kind: 'linear', duration: curve.duration } : { kind: 'stairstep', cut: s(curve.cut), step: curve.step },
        tail: auction.tail,
        cusp: s(auction.cusp),
        dust: s(auction.dust),
      },
    },
    insuranceFund: s(insuranceFund),
    adl: c.adl ?? true,
    maxRounds: c.maxRounds ?? 20,
  };
  return {
    ok: true,
    value: {
      resolved,
      profile: base.profile ?? null,
      policyName: pol.value.name,
      params: base.params,
      parsed: pp,
      ...(policy === undefined ? {} : { policy }),
      ...(pol.value.wire === undefined ? {} : { policyWire: pol.value.wire }),
      market,
      lot,
      tick,
      unit,
      seed,
      steps: prices.length,
      prices,
      liquidity,
      keepers,
      bidders,
      mode: lq.mode ?? 'market',
      auction,
      adl: c.adl ?? true,
      maxRounds: c.maxRounds ?? 20,
      insuranceFund,
      accounts: population.accounts,
      redrawn: population.redrawn,
    },
  };
}

/**
 * The impact coefficient λ when none is given (spec S4): of the order of a daily volatility, as the
 * square-root law's prefactor is measured (ΔP/P ≈ σ·√(Q/V)); with the default depth a one-round
 * unload of 10 % of the depth moves the mark by about 3 %.
 */
export const DEFAULT_LAMBDA = '0.1';

/**
 * x_0 when none is given (spec S3): a million ticks, kept within [1,000, 100,000] so that a market
 * with a tiny tick (GMX's 10^−12) or a coarse one still opens at a price people recognise.
 */
export function defaultStartPrice(tick: Dec): string {
  const p = tick.mul(1_000_000);
  return toCanonical(p.lt(1000) ? new Dec(1000) : p.gt(100_000) ? new Dec(100_000) : p);
}

