/**
 * Parameter-level properties: statements about what a risk-parameter set guarantees, checked on
 * stress accounts with the reference engine. Ids are stable and never reused (PRM-00x).
 * @see docs/params.md#parameter-level-properties
 */
import { checkParams } from '../invariants/checkParams.ts';
import { penaltyBelowMaintenance } from '../invariants/params/penaltyBelowMaintenance.ts';
import { Dec, toCanonical as s, ZERO } from '../model/decimal.ts';
import { liquidateParsed } from '../model/liquidate.ts';
import { parseParams } from '../model/parseScenario.ts';
import type { ParsedParams, ParsedScenario, RiskParams } from '../model/types.ts';
import { GENE_SCALE, type Genome } from './genome.ts';
import { leverageOf, maxLeverageOf, openAccount, placeAtRatio, parsedAt, type StressAccount } from './openAccount.ts';
import { adverseMarks, partialWitness, runPath, type PathOutcome } from './stressPath.ts';

export interface ParamProperty {
  readonly id: string;
  readonly title: string;
  readonly statement: string;
}

export const PRM_001: ParamProperty = {
  id: 'PRM-001',
  title: 'no bad debt within the initial-margin cushion',
  statement:
    'A single position opened at mark with collateral C0 (at most the maximum leverage of its bracket) and moved against by s ≤ S — in one jump or a path of --steps moves, liquidated after each — leaves no bad debt. S is --claim when given; otherwise the cushion the parameters themselves imply, (C0/N0 − f_max − σ − rounding)/(1 + f_max + σ), where rounding = (one tick per unit when σ > 0 and 2 quote units per fill)/N0.',
};

export const PRM_002: ParamProperty = {
  id: 'PRM-002',
  title: 'a partial close exists above bankruptcy',
  statement:
    'When a liquidatable single position can be closed down to the smallest remainder that is not dust and still meet the target with exact slack ≥ 2 quote units, the engine ends partial rather than closing it in full.',
};

export const PARAM_PROPERTIES: readonly ParamProperty[] = [PRM_001, PRM_002];

/** What the properties need to know about the run. */
export interface FuzzSetup {
  readonly params: RiskParams;
  readonly pp: ParsedParams;
  readonly steps: number;
  /** --claim, or null for the derived cushion */
  readonly claim: Dec | null;
  readonly fMax: Dec;
  /** PRM-002 is judged only for sets that claim PAR-002 (f_max + σ < r_n + b everywhere) */
  readonly claimsPar002: boolean;
}

export function fuzzSetup(params: RiskParams, steps: number, claim: Dec | null): FuzzSetup {
  const parsed = parseParams(params);
  if (!parsed.ok) throw new Error(`fuzz: invalid params (${parsed.issues[0]?.path}: expected ${parsed.issues[0]?.expected})`);
  const pp = parsed.value;
  const fMax = pp.steps.reduce((a, st) => (st.rate.gt(a) ? st.rate : a), ZERO);
  const claimsPar002 = checkParams(params, [penaltyBelowMaintenance]).length === 0;
  return { params, pp, steps, claim, fMax, claimsPar002 };
}

/** The move PRM-001 promises `a` survives; null when the implied cushion is ≤ 0 (no promise). */
export function claimFor(f: FuzzSetup, a: StressAccount): Dec | null {
  if (f.claim !== null) return f.claim;
  const m = f.pp.markets.get(a.market)!;
  const q = a.size.abs();
  const rounding = (f.pp.priceImpact.gt(0) ? m.tick.mul(q) : ZERO).add(f.pp.unit.mul(2 * f.steps)).div(a.notional);
  const cost = f.fMax.add(f.pp.priceImpact);
  const cushion = a.collateral.div(a.notional).sub(cost).sub(rounding).div(cost.add(1));
  return cushion.gt(0) ? cushion.toDecimalPlaces(8, Dec.ROUND_DOWN) : null;
}

function describeAccount(a: StressAccount): string {
  return `${a.long ? 'long' : 'short'} ${s(a.size.abs())} ${a.market} opened at ${s(a.mark)} with collateral ${s(a.collateral)} (notional ${s(a.notional)}, leverage ${s(leverageOf(a).toDecimalPlaces(2, Dec.ROUND_HALF_EVEN))}×, bracket maximum ${s(maxLeverageOf(a).toDecimalPlaces(2, Dec.ROUND_HALF_EVEN))}×)`;
}

export interface Prm001Run {
  readonly account: StressAccount;
  /** the adverse move checked; undefined when out of domain */
  readonly move?: Dec;
  readonly path?: PathOutcome;
  readonly message?: string;
}

/** PRM-001 on one genome: the move is the claim scaled into [S/2, S] by the ratio gene (0 → S). */
export function prm001(f: FuzzSetup, g: Genome): Prm001Run {
  const account = openAccount(f.pp, g);
  const claim = claimFor(f, account);
  if (claim === null) return { account };
  const move = claim.mul(new Dec(1).sub(new Dec(g.ratio).div(2 * GENE_SCALE))).toDecimalPlaces(8, Dec.ROUND_DOWN);
  const path = runPath(f.pp, account, adverseMarks(f.pp, account, move, g.split));
  if (!path.badDebt.gt(0)) return { account, move, path };
  const message = `${describeAccount(account)}, moved ${s(move.mul(100))}% against it in ${g.split.length} step(s) (claim ${s(claim.mul(100))}%), ends with bad debt ${s(path.badDebt)}`;
  return { account, move, path, message };
}

/** PRM-002 on one liquidation state; the violation message, or undefined. */
export function prm002State(f: FuzzSetup, before: ParsedScenario, status: string): string | undefined {
  if (!f.claimsPar002 || status === 'partial' || status === 'healthy' || !partialWitness(before)) return undefined;
  const pos = before.positions[0]!;
  const mark = before.marks.get(pos.market)!;
  const equity = before.collateral.add(pos.size.mul(mark.sub(pos.entry)));
  return `${pos.size.gt(0) ? 'long' : 'short'} ${s(pos.size.abs())} ${pos.market} at mark ${s(mark)} (entry ${s(pos.entry)}, collateral ${s(before.collateral)}, equity ${s(equity)}): a partial close leaving the smallest non-dust remainder meets the target with slack ≥ 2 units, but the engine ended ${status}`;
}

/** PRM-002 on the boundary family: the genome's account placed at its margin ratio, liquidated once. */
export function prm002(f: FuzzSetup, g: Genome): { before: ParsedScenario; status: string; message?: string } {
  const a = placeAtRatio(f.pp, g);
  const before = parsedAt(f.pp, a, a.size, a.collateral, a.mark);
  const o = liquidateParsed(before);
  if (!o.ok) throw new Error(`boundary account: the reference refused it (${o.error.code})`);
  const message = prm002State(f, before, o.result.status);
  return { before, status: o.result.status, ...(message ? { message } : {}) };
}
