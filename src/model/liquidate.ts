import { toCanonical as s, ZERO, type Dec } from './decimal.ts';
import { closeFill, type ModelFill } from './closeFill.ts';
import { FZERO, fromDec, toCanonical as fs, type Fixed } from './fixed.ts';
import * as fixed from './fixedCore.ts';
import type { GroupHealth } from './groupHealth.ts';
import { liquidateGroup, REFERENCE_RULES, type GroupOutcome, type Rules } from './liquidateGroup.ts';
import { CROSS, marginGroups } from './marginGroup.ts';
import { marginRatio } from './marginRatio.ts';
import { minimalClose } from './minimalClose.ts';
import { penaltyRate } from './penaltyRate.ts';
import { isLiquidatable } from './trigger.ts';
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

/**
 * {@link liquidate} on an already validated scenario, optionally with other rules (the zoo).
 *
 * @remarks With the reference rules it runs on the exact integer core (fixedCore.ts), which gives
 * the same result byte for byte and several times faster; rules swapped by the zoo run on the
 * decimal.js functions they are written against.
 */
export function liquidateParsed(sc: ParsedScenario, rules: Rules = REFERENCE_RULES): Outcome {
  if (isReference(rules)) return liquidateOnFixed(sc);
  return liquidateOnDec(sc, rules);
}

function isReference(r: Rules): boolean {
  return r.isLiquidatable === isLiquidatable && r.penaltyRate === penaltyRate && r.minimalClose === minimalClose && r.closeFill === closeFill;
}

/** The decimal.js form of the reference with any rules: the oracle the integer core is checked against. */
export function liquidateOnDec(sc: ParsedScenario, rules: Rules = REFERENCE_RULES): Outcome {
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

// ---------------------------------------------------------------------------------------------
// The same run and report on the integer core

/** The reference rules on exact integer amounts (fixedCore.ts); the result as canonical strings. */
export function liquidateOnFixed(sc: ParsedScenario): Outcome {
  const v: fixed.FValuation = { params: fixed.fixedParams(sc.params), marks: fixed.fixedMarks(sc.marks) };
  const positions = fixed.fixedPositions(sc);
  let fund = fromDec(sc.insuranceFund);
  const outcomes: { id: string; o: fixed.FGroupOutcome }[] = [];
  for (const group of fixed.marginGroups(v, fromDec(sc.collateral), positions)) {
    const r = fixed.liquidateGroup(v, group, fund);
    if (!r.ok) return { ok: false, error: { code: 'limit-exceeded', message: r.message } };
    fund = r.value.insuranceFund;
    outcomes.push({ id: group.id, o: r.value });
  }
  return { ok: true, result: reportFixed(positions, outcomes, fund) };
}

function reportFixed(
  input: readonly fixed.FPosition[],
  outcomes: readonly { id: string; o: fixed.FGroupOutcome }[],
  fund: Fixed,
): LiquidationResult {
  let status: Status = 'healthy';
  let payout = FZERO;
  let badDebt = FZERO;
  let collateral = FZERO;
  const after = new Map<string, { size: Fixed; isolatedMargin: Fixed | null }>();
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
  for (const p of input) {
    const a = after.get(p.market);
    if (a === undefined) continue;
    const base = { market: p.market, size: fs(a.size), entryPrice: fs(p.entry) };
    positions.push(a.isolatedMargin === null ? base : { ...base, isolatedMargin: fs(a.isolatedMargin) });
  }
  return {
    status,
    fills: outcomes.flatMap(({ o }) => o.fills.map(formatFixedFill)),
    account: { collateral: fs(collateral), positions },
    insuranceFund: fs(fund),
    insurancePayout: fs(payout),
    badDebt: fs(badDebt),
    socializedLoss: fs(badDebt.sub(payout)),
    groups: outcomes.map(({ id, o }) => ({
      group: id,
      status: o.status,
      before: fixedSnapshot(o.before),
      after: fixedSnapshot(o.after),
    })),
  };
}

function formatFixedFill(f: fixed.FFill): Fill {
  return {
    market: f.market,
    side: f.long ? 'sell' : 'buy',
    size: fs(f.size),
    price: fs(f.price),
    notional: fs(f.notional),
    penaltyRate: fs(f.penaltyRate),
    penalty: fs(f.penalty),
    liquidatorFee: fs(f.liquidatorFee),
    insuranceFee: fs(f.insuranceFee),
    realizedPnl: fs(f.realizedPnl),
  };
}

function fixedSnapshot(h: fixed.FHealth): GroupSnapshot {
  const r = fixed.marginRatio(h.equity, h.maintenance);
  return {
    equity: fs(h.equity),
    maintenance: fs(h.maintenance),
    target: fs(h.target),
    marginRatio: r === null ? null : fs(r),
  };
}
