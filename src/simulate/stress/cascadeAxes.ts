/**
 * The knobs a cascade sweep (spec S11) can vary: each axis name, the field of the simulation
 * configuration it sets, and its domain. One table, so the CLI's help, the grid parser and the
 * cell runner cannot disagree about what `depth` means.
 * @see docs/simulation.md#s11-stress-search
 */
import { Dec } from '../../model/decimal.ts';

/** A simulation configuration as JSON (the wire `SimulationConfig`, every field optional). */
export type ConfigJson = Readonly<Record<string, unknown>>;

export interface CascadeAxisDef {
  readonly name: string;
  /** what a reader reads after the name on a chart's axis */
  readonly unit: string;
  /** the configuration field, dotted; `keepers[*].cost` sets the field of every keeper (or bidder) */
  readonly path: string;
  /** integers are written as JSON integers (the config's counts and step numbers), the rest as decimal strings */
  readonly kind: 'decimal' | 'integer';
  readonly help: string;
  /** domain, in words and as a test */
  readonly domain: string;
  readonly inDomain: (v: Dec) => boolean;
}

const between = (lo: number, hi: number, open: 'open' | 'closed' = 'closed') => (v: Dec) => (open === 'open' ? v.gt(lo) && v.lt(hi) : v.gte(lo) && v.lte(hi));
const positive = (v: Dec) => v.gt(0);
const nonNegative = (v: Dec) => v.gte(0);
const wholeAtLeast = (min: number) => (v: Dec) => v.isInteger() && v.gte(min) && v.lte(1_000_000);

/**
 * Spec S3–S6 defaults of the keepers and bidders: an axis that sets a field of every keeper (or
 * bidder) starts from these when the base configuration names none, so `keeperCost=…` varies the
 * default agents and does not silently switch to venue mode (`keepers: []`).
 */
export const DEFAULT_KEEPERS: readonly ConfigJson[] = [
  { id: 'k1', capital: '1000000', latency: 0, cost: '5' },
  { id: 'k2', capital: '5000000', latency: 1, cost: '1' },
  { id: 'k3', capital: '20000000', latency: 2, cost: '0' },
];
export const DEFAULT_BIDDERS: readonly ConfigJson[] = [
  { id: 'b1', capital: '2000000', latency: 1, discount: '0.02' },
  { id: 'b2', capital: '10000000', latency: 3, discount: '0.08' },
];

export const CASCADE_AXES: readonly CascadeAxisDef[] = [
  { name: 'shock', unit: 'fraction of price', path: 'path.shock', kind: 'decimal', help: 'the exogenous move (−0.3 = down 30 %)', domain: '(−1, 1), not 0', inDomain: (v) => between(-1, 1, 'open')(v) && !v.isZero() },
  { name: 'shockAt', unit: 'step', path: 'path.shockAt', kind: 'integer', help: 'the step the shock starts at', domain: 'whole ≥ 0', inDomain: wholeAtLeast(0) },
  { name: 'shockSteps', unit: 'steps', path: 'path.shockSteps', kind: 'integer', help: 'steps the shock is spread over', domain: 'whole ≥ 1', inDomain: wholeAtLeast(1) },
  { name: 'drift', unit: 'fraction per step', path: 'path.drift', kind: 'decimal', help: 'the drift per step', domain: '(−1, 1)', inDomain: between(-1, 1, 'open') },
  { name: 'depth', unit: 'quote', path: 'liquidity.depth', kind: 'decimal', help: 'the liquidity depth D (quote)', domain: '> 0', inDomain: positive },
  { name: 'lambda', unit: '×', path: 'liquidity.lambda', kind: 'decimal', help: 'the impact coefficient λ', domain: '≥ 0', inDomain: nonNegative },
  { name: 'permanent', unit: 'share', path: 'liquidity.permanent', kind: 'decimal', help: 'the permanent share θ of impact', domain: '[0, 1]', inDomain: between(0, 1) },
  { name: 'recovery', unit: 'per step', path: 'liquidity.recovery', kind: 'decimal', help: 'the recovery rate ρ of temporary impact per step', domain: '[0, 1]', inDomain: between(0, 1) },
  { name: 'maxImpact', unit: 'fraction', path: 'liquidity.maxImpact', kind: 'decimal', help: 'the largest impact ιmax of one round', domain: '[0, 1]', inDomain: between(0, 1) },
  { name: 'keeperCost', unit: 'quote', path: 'keepers[*].cost', kind: 'decimal', help: "every keeper's cost per liquidation (quote)", domain: '≥ 0', inDomain: nonNegative },
  { name: 'keeperLatency', unit: 'steps', path: 'keepers[*].latency', kind: 'integer', help: "every keeper's latency (steps)", domain: 'whole ≥ 0', inDomain: wholeAtLeast(0) },
  { name: 'keeperCapital', unit: 'quote', path: 'keepers[*].capital', kind: 'decimal', help: "every keeper's capital (quote)", domain: '> 0', inDomain: positive },
  { name: 'premium', unit: 'fraction', path: 'liquidation.auction.premium', kind: 'decimal', help: 'the auction start premium β', domain: '[0, 1)', inDomain: between(0, 1) },
  { name: 'cusp', unit: 'fraction', path: 'liquidation.auction.cusp', kind: 'decimal', help: 'the auction cusp (reset / floor)', domain: '(0, 1]', inDomain: (v) => v.gt(0) && v.lte(1) },
  { name: 'tail', unit: 'steps', path: 'liquidation.auction.tail', kind: 'integer', help: 'the auction tail (steps before a reset)', domain: 'whole ≥ 1', inDomain: wholeAtLeast(1) },
  { name: 'dust', unit: 'quote', path: 'liquidation.auction.dust', kind: 'decimal', help: 'the auction dust (quote)', domain: '≥ 0', inDomain: nonNegative },
  { name: 'bidderDiscount', unit: 'fraction', path: 'bidders[*].discount', kind: 'decimal', help: "every bidder's discount ω", domain: '[0, 1)', inDomain: (v) => v.gte(0) && v.lt(1) },
  { name: 'bidderCapital', unit: 'quote', path: 'bidders[*].capital', kind: 'decimal', help: "every bidder's capital (quote)", domain: '> 0', inDomain: positive },
  { name: 'accounts', unit: 'accounts', path: 'population.count', kind: 'integer', help: 'the population size', domain: 'whole ≥ 1', inDomain: wholeAtLeast(1) },
  { name: 'longShare', unit: 'share', path: 'population.longShare', kind: 'decimal', help: 'the share of long accounts', domain: '[0, 1]', inDomain: between(0, 1) },
  { name: 'maxLeverage', unit: '×', path: 'population.maxLeverage', kind: 'decimal', help: 'the highest leverage drawn', domain: '≥ 1', inDomain: (v) => v.gte(1) },
  { name: 'isolatedShare', unit: 'share', path: 'population.isolatedShare', kind: 'decimal', help: 'the share of isolated accounts', domain: '[0, 1]', inDomain: between(0, 1) },
  { name: 'entrySpread', unit: 'fraction', path: 'population.entrySpread', kind: 'decimal', help: 'the spread of entry prices around x_0', domain: '[0, 1)', inDomain: (v) => v.gte(0) && v.lt(1) },
  { name: 'minNotional', unit: 'quote', path: 'population.minNotional', kind: 'decimal', help: 'the smallest opening notional (quote)', domain: '> 0', inDomain: positive },
  { name: 'maxNotional', unit: 'quote', path: 'population.maxNotional', kind: 'decimal', help: 'the largest opening notional (quote)', domain: '> 0', inDomain: positive },
  { name: 'insuranceFund', unit: 'quote', path: 'insuranceFund', kind: 'decimal', help: "the fund's opening cash (quote)", domain: '≥ 0', inDomain: nonNegative },
  { name: 'startPrice', unit: 'quote per base', path: 'startPrice', kind: 'decimal', help: 'the opening price x_0', domain: '> 0', inDomain: positive },
  { name: 'maxRounds', unit: 'rounds', path: 'maxRounds', kind: 'integer', help: 'the most rounds of one step', domain: 'whole ≥ 1', inDomain: wholeAtLeast(1) },
];

export function cascadeAxisNamed(name: string): CascadeAxisDef | undefined {
  return CASCADE_AXES.find((a) => a.name === name);
}

function setPath(node: unknown, keys: readonly string[], value: unknown, defaults: (list: string) => readonly ConfigJson[]): unknown {
  const [head, ...rest] = keys as [string, ...string[]];
  const obj: Record<string, unknown> = node !== null && typeof node === 'object' && !Array.isArray(node) ? { ...(node as ConfigJson) } : {};
  const each = /^(.*)\[\*\]$/.exec(head);
  if (each !== null) {
    const list = each[1]!;
    const current = Array.isArray(obj[list]) ? (obj[list] as readonly unknown[]) : defaults(list);
    obj[list] = current.map((item) => setPath(item, rest, value, defaults));
    return obj;
  }
  obj[head] = rest.length === 0 ? value : setPath(obj[head], rest, value, defaults);
  return obj;
}

/**
 * The configuration with the axis set to `value` (a canonical decimal string): a new object, the
 * base untouched. Integer axes are written as JSON integers, as the configuration's schema wants.
 */
export function withAxis(config: ConfigJson, axis: CascadeAxisDef, value: string): ConfigJson {
  const v = axis.kind === 'integer' ? Number(value) : value;
  return setPath(config, axis.path.split('.'), v, (list) => (list === 'keepers' ? DEFAULT_KEEPERS : list === 'bidders' ? DEFAULT_BIDDERS : [])) as ConfigJson;
}
