import { Dec, toCanonical as s } from '../model/decimal.ts';
import type { Scenario } from '../model/types.ts';
import type { RelationInvariant } from './invariant.ts';
import { wireInput } from './caseInput.ts';

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
      const m = p && sc.params.markets[p.market];
      if (m === undefined || m.tiers.length < 2) return null;
      const tiers = m.tiers.map((t, i) => (i === 1 ? { ...t, maintenanceAmount: s(new Dec(t.maintenanceAmount).add(1)) } : t));
      return { ...sc, params: { ...sc.params, markets: { ...sc.params.markets, [p!.market]: { ...m, tiers } } } };
    },
  },
];

/** A cheap, stable choice of breakage per scenario, so every kind is exercised across a run. */
function pick(sc: Scenario): Breakage[] {
  const key = sc.account.collateral.length + sc.account.positions.length * 7 + sc.insuranceFund.length * 3;
  return [BREAKAGES[key % BREAKAGES.length]!];
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
  statement: 'A scenario broken in one field (size off the lot grid, exponent notation, negative fund, unknown market, mark off the tick, discontinuous tiers) is answered with an invalid-input error, never with a result.',
  domain: 'Derived from every scenario; the broken field is chosen by a stable hash of the scenario so that a run exercises every kind. Engines that validate elsewhere (an on-chain precondition, an API gateway) should still answer invalid-input through their adapter.',
  spec: '#25-invalid-input',
  presumes: [],
  // Broken on purpose, so known in wire form only: every engine must read and reject it.
  derive: (c) => pick(c.scenario).flatMap((b) => {
    const broken = b.apply(c.scenario);
    return broken === null ? [] : [wireInput(broken)];
  }),
  compare: (c, runs) => {
    const kinds = pick(c.scenario).filter((b) => b.apply(c.scenario) !== null);
    return runs.flatMap((r, i) => {
      const what = kinds[i]?.what ?? 'a broken field';
      if (r.outcome.ok) return [`a scenario with ${what} was computed on (status ${r.outcome.result.status}) instead of rejected`];
      return r.outcome.error.code === 'invalid-input' ? [] : [`a scenario with ${what} was answered with ${r.outcome.error.code}, not invalid-input`];
    });
  },
};
