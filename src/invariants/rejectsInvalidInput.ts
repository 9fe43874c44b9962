import { Dec, toCanonical as s } from '../model/decimal.ts';
import { deepFreeze } from '../model/frozen.ts';
import type { RiskParams, Scenario } from '../model/types.ts';
import type { RelationInvariant } from './invariant.ts';
import { paramsFrozen, type CaseInput } from './caseInput.ts';

/** One way to break a valid scenario, and the field path the rejection should name. */
interface Breakage {
  readonly what: string;
  readonly apply: (sc: Scenario) => Scenario | null;
}

const firstPosition = (sc: Scenario) => sc.account.positions[0];

const BREAKAGES: readonly Breakage[] = [
  {
    what: 'account.positions[0].size off the lot grid',
    apply: (sc) => {
      const p = firstPosition(sc);
      if (p === undefined) return null;
      const lot = new Dec(sc.params.markets[p.market]!.lotSize);
      const size = new Dec(p.size).add(lot.div(2));
      if (size.isZero() || size.decimalPlaces() > 18) return null;
      return { ...sc, account: { ...sc.account, positions: [{ ...p, size: s(size) }, ...sc.account.positions.slice(1)] } };
    },
  },
  {
    what: 'account.collateral in exponent notation',
    apply: (sc) => ({ ...sc, account: { ...sc.account, collateral: '1e3' } }),
  },
  {
    what: 'a negative insurance fund',
    apply: (sc) => ({ ...sc, insuranceFund: '-1' }),
  },
  {
    what: 'a position in a market without parameters',
    apply: (sc) => {
      const p = firstPosition(sc);
      return p === undefined ? null : { ...sc, account: { ...sc.account, positions: [{ ...p, market: 'NO-SUCH-MARKET' }, ...sc.account.positions.slice(1)] } };
    },
  },
  {
    what: 'a mark off the tick grid',
    apply: (sc) => {
      const p = firstPosition(sc);
      if (p === undefined) return null;
      const tick = new Dec(sc.params.markets[p.market]!.tickSize);
      const mark = new Dec(sc.marks[p.market]!).add(tick.div(2));
      return mark.decimalPlaces() > 18 ? null : { ...sc, marks: { ...sc.marks, [p.market]: s(mark) } };
    },
  },
  {
    what: 'a discontinuous tier table',
    apply: (sc) => {
      const p = firstPosition(sc);
      if (p === undefined || sc.params.markets[p.market] === undefined || sc.params.markets[p.market]!.tiers.length < 2) return null;
      return { ...sc, params: discontinuous(sc.params, p.market) };
    },
  },
];

/** `params` with the second tier of `market` one quote unit off continuity. */
function withDiscontinuity(params: RiskParams, market: string): RiskParams {
  const m = params.markets[market]!;
  const tiers = m.tiers.map((t, i) => (i === 1 ? { ...t, maintenanceAmount: s(new Dec(t.maintenanceAmount).add(1)) } : t));
  return { ...params, markets: { ...params.markets, [market]: { ...m, tiers } } };
}

/** The broken params built per deeply frozen params object and market (see {@link discontinuous}). */
const brokenParams = new WeakMap<RiskParams, Map<string, RiskParams>>();

/**
 * {@link withDiscontinuity}, built once per deeply frozen params set and market and frozen too:
 * every case on those params hands the engine the same broken object (the same value as a fresh
 * one), so an engine that caches its reading of a frozen params object, as the reference does for
 * a valid one (src/model/parseScenario.ts), can answer this one from its cache too.
 */
function discontinuous(params: RiskParams, market: string): RiskParams {
  if (!paramsFrozen(params)) return withDiscontinuity(params, market);
  let byMarket = brokenParams.get(params);
  if (byMarket === undefined) brokenParams.set(params, (byMarket = new Map()));
  let broken = byMarket.get(market);
  if (broken === undefined) byMarket.set(market, (broken = deepFreeze(withDiscontinuity(params, market))));
  return broken;
}

/** The §13 fields of a scenario on the wire (absent without `params.assets`). */
interface WithAssets {
  readonly params: { readonly assets?: Record<string, { readonly unit: string; readonly weight: string; readonly targetWeight?: string }> };
  readonly assetPrices?: Record<string, string>;
  readonly account: { readonly assets?: Record<string, string> };
}

/** The first asset the account holds (a > 0), with its wire view, or null. */
function firstHeld(sc: Scenario): { readonly id: string; readonly w: WithAssets } | null {
  const w = sc as unknown as WithAssets;
  const id = Object.entries(w.account.assets ?? {}).find(([, a]) => new Dec(a).gt(0))?.[0];
  return id === undefined || w.params.assets?.[id] === undefined ? null : { id, w };
}

const withAccountAsset = (sc: Scenario, w: WithAssets, id: string, a: string): Scenario =>
  ({ ...sc, account: { ...sc.account, assets: { ...w.account.assets, [id]: a } } }) as unknown as Scenario;

/** Breakages of the §13.1 domain, tried only on scenarios with `params.assets` (so no other scenario's choice moves). */
const ASSET_BREAKAGES: readonly Breakage[] = [
  {
    what: 'account.assets balance negative',
    apply: (sc) => {
      const h = firstHeld(sc);
      return h === null ? null : withAccountAsset(sc, h.w, h.id, `-${h.w.account.assets![h.id]!}`);
    },
  },
  {
    what: 'account.assets balance off the asset unit',
    apply: (sc) => {
      const h = firstHeld(sc);
      if (h === null) return null;
      const unit = new Dec(h.w.params.assets![h.id]!.unit);
      const off = new Dec(h.w.account.assets![h.id]!).add(unit.div(10));
      return off.decimalPlaces() > 18 ? null : withAccountAsset(sc, h.w, h.id, s(off));
    },
  },
  {
    what: 'params.assets targetWeight above weight',
    apply: (sc) => {
      const w = sc as unknown as WithAssets;
      const [id, a] = Object.entries(w.params.assets ?? {})[0] ?? [];
      if (id === undefined || a === undefined) return null;
      const assets = { ...w.params.assets, [id]: { ...a, targetWeight: s(new Dec(a.weight).add('0.5')) } };
      return { ...sc, params: { ...sc.params, assets } } as unknown as Scenario;
    },
  },
  {
    what: 'assetPrices missing for a held asset',
    apply: (sc) => {
      const h = firstHeld(sc);
      if (h === null) return null;
      const { [h.id]: _dropped, ...prices } = h.w.assetPrices ?? {};
      return { ...sc, assetPrices: prices } as unknown as Scenario;
    },
  },
];

/** A broken scenario on its way to the engine (wire form only), with what was broken (for the message). */
interface BrokenInput extends CaseInput {
  readonly what: string;
}

/** Carries the breakage to `compare`, which would otherwise have to break the scenario again. */
function brokenInput(scenario: Scenario, what: string): BrokenInput {
  return { scenario, parsed: null, what };
}

/** A cheap, stable choice of breakage per scenario, so every kind is exercised across a run. */
function pick(sc: Scenario): Breakage[] {
  const key = sc.account.collateral.length + sc.account.positions.length * 7 + sc.insuranceFund.length * 3;
  const base = BREAKAGES[key % BREAKAGES.length]!;
  if ((sc as unknown as WithAssets).params.assets === undefined) return [base];
  return [base, ASSET_BREAKAGES[key % ASSET_BREAKAGES.length]!];
}

/**
 * LIQ-018 — invalid input is refused, not computed on.
 *
 * @see docs/spec.md#25-invalid-input
 */
export const rejectsInvalidInput: RelationInvariant = {
  kind: 'relation',
  id: 'LIQ-018',
  title: 'invalid input rejected',
  statement: 'A scenario broken in one field (size off the lot grid, exponent notation, negative fund, unknown market, mark off the tick, discontinuous tiers; with params.assets also a negative or off-unit asset balance, a target weight above the weight, a held asset without a price) is answered with an invalid-input error, never with a result.',
  domain: 'Derived from every scenario; the broken field is chosen by a stable hash of the scenario so that a run exercises every kind. Engines that validate elsewhere (an on-chain precondition, an API gateway) should still answer invalid-input through their adapter.',
  spec: '#25-invalid-input',
  presumes: [],
  // Broken on purpose, so known in wire form only: every engine must read and reject it.
  derive: (c) => pick(c.scenario).flatMap((b) => {
    const broken = b.apply(c.scenario);
    return broken === null ? [] : [brokenInput(broken, b.what)];
  }),
  compare: (_c, runs) =>
    runs.flatMap((r) => {
      const what = (r.input as Partial<BrokenInput>).what ?? 'a broken field';
      if (r.outcome.ok) return [`a scenario with ${what} was computed on (status ${r.outcome.result.status}) instead of rejected`];
      return r.outcome.error.code === 'invalid-input' ? [] : [`a scenario with ${what} was answered with ${r.outcome.error.code}, not invalid-input`];
    }),
};
