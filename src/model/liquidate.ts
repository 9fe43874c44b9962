import { toCanonical as s, ZERO, type Dec } from './decimal.ts';
import { closeFill } from './closeFill.ts';
import { FZERO, fromDec, toCanonical as fs, toDec, type Fixed } from './fixed.ts';
import { EXACT_WRITING, parsedWriting, wireWriting, type AmountFill, type AmountResult, type AmountSnapshot, type Writing } from './amountResult.ts';
import { withExact, type ExactAnswer, type ParsedAnswer, type RunExact, type RunParsed } from './parsedEngine.ts';
import * as fixed from './fixedCore.ts';
import { liquidateGroup, REFERENCE_RULES, type GroupOutcome, type Rules } from './liquidateGroup.ts';
import { CROSS, marginGroups } from './marginGroup.ts';
import { marginRatio } from './marginRatio.ts';
import { minimalClose } from './minimalClose.ts';
import { penaltyRate } from './penaltyRate.ts';
import { isLiquidatable } from './trigger.ts';
import { hasInverse, parseScenario } from './parseScenario.ts';
import { liquidateGroupUnder, type PartSwap } from '../policy/liquidateGroupUnder.ts';
import { isReferenceParts, REFERENCE_POLICY } from '../policy/policy.ts';
import { requirementOf } from '../policy/requirement/requirementOf.ts';
import type {
  Outcome,
  ParsedScenario,
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
export const liquidate: ((scenario: Scenario | unknown) => Outcome) & { readonly runParsed: RunParsed } = Object.assign(
  function liquidate(scenario: Scenario | unknown): Outcome {
    const parsed = parseScenario(scenario);
    if (!parsed.ok) return { ok: false, error: { code: 'invalid-input', issues: parsed.issues } };
    return liquidateParsed(parsed.value);
  },
  // The catalog hands the reference parsed scenarios and takes its parsed result (parsedEngine.ts);
  // its derived runs are answered exact first, the wire result written only when read.
  { runParsed: Object.assign(liquidateToParsed, { exact: liquidateToExact as RunExact }) },
);

/**
 * {@link liquidate} on an already validated scenario, optionally with other rules (the zoo).
 *
 * @remarks With the reference rules it runs on the exact integer core (fixedCore.ts), which gives
 * the same result byte for byte and several times faster; rules swapped by the zoo run on the
 * decimal.js functions they are written against.
 */
export function liquidateParsed(sc: ParsedScenario, rules: Rules = REFERENCE_RULES): Outcome {
  if (isReference(rules)) return liquidateOnFixed(sc);
  // Rules swapped on the decimal.js form (the zoo) are the minimal-close policy's: refuse another
  // (a named policy of the reference's very parts, e.g. the drift-v2 profile, is those rules).
  if (sc.policy !== undefined && !isReferenceParts(sc.policy)) {
    return { ok: false, error: { code: 'invalid-input', issues: [{ path: 'policy', expected: 'no policy: this engine implements only minimal-close', received: `policy ${sc.policy.name}` }] } };
  }
  return liquidateOnDec(sc, rules);
}

function isReference(r: Rules): boolean {
  return r.isLiquidatable === isLiquidatable && r.penaltyRate === penaltyRate && r.minimalClose === minimalClose && r.closeFill === closeFill;
}

/** The decimal.js form of the reference with any rules: the oracle the integer core is checked against. */
export function liquidateOnDec(sc: ParsedScenario, rules: Rules = REFERENCE_RULES): Outcome {
  // §12.1: the decimal.js form is §1–§7's linear arithmetic; an inverse market runs only on the
  // integer core under a policy. Refused rather than valued as if it were linear.
  if (hasInverse(sc.params)) {
    return { ok: false, error: { code: 'invalid-input', issues: [{ path: 'params.markets', expected: 'linear markets only: this engine (the decimal.js form of the reference) runs no inverse market (spec §12.1)', received: 'an inverse market' }] } };
  }
  // §13: likewise the assets of the cross group are valued on the integer core only.
  if (sc.params.assets !== undefined) {
    return { ok: false, error: { code: 'invalid-input', issues: [{ path: 'params.assets', expected: 'no collateral assets: this engine (the decimal.js form of the reference) values none (spec §13.1)', received: 'collateral assets' }] } };
  }
  const v = { params: sc.params, marks: sc.marks };
  let fund = sc.insuranceFund;
  const outcomes: { id: string; o: GroupOutcome }[] = [];
  for (const group of marginGroups(sc)) {
    const r = liquidateGroup(v, group, fund, rules);
    if (!r.ok) return { ok: false, error: { code: 'limit-exceeded', message: r.message } };
    fund = r.value.insuranceFund;
    outcomes.push({ id: group.id, o: r.value });
  }
  return { ok: true, result: report(sc.positions, outcomes, fund, DEC, DEC_WIRE) };
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
  /** a result fill's amounts, with the closed side as the group outcome holds it */
  readonly fills: readonly (Omit<AmountFill<T>, 'side'> & { readonly long: boolean })[];
  readonly before: HealthOf<T>;
  readonly after: HealthOf<T>;
  readonly payout: T;
  readonly badDebt: T;
  /** §13.4, the cross group only (integer core) */
  readonly assets?: ReadonlyMap<string, T>;
  readonly sales?: readonly { readonly asset: string; readonly amount: T; readonly proceeds: T }[];
}

interface HealthOf<T> {
  readonly equity: T;
  readonly maintenance: T;
  readonly target: T;
}

/** What {@link report} needs of one arithmetic. */
interface Arithmetic<T> {
  readonly zero: T;
  readonly marginRatio: (equity: T, maintenance: T) => T | null;
}

const DEC: Arithmetic<Dec> = { zero: ZERO, marginRatio };
const FIXED: Arithmetic<Fixed> = { zero: FZERO, marginRatio: fixed.marginRatio };

const DEC_WIRE = wireWriting(s);
const FIXED_WIRE = wireWriting(fs);
// `toDec` gives the value of the very string `toCanonical` writes (fixed.test.ts).
const FIXED_PARSED = parsedWriting(toDec);

function snapshot<T, S>(h: HealthOf<T>, w: Arithmetic<T>, write: (x: T) => S): AmountSnapshot<S> {
  const r = w.marginRatio(h.equity, h.maintenance);
  return { equity: write(h.equity), maintenance: write(h.maintenance), target: write(h.target), marginRatio: r === null ? null : write(r) };
}

function fill<T, S>(f: OutcomeOf<T>['fills'][number], write: (x: T) => S): AmountFill<S> {
  return {
    market: f.market,
    side: f.long ? 'sell' : 'buy',
    size: write(f.size),
    price: write(f.price),
    notional: write(f.notional),
    penaltyRate: write(f.penaltyRate),
    penalty: write(f.penalty),
    liquidatorFee: write(f.liquidatorFee),
    insuranceFee: write(f.insuranceFee),
    realizedPnl: write(f.realizedPnl),
  };
}

/**
 * The result (spec §8) of the groups' outcomes, written once for both arithmetics and in either
 * writing: canonical strings for the wire, `Dec` values for the parsed form (amountResult.ts).
 */
function report<T extends Amount<T>, S, P>(
  input: readonly { readonly market: string; readonly entry: T }[],
  outcomes: readonly { id: string; o: OutcomeOf<T> }[],
  fund: T,
  w: Arithmetic<T>,
  writing: Writing<T, S, P>,
): AmountResult<S, P> {
  const write = writing.amount;
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
  const positions: P[] = [];
  for (const p of input) {
    const a = after.get(p.market);
    if (a === undefined) continue;
    positions.push(writing.position(p.market, write(a.size), write(p.entry), a.isolatedMargin === null ? null : write(a.isolatedMargin)));
  }
  const fills: AmountFill<S>[] = [];
  for (const { o } of outcomes) for (const f of o.fills) fills.push(fill(f, write));
  // §13.4: present iff the scenario has assets (the cross outcome carries them then), so every
  // earlier result keeps its keys; balances in code-unit order of the ids, zeros omitted.
  const held = outcomes.find(({ id }) => id === CROSS)?.o;
  const assets = held?.assets === undefined ? undefined : assetRecord(held.assets, write);
  const sales = held?.sales?.map((x) => ({ asset: x.asset, amount: write(x.amount), proceeds: write(x.proceeds) }));
  return {
    status,
    fills,
    account: assets === undefined ? { collateral: write(collateral), positions } : { collateral: write(collateral), positions, assets },
    insuranceFund: write(fund),
    insurancePayout: write(payout),
    badDebt: write(badDebt),
    socializedLoss: write(badDebt.sub(payout)),
    groups: outcomes.map(({ id, o }) => ({ group: id, status: o.status, before: snapshot(o.before, w, write), after: snapshot(o.after, w, write) })),
    ...(sales === undefined ? {} : { sales }),
  };
}

function assetRecord<T extends Amount<T>, S>(balances: ReadonlyMap<string, T>, write: (x: T) => S): Record<string, S> {
  const out: Record<string, S> = {};
  for (const id of [...balances.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out[id] = write(balances.get(id)!);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The same run and report on the integer core

/** The reference rules on exact integer amounts (fixedCore.ts); the result as canonical strings. */
export function liquidateOnFixed(sc: ParsedScenario, swap?: Parameters<typeof runOnFixed>[1]): Outcome {
  const r = runOnFixed(sc, swap);
  return r.ok ? { ok: true, result: report(r.positions, r.outcomes, r.fund, FIXED, FIXED_WIRE) } : r;
}

/**
 * The reference on an already parsed scenario, with its result in both forms (parse once:
 * src/model/parsedEngine.ts): the wire result now, the parsed one when asked for, written from
 * the same amounts (`toDec` gives the value of the string `toCanonical` writes).
 */
export function liquidateToParsed(sc: ParsedScenario): ParsedAnswer {
  const r = runOnFixed(sc);
  if (!r.ok) return { outcome: r, output: noResult };
  // The exact form costs no conversion, and the relations compare derived runs on it
  // (parsedEngine.ts `exactResultOf`). The wire strings are still written eagerly: a lazy `result`
  // getter measured ≈ 35 % slower per run than writing them.
  const exact = report(r.positions, r.outcomes, r.fund, FIXED, EXACT_WRITING);
  const outcome = { ok: true as const, result: report(r.positions, r.outcomes, r.fund, FIXED, FIXED_WIRE) };
  // Methods, not arrow properties: under tsx (esbuild keepNames) each arrow stored under a name
  // defines that name on every run (fixedCore.ts groupOf).
  return {
    outcome: withExact(outcome, exact),
    output() {
      return report(r.positions, r.outcomes, r.fund, FIXED, FIXED_PARSED);
    },
  };
}

/**
 * The reference on an already parsed scenario, with its exact result now and the wire outcome
 * (the very one {@link liquidateToParsed} gives) written on first read: a relation whose derived
 * run equals on the exact form never reads the strings (measured ≈ 5 % less CPU per catalog case).
 */
export function liquidateToExact(sc: ParsedScenario): ExactAnswer {
  const r = runOnFixed(sc);
  if (!r.ok) {
    return {
      exact: undefined,
      outcome() {
        return r;
      },
    };
  }
  const exact = report(r.positions, r.outcomes, r.fund, FIXED, EXACT_WRITING);
  let written: Outcome | undefined;
  return {
    exact,
    outcome() {
      return (written ??= withExact({ ok: true as const, result: report(r.positions, r.outcomes, r.fund, FIXED, FIXED_WIRE) }, exact));
    },
  };
}

function noResult(): never {
  throw new Error('no result to parse: the reference answered limit-exceeded');
}

export type FixedRun =
  | { readonly ok: true; readonly positions: readonly fixed.FPosition[]; readonly outcomes: readonly { id: string; o: fixed.FGroupOutcome }[]; readonly fund: Fixed }
  | { readonly ok: false; readonly error: { readonly code: 'limit-exceeded'; readonly message: string } };

/**
 * The outcome of every group under the scenario's policy (spec §10), optionally with parts swapped
 * (the zoo's wrong policy engines, src/zoo/policy/): `requirement` replaces the policy's.
 */
export function runOnFixed(sc: ParsedScenario, swap?: PartSwap & { readonly requirement?: fixed.FValuation['requirement'] }): FixedRun {
  const policy = sc.policy ?? REFERENCE_POLICY;
  const base = { params: fixed.fixedParams(sc.params), marks: fixed.fixedMarks(sc.marks) };
  const requirement = swap?.requirement ?? requirementOf(policy.requirement, base);
  const v: fixed.FValuation = requirement === undefined ? base : { ...base, requirement };
  const run = { v, policy, book: sc.book, requests: sc.requests, swap };
  const positions = fixed.fixedPositions(sc);
  let fund = fromDec(sc.insuranceFund);
  const outcomes: { id: string; o: fixed.FGroupOutcome }[] = [];
  // §13.2: the cross group is valued with its assets; the isolated groups never see them.
  const cross = fixed.crossValuation(v, fixed.scenarioHoldings(sc, base.params));
  for (const group of fixed.marginGroups(v, fromDec(sc.collateral), positions, cross)) {
    const r = liquidateGroupUnder(group.id === CROSS && cross !== v ? { ...run, v: cross } : run, group, fund);
    if (!r.ok) return { ok: false, error: { code: 'limit-exceeded', message: r.message } };
    fund = r.value.insuranceFund;
    outcomes.push({ id: group.id, o: r.value });
  }
  return { ok: true, positions, outcomes, fund };
}
