/**
 * The reference as a step engine (docs/simulation.md S8, S9, S14): each requested account is
 * liquidated by the reference exactly as the gate calls it — one scenario of the params, the
 * policy, the round's mark and the fund — in order, each seeing the fund and the accounts as the
 * previous ones (and their ADL) left them; a result that socializes a loss runs ADL.
 * @see docs/simulation.md#s8-settling-one-liquidation
 */
import { Dec, toCanonical, ZERO } from '../model/decimal.ts';
import { liquidateParsed } from '../model/liquidate.ts';
import type { LiquidationResult, ParsedScenario, PositionInput, Scenario } from '../model/types.ts';
import { applyReduction, deleverage, type AdlCandidate, type RankFn } from './adl/index.ts';
import { AdlBook } from './adlBook.ts';
import type { SimulationSetup } from './simulationSetup.ts';
import type { AccountState, AdlEvent, RoundLiquidation, RoundReply, RoundRequest, StepEngine } from './stepEngine.ts';

/** Pieces a wrong engine (src/simulate/zoo/) swaps. */
export interface ReferenceEngineOptions {
  readonly rank?: RankFn;
  /** what ADL must pay for a result (default: its socializedLoss) */
  readonly owed?: (r: LiquidationResult) => Dec;
  readonly deleverage?: typeof deleverage;
  readonly editResult?: (r: LiquidationResult) => LiquidationResult;
  /** the engine's name in reports (default `reference`) */
  readonly name?: string;
}

/** The parsed scenario of one account at `mark` with fund `fund` (the gate's shape, spec §2). */
export function parsedScenarioOf(setup: SimulationSetup, a: AccountState, mark: Dec, fund: Dec): ParsedScenario {
  const positions = a.size.isZero() ? [] : [{ market: setup.market, size: a.size, entry: a.entry, isolatedMargin: a.isolated ? a.collateral : null }];
  return {
    params: setup.parsed,
    marks: new Map([[setup.market, mark]]),
    collateral: a.isolated && !a.size.isZero() ? ZERO : a.collateral,
    positions,
    insuranceFund: fund,
    ...(setup.policy === undefined ? {} : { policy: setup.policy }),
  };
}

/** The same scenario in wire form, for an engine over the protocol or a fixture file. */
export function scenarioOf(setup: SimulationSetup, a: AccountState, mark: Dec, fund: Dec): Scenario {
  const s = toCanonical;
  const positions: PositionInput[] = a.size.isZero()
    ? []
    : [a.isolated ? { market: setup.market, size: s(a.size), entryPrice: s(a.entry), isolatedMargin: s(a.collateral) } : { market: setup.market, size: s(a.size), entryPrice: s(a.entry) }];
  return {
    params: setup.params,
    marks: { [setup.market]: s(mark) },
    account: { collateral: a.isolated && !a.size.isZero() ? '0' : s(a.collateral), positions },
    insuranceFund: s(fund),
    ...(setup.policyWire === undefined ? {} : { policy: setup.policyWire }),
  };
}

/** An account's state after a result (spec §8): the result's size and collateral (or isolated margin). */
export function stateAfter(a: AccountState, r: LiquidationResult): AccountState {
  const pos = r.account.positions[0];
  if (pos === undefined) return { id: a.id, collateral: decOf(r.account.collateral), size: ZERO, entry: a.entry, isolated: a.isolated };
  const collateral = a.isolated ? decOf(pos.isolatedMargin ?? '0') : decOf(r.account.collateral);
  return { id: a.id, collateral, size: decOf(pos.size), entry: a.entry, isolated: a.isolated };
}

function decOf(x: string): Dec {
  return new Dec(x);
}

/** `C + q·(m − e)`: the equity of an account at `mark`. */
export function equityOf(a: AccountState, mark: Dec): Dec {
  return a.size.isZero() ? a.collateral : a.collateral.add(a.size.mul(mark.sub(a.entry)));
}

/** The ADL candidates at `mark`: every account but `bankrupt` with a position. */
export function adlCandidates(accounts: Iterable<AccountState>, bankrupt: string, mark: Dec): AdlCandidate[] {
  const out: AdlCandidate[] = [];
  for (const a of accounts) {
    if (a.id === bankrupt || a.size.isZero()) continue;
    out.push({ id: a.id, size: a.size, entry: a.entry, equity: equityOf(a, mark) });
  }
  return out;
}

/** The reference's StepEngine for `setup`, optionally with pieces swapped. */
export function referenceStepEngine(setup: SimulationSetup, options: ReferenceEngineOptions = {}): StepEngine {
  const run = options.deleverage ?? deleverage;
  const owedOf = options.owed ?? ((r: LiquidationResult) => decOf(r.socializedLoss));
  // The incremental ranking serves S9's own ranking and deleverage; a swapped piece gets the full pass.
  const fast = options.rank === undefined && options.deleverage === undefined;
  const book = new AdlBook();
  return {
    name: options.name ?? 'reference',
    round(req: RoundRequest): RoundReply {
      const changed = new Map<string, AccountState>();
      const get = (id: string): AccountState | undefined => changed.get(id) ?? req.accounts.get(id);
      let fund = req.insuranceFund;
      const liquidations: RoundLiquidation[] = [];
      let synced = false;
      for (const { account } of req.requests) {
        const before = get(account);
        if (before === undefined) throw new Error(`step engine: unknown account ${account}`);
        const o = liquidateParsed(parsedScenarioOf(setup, before, req.mark, fund));
        if (!o.ok) throw new Error(`step engine: the reference refused ${account} (${o.error.code}: ${'message' in o.error ? o.error.message : JSON.stringify(o.error.issues)})`);
        const result = options.editResult === undefined ? o.result : options.editResult(o.result);
        if (result.status === 'healthy') {
          liquidations.push({ account, result });
          continue;
        }
        fund = decOf(result.insuranceFund);
        const after = stateAfter(before, result);
        changed.set(account, after);
        if (synced) book.set(after);
        const owed = owedOf(result);
        let adl: AdlEvent | undefined;
        if (setup.adl && owed.gt(0) && !before.size.isZero()) {
          const cash = before.collateral.sub(before.size.mul(before.entry));
          const bankrupt = { id: account, size: before.size, cash };
          const common = { bankrupt, owed, mark: req.mark, lot: setup.lot, tick: setup.tick, unit: setup.unit };
          let e: Omit<AdlEvent, 'bankrupt'>;
          if (fast) {
            // The ranked book at this mark (adlBook.ts): the same candidates and order as a full pass.
            if (!synced) {
              book.sync(req.accounts, req.mark);
              for (const a of changed.values()) book.set(a);
              synced = true;
            }
            const other = before.size.gt(0) ? 'short' : 'long';
            e = deleverage({ ...common, candidates: book.candidates(other) }, (() => book.ranking(other)) as unknown as RankFn);
          } else {
            const view = (function* () {
              for (const [id, a] of req.accounts) yield changed.get(id) ?? a;
            })();
            e = run({ ...common, candidates: adlCandidates(view, account, req.mark) }, ...(options.rank === undefined ? [] : [options.rank]));
          }
          adl = { bankrupt: account, ...e };
          for (const r of e.reductions) {
            const c = get(r.account)!;
            const after = applyReduction(c, r, req.mark, setup.unit);
            const next = { ...c, collateral: after.collateral, size: after.size };
            changed.set(r.account, next);
            if (synced) book.set(next);
          }
          fund = fund.add(e.toFund);
        }
        liquidations.push(adl === undefined ? { account, result } : { account, result, adl });
      }
      return { liquidations };
    },
  };
}
