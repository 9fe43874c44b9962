import { toCanonical as s, ZERO, type Dec } from './decimal.ts';
import type { ModelFill } from './closeFill.ts';
import type { GroupHealth } from './groupHealth.ts';
import { liquidateGroup, REFERENCE_RULES, type GroupOutcome, type Rules } from './liquidateGroup.ts';
import { CROSS, marginGroups } from './marginGroup.ts';
import { marginRatio } from './marginRatio.ts';
import { parseScenario } from './parseScenario.ts';
import type {
  Fill,
  GroupSnapshot,
  LiquidationResult,
  Outcome,
  ParsedScenario,
  PositionInput,
  Scenario,
  Status,
} from './types.ts';

const SEVERITY: Readonly<Record<Status, number>> = { healthy: 0, partial: 1, full: 2, bankrupt: 3 };

/**
 * The reference engine: validates the scenario, liquidates every margin group under the
 * minimal-close policy and reports the result as canonical strings.
 *
 * @see docs/spec.md
 */
export function liquidate(scenario: Scenario | unknown): Outcome {
  const parsed = parseScenario(scenario);
  if (!parsed.ok) return { ok: false, error: { code: 'invalid-input', issues: parsed.issues } };
  return liquidateParsed(parsed.value);
}

/** {@link liquidate} on an already validated scenario, optionally with other rules (the zoo). */
export function liquidateParsed(sc: ParsedScenario, rules: Rules = REFERENCE_RULES): Outcome {
  const v = { params: sc.params, marks: sc.marks };
  let fund = sc.insuranceFund;
  const outcomes: { id: string; o: GroupOutcome }[] = [];
  for (const group of marginGroups(sc)) {
    const r = liquidateGroup(v, group, fund, rules);
    if (!r.ok) return { ok: false, error: { code: 'limit-exceeded', message: r.message } };
    fund = r.value.insuranceFund;
    outcomes.push({ id: group.id, o: r.value });
  }
  return { ok: true, result: report(sc, outcomes, fund) };
}

function report(sc: ParsedScenario, outcomes: readonly { id: string; o: GroupOutcome }[], fund: Dec): LiquidationResult {
  let status: Status = 'healthy';
  let payout = ZERO;
  let badDebt = ZERO;
  let collateral = ZERO;
  const after = new Map<string, { size: Dec; isolatedMargin: Dec | null }>();
  for (const { id, o } of outcomes) {
    if (SEVERITY[o.status] > SEVERITY[status]) status = o.status;
    payout = payout.add(o.payout);
    badDebt = badDebt.add(o.badDebt);
    if (id === CROSS) collateral = collateral.add(o.group.collateral);
    // §4.1: the margin of a closed isolated position returns to the cross pool.
    else if (o.group.positions.length === 0) collateral = collateral.add(o.group.collateral);
    for (const p of o.group.positions) {
      after.set(p.market, { size: p.size, isolatedMargin: id === CROSS ? null : o.group.collateral });
    }
  }
  const positions: PositionInput[] = [];
  for (const p of sc.positions) {
    const a = after.get(p.market);
    if (a === undefined) continue;
    const base = { market: p.market, size: s(a.size), entryPrice: s(p.entry) };
    positions.push(a.isolatedMargin === null ? base : { ...base, isolatedMargin: s(a.isolatedMargin) });
  }
  return {
    status,
    fills: outcomes.flatMap(({ o }) => o.fills.map(formatFill)),
    account: { collateral: s(collateral), positions },
    insuranceFund: s(fund),
    insurancePayout: s(payout),
    badDebt: s(badDebt),
    socializedLoss: s(badDebt.sub(payout)),
    groups: outcomes.map(({ id, o }) => ({
      group: id,
      status: o.status,
      before: snapshot(o.before),
      after: snapshot(o.after),
    })),
  };
}

function formatFill(f: ModelFill): Fill {
  return {
    market: f.market,
    side: f.long ? 'sell' : 'buy',
    size: s(f.size),
    price: s(f.price),
    notional: s(f.notional),
    penaltyRate: s(f.penaltyRate),
    penalty: s(f.penalty),
    liquidatorFee: s(f.liquidatorFee),
    insuranceFee: s(f.insuranceFee),
    realizedPnl: s(f.realizedPnl),
  };
}

function snapshot(h: GroupHealth): GroupSnapshot {
  const r = marginRatio(h.equity, h.maintenance);
  return {
    equity: s(h.equity),
    maintenance: s(h.maintenance),
    target: s(h.target),
    marginRatio: r === null ? null : s(r),
  };
}
