import { toCanonical as s, ZERO, type Dec } from './decimal.ts';
import { closeFill } from './closeFill.ts';
import { FZERO, fromDec, toCanonical as fs, type Fixed } from './fixed.ts';
import * as fixed from './fixedCore.ts';
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
  return { ok: true, result: report(sc.positions, outcomes, fund, DEC) };
}

/** An amount of either arithmetic: decimal.js `Dec` or the integer core's `Fixed`. */
interface Amount<T> {
  add(x: T): T;
  sub(x: T): T;
}

/** What {@link report} reads of a group's outcome, in either arithmetic. */
interface OutcomeOf<T> {
  readonly status: Status;
  readonly group: { readonly collateral: T; readonly positions: readonly { readonly market: string; readonly size: T }[] };
  readonly fills: readonly {
    readonly market: string;
    readonly long: boolean;
    readonly size: T;
    readonly price: T;
    readonly notional: T;
    readonly penaltyRate: T;
    readonly penalty: T;
    readonly liquidatorFee: T;
    readonly insuranceFee: T;
    readonly realizedPnl: T;
  }[];
  readonly before: HealthOf<T>;
  readonly after: HealthOf<T>;
  readonly payout: T;
  readonly badDebt: T;
}

interface HealthOf<T> {
  readonly equity: T;
  readonly maintenance: T;
  readonly target: T;
}

/** How {@link report} writes amounts of one arithmetic. */
interface Writer<T> {
  readonly zero: T;
  readonly s: (x: T) => string;
  readonly marginRatio: (equity: T, maintenance: T) => T | null;
}

const DEC: Writer<Dec> = { zero: ZERO, s, marginRatio };
const FIXED: Writer<Fixed> = { zero: FZERO, s: fs, marginRatio: fixed.marginRatio };

/** The result (spec §8) of the groups' outcomes, written once for both arithmetics. */
function report<T extends Amount<T>>(
  input: readonly { readonly market: string; readonly entry: T }[],
  outcomes: readonly { id: string; o: OutcomeOf<T> }[],
  fund: T,
  w: Writer<T>,
): LiquidationResult {
  let status: Status = 'healthy';
  let payout = w.zero;
  let badDebt = w.zero;
  let collateral = w.zero;
  const after = new Map<string, { size: T; isolatedMargin: T | null }>();
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
    const base = { market: p.market, size: w.s(a.size), entryPrice: w.s(p.entry) };
    positions.push(a.isolatedMargin === null ? base : { ...base, isolatedMargin: w.s(a.isolatedMargin) });
  }
  const snapshot = (h: HealthOf<T>): GroupSnapshot => {
    const r = w.marginRatio(h.equity, h.maintenance);
    return { equity: w.s(h.equity), maintenance: w.s(h.maintenance), target: w.s(h.target), marginRatio: r === null ? null : w.s(r) };
  };
  const fill = (f: OutcomeOf<T>['fills'][number]): Fill => ({
    market: f.market,
    side: f.long ? 'sell' : 'buy',
    size: w.s(f.size),
    price: w.s(f.price),
    notional: w.s(f.notional),
    penaltyRate: w.s(f.penaltyRate),
    penalty: w.s(f.penalty),
    liquidatorFee: w.s(f.liquidatorFee),
    insuranceFee: w.s(f.insuranceFee),
    realizedPnl: w.s(f.realizedPnl),
  });
  return {
    status,
    fills: outcomes.flatMap(({ o }) => o.fills.map(fill)),
    account: { collateral: w.s(collateral), positions },
    insuranceFund: w.s(fund),
    insurancePayout: w.s(payout),
    badDebt: w.s(badDebt),
    socializedLoss: w.s(badDebt.sub(payout)),
    groups: outcomes.map(({ id, o }) => ({ group: id, status: o.status, before: snapshot(o.before), after: snapshot(o.after) })),
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
  return { ok: true, result: report(positions, outcomes, fund, FIXED) };
}

