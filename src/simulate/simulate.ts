/**
 * The simulation driver (docs/simulation.md S7): the exogenous path, the market's impact, the
 * keepers and bidders, the rounds of liquidations of each step, the settlement of every result
 * into the parties' ledger (S8) and the ADL it brings (S9), the series and the report (S12), and
 * every event of the trace (S12.1) handed to `onEvent` as it happens.
 *
 * @remarks Cost: a step without liquidations is O(log n) — the liquidation-price index
 * (liquidationIndex.ts) gives the liquidatable accounts without visiting the population, and the
 * open interest is a running sum. Only a liquidation (its account and, with ADL, the ranking)
 * touches accounts.
 * @see docs/simulation.md#s7-a-step
 */
import { Dec, dmax, toCanonical, ZERO } from '../model/decimal.ts';
import { liquidateParsed } from '../model/liquidate.ts';
import type { Issue, LiquidationResult, RiskParams } from '../model/types.ts';
import { SIMULATION_REPORT_FORMAT, type AdlEventWire, type SeriesRow, type SimulationConfig, type SimulationReport } from '../wire/simulation.ts';
import { SIMULATION_TRACE_FORMAT, type TraceEvent } from '../wire/simulationTrace.ts';
import { applyReduction } from './adl/index.ts';
import { kick, runAuctions, type Auction } from './auction/index.ts';
import { applyFlow, markOf, NO_IMPACT, recover, type ImpactState } from './impact.ts';
import { healthCheck } from './liquidatable.ts';
import { LiquidationIndex } from './liquidationIndex.ts';
import { equityOf, parsedScenarioOf, referenceStepEngine, stateAfter } from './referenceStepEngine.ts';
import { resolveSimulation as resolve } from './resolveSimulation.ts';
import { keeperActs, REFERENCE_SIM_RULES, type SimulationRules } from './rules.ts';
import type { KeeperSpec, SimulationSetup } from './simulationSetup.ts';
import type { AccountState, AdlEvent, LiquidationRequest, RoundLiquidation, StepEngine } from './stepEngine.ts';

export interface SimulateOptions {
  readonly rules?: Partial<SimulationRules>;
  /** default: referenceStepEngine(setup) */
  readonly engine?: StepEngine;
  /** every trace event (src/wire/simulationTrace.ts), in order */
  readonly onEvent?: (e: TraceEvent) => void;
  /** checked between steps: a clean stop keeps what ran (report.interrupted = true) */
  readonly stop?: { readonly stopped: boolean };
  /**
   * Check the simulator's own ledger after every step (O(n) per step: for tests, not runs):
   * `Σq = 0`, `Σκ − S = W_0`, and every settled account equal to its result (S8). A failure throws.
   */
  readonly selfCheck?: boolean;
}

export interface SimulationRun {
  readonly report: SimulationReport;
}

/** config (wire, all optional) + params/policy from a profile or params file → setup, or issues with field paths */
export function resolveSimulation(
  input: SimulationConfig,
  base: { readonly params: RiskParams; readonly policy?: unknown; readonly profile?: string; readonly accounts?: unknown; readonly pathPrices?: readonly string[] },
): { ok: true; value: SimulationSetup } | { ok: false; issues: readonly Issue[] } {
  return resolve(input, base);
}

/** The keeper of venue mode (S5): latency 0, cost 0, no capital limit. */
export const VENUE_KEEPER: KeeperSpec = Object.freeze({ id: 'venue', capital: ZERO, latency: 0, cost: ZERO });

const s = toCanonical;

interface Party {
  cash: Dec;
  size: Dec;
}

function sum(xs: readonly string[]): Dec {
  let t = ZERO;
  for (const x of xs) t = t.add(x);
  return t;
}

function adlWire(step: number, round: number, mark: Dec, e: AdlEvent): AdlEventWire {
  return {
    step,
    round,
    bankrupt: e.bankrupt,
    side: e.side,
    bankruptcyPrice: s(e.bankruptcyPrice),
    mark: s(mark),
    spread: s(e.spread),
    owed: s(e.owed),
    reductions: e.reductions.map((r) => ({ account: r.account, size: s(r.size), transfer: s(r.transfer), score: s(r.score) })),
    toFund: s(e.toFund),
    unpaid: s(e.unpaid),
  };
}

function beforeWire(a: AccountState) {
  return { collateral: s(a.collateral), size: s(a.size), entry: s(a.entry), isolated: a.isolated };
}

/** Runs the simulation `setup` (S7) and returns its report; the trace goes to `options.onEvent`. */
export async function simulate(setup: SimulationSetup, options: SimulateOptions = {}): Promise<SimulationRun> {
  const started = Date.now();
  const rules: SimulationRules = { ...REFERENCE_SIM_RULES, ...options.rules };
  const engine = options.engine ?? referenceStepEngine(setup);
  const emit = options.onEvent ?? (() => {});
  const { market, lot, tick, unit } = setup;
  const auctionMode = setup.mode === 'auction';
  const venue = setup.keepers.length === 0;
  const ownRule = rules.keeperActs === keeperActs;
  const keepers: readonly KeeperSpec[] = venue ? [VENUE_KEEPER] : [...setup.keepers].sort((a, b) => a.latency - b.latency || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const check = healthCheck(setup.parsed, market, setup.policy);
  const index = new LiquidationIndex(check, tick);
  const x0 = setup.prices[0]!;

  // ---- the ledger (S2): accounts as (C, q, e), the other parties as (κ, q), and S
  const accounts = new Map<string, AccountState>();
  let longAccounts = ZERO;
  for (const a of setup.accounts) {
    accounts.set(a.id, a);
    if (a.size.gt(0)) longAccounts = longAccounts.add(a.size);
    index.update(a);
  }
  const parties = new Map<string, Party>();
  for (const k of keepers) parties.set(k.id, { cash: k.capital, size: ZERO });
  if (auctionMode) for (const b of setup.bidders) parties.set(b.id, { cash: b.capital, size: ZERO });
  const fund: Party = { cash: setup.insuranceFund, size: ZERO };
  parties.set('fund', fund);
  // S2: in auction mode the vault takes the fills and holds the lots; financed, its cash may be
  // negative (buying inventory is not a loss). Only a sold-out lot's realized P&L reaches the fund.
  const vault: Party = { cash: ZERO, size: ZERO };
  if (auctionMode) parties.set('vault', vault);
  let netAccounts = ZERO;
  for (const a of setup.accounts) netAccounts = netAccounts.add(a.size);
  const marketParty: Party = { cash: netAccounts.mul(x0), size: netAccounts.neg() };
  parties.set('market', marketParty);
  const sink: Party = { cash: ZERO, size: ZERO };
  parties.set('sink', sink);
  let socialized = ZERO;

  const setAccount = (a: AccountState): void => {
    const was = accounts.get(a.id)!;
    if (was.size.gt(0)) longAccounts = longAccounts.sub(was.size);
    if (a.size.gt(0)) longAccounts = longAccounts.add(a.size);
    accounts.set(a.id, a);
    index.update(a);
  };
  const openInterest = (): Dec => {
    let oi = longAccounts;
    for (const p of parties.values()) if (p.size.gt(0)) oi = oi.add(p.size);
    return oi;
  };
  const trade = (buyer: Party, seller: Party, size: Dec, price: Dec): void => {
    const cash = size.mul(price);
    buyer.cash = buyer.cash.sub(cash);
    buyer.size = buyer.size.add(size);
    seller.cash = seller.cash.add(cash);
    seller.size = seller.size.sub(size);
  };

  emit({
    type: 'start',
    format: SIMULATION_TRACE_FORMAT,
    config: setup.resolved,
    engine: engine.name,
    profile: setup.profile,
    policy: setup.policyName,
    params: setup.params,
    ...(setup.policyWire === undefined ? {} : { policyWire: setup.policyWire }),
    market,
    lot: s(lot),
    tick: s(tick),
    unit: s(unit),
    accounts: setup.accounts.map((a) => ({ id: a.id, ...beforeWire(a) })),
    keepers: keepers.map((k) => ({ id: k.id, capital: s(k.capital), latency: k.latency, cost: s(k.cost) })),
    bidders: auctionMode ? setup.bidders.map((b) => ({ id: b.id, capital: s(b.capital), latency: b.latency, discount: s(b.discount) })) : [],
    fund: s(setup.insuranceFund),
    marketPosition: { size: s(marketParty.size), entry: s(x0) },
  });

  // ---- totals of the report
  const series: SeriesRow[] = [];
  const adlEvents: AdlEventWire[] = [];
  let impact: ImpactState = NO_IMPACT;
  let auctions: readonly Auction[] = [];
  /** per live auction: its lot left, and the vault's net cash from it so far (− the lot's cost at the fills' prices + take proceeds; mirrored for a short lot) */
  const lots = new Map<string, { readonly left: Dec; readonly cash: Dec }>();
  const spent = new Map<string, Dec>();
  let auctionCount = 0;
  let kicks = 0;
  let takes = 0;
  let resets = 0;
  let writeoffs = ZERO;
  let badDebt = ZERO;
  let payouts = ZERO;
  let liquidatedTotal = ZERO;
  let adlTotal = ZERO;
  let acts = 0;
  let keeperCosts = ZERO;
  const byStatus = { partial: 0, full: 0, bankrupt: 0 };
  let cascadeDepth = 0;
  let interrupted = false;
  let minMark: Dec | null = null;
  let maxMark: Dec | null = null;
  let mark = x0;
  const flaggedAt = new Map<string, number>();
  const estimates = new Map<string, { readonly state: AccountState; readonly mark: Dec; readonly live: boolean; readonly reward: Dec; readonly notional: Dec }>();
  const flaggedMark = new Map<string, Dec>();
  const liquidationsByStep: number[] = [];
  const openInterestStart = openInterest();
  const totals = (): { readonly size: Dec; readonly value: Dec } => {
    let size = ZERO;
    let value = socialized.neg();
    for (const a of accounts.values()) {
      size = size.add(a.size);
      value = value.add(a.collateral.sub(a.size.mul(a.entry)));
    }
    for (const p of parties.values()) {
      size = size.add(p.size);
      value = value.add(p.cash);
    }
    return { size, value };
  };
  const w0 = totals().value;
  const selfCheck = (t: number): void => {
    const now = totals();
    if (!now.size.isZero() || !now.value.eq(w0)) throw new Error(`self-check at step ${t}: Σq = ${s(now.size)}, Σκ − S = ${s(now.value)}, W_0 = ${s(w0)}`);
  };

  /** S6: a sold-out lot's realized P&L moves from the vault to the fund, then any shortfall of the fund goes to S. */
  const settleLot = (step: number, auction: string): void => {
    const amount = lots.get(auction)!.cash;
    lots.delete(auction);
    vault.cash = vault.cash.sub(amount);
    fund.cash = fund.cash.add(amount);
    emit({ type: 'settle', step, auction, amount: s(amount) });
    writeOffFund(step);
  };
  const writeOffFund = (step: number): void => {
    if (!fund.cash.isNeg()) return;
    const amount = fund.cash.neg();
    socialized = socialized.add(amount);
    writeoffs = writeoffs.add(amount);
    fund.cash = ZERO;
    emit({ type: 'writeoff', step, party: 'fund', amount: s(amount) });
  };
  const ticksOf = (m: Dec): bigint => BigInt(m.div(tick).toFixed(0));

  for (let t = 0; t < setup.steps; t++) {
    if (options.stop?.stopped === true) {
      interrupted = true;
      break;
    }
    // Let a stop request (a signal handler) run now and then, at little cost to a tight run.
    if (t > 0 && t % 64 === 0) await new Promise<void>((r) => setImmediate(r));
    // S7.1
    if (t > 0) impact = recover(impact, setup.liquidity);
    const x = setup.prices[t]!;
    mark = markOf(x, impact, tick);
    emit({ type: 'step', step: t, exogenous: s(x), mark: s(mark) });

    // S7.2: auctions
    if (auctionMode && auctions.length > 0) {
      const out = runAuctions({ auctions, bidders: setup.bidders, spent, mark, step: t, cfg: setup.auction, lot, tick }, rules.auctionPrice);
      for (const r of out.resets) {
        resets++;
        emit({ type: 'reset', step: t, auction: r.auction, start: s(r.start), mark: s(r.mark) });
      }
      for (const k of out.takes) {
        takes++;
        const bidder = parties.get(k.bidder)!;
        const proceeds = k.size.mul(k.price);
        if (k.side === 'long') trade(bidder, vault, k.size, k.price);
        else trade(vault, bidder, k.size, k.price);
        const was = lots.get(k.auction)!;
        const held = { left: was.left.sub(k.size), cash: was.cash.add(k.side === 'long' ? proceeds : proceeds.neg()) };
        lots.set(k.auction, held);
        spent.set(k.bidder, (spent.get(k.bidder) ?? ZERO).add(proceeds));
        emit({ type: 'take', step: t, auction: k.auction, bidder: k.bidder, size: s(k.size), price: s(k.price), age: k.age, curve: s(k.curve), floor: s(k.floor), side: k.side });
        if (held.left.isZero()) settleLot(t, k.auction);
      }
      auctions = out.auctions;
    }

    // S7.3: rounds
    let rounds = 0;
    let liquidations = 0;
    let liquidatedNotional = ZERO;
    let adlVolume = ZERO;
    for (let r = 1; r <= setup.maxRounds; r++) {
      const liquidatable = index.liquidatableAt(ticksOf(mark));
      const now = new Set(liquidatable);
      for (const id of flaggedAt.keys()) {
        if (!now.has(id)) {
          flaggedAt.delete(id);
          flaggedMark.delete(id);
        }
      }
      for (const id of liquidatable) {
        if (!flaggedAt.has(id)) {
          flaggedAt.set(id, t);
          flaggedMark.set(id, mark);
        }
      }
      if (liquidatable.length === 0) break;

      // S5: the keepers' decisions, on the state at the round's start (their estimate: a dry run).
      const left = new Map<string, Dec>(keepers.map((k) => [k.id, k.capital]));
      const requests: { readonly req: LiquidationRequest; readonly at: Dec }[] = [];
      for (const id of rules.order(liquidatable)) {
        const a = accounts.get(id)!;
        const at = rules.liquidationMark(mark, flaggedMark.get(id) ?? mark);
        // S5's own rule needs a keeper past its latency with cash, and a reward ≥ its cost; a reward is
        // at most the penalty, which is at most max(0, E) (spec §7.3, §10.5): below every such cost no
        // keeper acts, and the dry run is skipped (a swapped rule always gets the dry run).
        if (!venue && ownRule) {
          const since = flaggedAt.get(id)!;
          let cheapest: Dec | null = null;
          for (const k of keepers) if (t >= since + k.latency && parties.get(k.id)!.cash.gt(0) && (cheapest === null || k.cost.lt(cheapest))) cheapest = k.cost;
          if (cheapest === null) continue;
          if (cheapest.gt(0) && cheapest.gt(dmax(ZERO, equityOf(a, at)))) continue;
        }
        // The reward and notional depend on the account and the mark only (not on the fund): an
        // account that sits unliquidated at an unchanged mark is not run again.
        let est = estimates.get(id);
        if (est === undefined || est.state !== a || !est.mark.eq(at)) {
          const dry = liquidateParsed(parsedScenarioOf(setup, a, at, fund.cash));
          const live = dry.ok && dry.result.status !== 'healthy';
          est = {
            state: a,
            mark: at,
            live,
            reward: live ? sum(dry.result.fills.map((f) => f.liquidatorFee)) : ZERO,
            notional: live && !auctionMode ? sum(dry.result.fills.map((f) => f.notional)) : ZERO,
          };
          estimates.set(id, est);
        }
        if (!est.live) continue;
        const { reward, notional } = est;
        for (const k of keepers) {
          const willAct = venue || rules.keeperActs({ id: k.id, latency: k.latency, cost: k.cost, cash: parties.get(k.id)!.cash }, reward, notional, left.get(k.id)!, t, flaggedAt.get(id)!);
          if (!willAct) continue;
          if (!venue) left.set(k.id, left.get(k.id)!.sub(notional));
          requests.push({ req: { account: id, keeper: k.id, taker: auctionMode ? 'vault' : k.id }, at });
          break;
        }
      }
      if (requests.length === 0) break;

      // The engine, once per run of requests at one liquidation mark (one call under the reference rules).
      const replies: { readonly req: LiquidationRequest; readonly at: Dec; readonly liq: RoundLiquidation }[] = [];
      for (let i = 0; i < requests.length; ) {
        const at = requests[i]!.at;
        let j = i;
        while (j < requests.length && requests[j]!.at.eq(at)) j++;
        const batch = requests.slice(i, j);
        const reply = await engine.round({ step: t, round: r, market, mark: at, insuranceFund: fund.cash, accounts, requests: batch.map((b) => b.req) });
        if (reply.liquidations.length !== batch.length) throw new Error(`step engine ${engine.name}: ${reply.liquidations.length} liquidations for ${batch.length} requests`);
        batch.forEach((b, k) => replies.push({ ...b, liq: reply.liquidations[k]! }));
        i = j;
      }

      let flow = ZERO;
      let liquidatedThisRound = 0;
      for (const { req, at, liq } of replies) {
        const result = liq.result;
        if (result.status === 'healthy') continue;
        if (liquidatedThisRound === 0) emit({ type: 'round', step: t, round: r, mark: s(mark) });
        liquidatedThisRound++;
        const before = accounts.get(req.account)!;
        const keeper = keepers.find((k) => k.id === req.keeper)!;
        emit({ type: 'liquidation', step: t, round: r, account: req.account, keeper: req.keeper, taker: req.taker, mark: s(at), before: beforeWire(before), result, cost: s(keeper.cost) });
        const notional = settle(before, result, req, at);
        liquidatedNotional = liquidatedNotional.add(notional);
        acts++;
        keeperCosts = keeperCosts.add(keeper.cost);
        const kp = parties.get(keeper.id)!;
        kp.cash = kp.cash.sub(keeper.cost);
        sink.cash = sink.cash.add(keeper.cost);
        byStatus[result.status]++;
        badDebt = badDebt.add(result.badDebt);
        payouts = payouts.add(result.insurancePayout);
        if (auctionMode) {
          const size = sum(result.fills.map((f) => f.size));
          if (size.gt(0)) {
            const id = `u${++auctionCount}`;
            const side = before.size.gt(0) ? 'long' : 'short';
            const a = kick(id, req.account, side, size, at, t, setup.auction, tick);
            auctions = [...auctions, a];
            // what the vault paid for a long lot (received for a short one) at the fills' prices
            let cost = ZERO;
            for (const f of result.fills) cost = cost.add(new Dec(f.size).mul(f.price));
            lots.set(id, { left: size, cash: side === 'long' ? cost.neg() : cost });
            kicks++;
            emit({ type: 'kick', step: t, round: r, auction: id, account: req.account, side, lot: s(size), start: s(a.start), mark: s(at) });
          }
        }
        if (liq.adl !== undefined) {
          const e = liq.adl;
          const w = adlWire(t, r, at, e);
          adlEvents.push(w);
          emit({ type: 'adl', ...w });
          const paid = e.owed.sub(e.unpaid);
          let transfers = ZERO;
          for (const red of e.reductions) {
            const c = accounts.get(red.account)!;
            const after = applyReduction(c, red, at, unit);
            const cashBefore = c.collateral.sub(c.size.mul(c.entry));
            // The reduction is a trade with the market at the mark (a long sells, a short buys) …
            const tradeCash = (c.size.gt(0) ? red.size : red.size.neg()).mul(at);
            marketParty.cash = marketParty.cash.sub(tradeCash);
            marketParty.size = marketParty.size.add(c.size.gt(0) ? red.size : red.size.neg());
            flow = flow.add(c.size.gt(0) ? red.size : red.size.neg());
            // … plus the transfer that pays the write-off: whatever the counterparty's cash lost beyond the trade.
            const cashAfter = after.collateral.sub(after.size.mul(c.entry));
            transfers = transfers.add(cashBefore.add(tradeCash).sub(cashAfter));
            setAccount({ ...c, collateral: after.collateral, size: after.size });
            adlVolume = adlVolume.add(red.size.mul(at));
          }
          socialized = socialized.sub(paid);
          fund.cash = fund.cash.add(transfers.sub(paid));
        }
      }
      if (liquidatedThisRound === 0) break;
      rounds++;
      liquidations += liquidatedThisRound;

      // S7.3: the keepers unload what they took at the round's closing price m′ (S4).
      if (!auctionMode) for (const k of keepers) flow = flow.add(parties.get(k.id)!.size);
      if (!flow.isZero()) {
        const applied = applyFlow(impact, flow, mark, setup.liquidity);
        impact = applied.state;
        mark = markOf(x, impact, tick);
        emit({ type: 'impact', step: t, round: r, flow: s(flow), iota: s(applied.iota), permanent: s(impact.permanent), temporary: s(impact.temporary), mark: s(mark) });
      }
      if (!auctionMode) {
        for (const k of keepers) {
          const p = parties.get(k.id)!;
          if (p.size.isZero()) continue;
          const size = p.size.abs();
          const sells = p.size.gt(0);
          if (sells) trade(marketParty, p, size, mark);
          else trade(p, marketParty, size, mark);
          emit({ type: 'unload', step: t, round: r, party: k.id, side: sells ? 'sell' : 'buy', size: s(size), price: s(mark) });
        }
      }
    }
    cascadeDepth = Math.max(cascadeDepth, rounds);
    liquidationsByStep.push(liquidations);
    liquidatedTotal = liquidatedTotal.add(liquidatedNotional);
    adlTotal = adlTotal.add(adlVolume);
    if (minMark === null || mark.lt(minMark)) minMark = mark;
    if (maxMark === null || mark.gt(maxMark)) maxMark = mark;
    const row: SeriesRow = {
      step: t,
      exogenous: s(x),
      mark: s(mark),
      rounds,
      liquidations,
      liquidatedNotional: s(liquidatedNotional),
      insuranceFund: s(fund.cash),
      badDebt: s(badDebt),
      socialized: s(socialized),
      adlVolume: s(adlVolume),
      openInterest: s(openInterest()),
      flagged: index.countAt(ticksOf(mark)),
    };
    series.push(row);
    emit({ type: 'series', ...row });
    if (options.selfCheck === true) selfCheck(t);
  }

  /**
   * S8: the result settled into the ledger: every fill a trade between the account and the taker,
   * the penalty split between the keeper (liquidator fees) and the fund (insurance fees), every
   * fill's PnL residue to the fund, the payout from the fund, the socialized loss written off.
   * Returns the liquidated notional Σ size·price.
   */
  function settle(before: AccountState, r: LiquidationResult, req: LiquidationRequest, at: Dec): Dec {
    void at;
    const taker = parties.get(req.taker)!;
    const keeper = parties.get(req.keeper)!;
    let closed = ZERO; // Σ q_c, signed as the position
    let realized = ZERO;
    let penalty = ZERO;
    let residues = ZERO;
    let notional = ZERO;
    for (const f of r.fills) {
      const size = new Dec(f.size);
      const price = new Dec(f.price);
      const qc = f.side === 'sell' ? size : size.neg();
      if (f.side === 'sell') taker.cash = taker.cash.sub(size.mul(price));
      else taker.cash = taker.cash.add(size.mul(price));
      taker.size = taker.size.add(qc);
      closed = closed.add(qc);
      const rp = new Dec(f.realizedPnl);
      realized = realized.add(rp);
      penalty = penalty.add(f.penalty);
      keeper.cash = keeper.cash.add(f.liquidatorFee);
      fund.cash = fund.cash.add(f.insuranceFee);
      const residue = qc.mul(price.sub(before.entry)).sub(rp);
      residues = residues.add(residue);
      notional = notional.add(size.mul(price));
    }
    fund.cash = fund.cash.add(residues);
    const payout = new Dec(r.insurancePayout);
    const loss = new Dec(r.socializedLoss);
    fund.cash = fund.cash.sub(payout);
    socialized = socialized.add(loss);
    // C' = κ' + q'·e with κ' = κ + Σq_c·x − Σρ − Σpenalty + payout + s, i.e. C + Σ realizedPnl − Σ penalty + payout + s.
    const collateral = before.collateral.add(realized).sub(penalty).add(payout).add(loss);
    const after = { ...before, collateral, size: before.size.sub(closed) };
    if (options.selfCheck === true) {
      const expected = stateAfter(before, r);
      if (!expected.collateral.eq(after.collateral) || !expected.size.eq(after.size)) throw new Error(`self-check: ${before.id} settled to (${s(after.collateral)}, ${s(after.size)}), the result says (${s(expected.collateral)}, ${s(expected.size)})`);
      if (!fund.cash.eq(r.insuranceFund)) throw new Error(`self-check: fund ${s(fund.cash)} after ${before.id}, the result says ${r.insuranceFund}`);
    }
    setAccount(after);
    return notional;
  }

  // S7: steps with liquidations after the exogenous path last moved.
  let lastMove = 0;
  for (let t = 1; t < liquidationsByStep.length; t++) if (!setup.prices[t]!.eq(setup.prices[t - 1]!)) lastMove = t;
  let cascadeSteps = 0;
  for (let t = lastMove + 1; t < liquidationsByStep.length; t++) if (liquidationsByStep[t]! > 0) cascadeSteps++;

  let open = 0;
  for (const a of accounts.values()) if (!a.size.isZero()) open++;
  await engine.close?.();
  const report: SimulationReport = {
    format: SIMULATION_REPORT_FORMAT,
    engine: engine.name,
    profile: setup.profile,
    policy: setup.policyName,
    config: setup.resolved,
    seed: setup.seed,
    series,
    cascadeDepth,
    cascadeSteps,
    summary: {
      steps: series.length,
      accounts: setup.accounts.length,
      redrawn: setup.redrawn,
      liquidations: byStatus.partial + byStatus.full + byStatus.bankrupt,
      partial: byStatus.partial,
      full: byStatus.full,
      bankrupt: byStatus.bankrupt,
      liquidatedNotional: s(liquidatedTotal),
      badDebt: s(badDebt),
      insurancePayout: s(payouts),
      socialized: s(socialized),
      insuranceFundStart: s(setup.insuranceFund),
      insuranceFund: s(fund.cash),
      adlEvents: adlEvents.length,
      adlVolume: s(adlTotal),
      openInterestStart: s(openInterestStart),
      openInterest: s(openInterest()),
      openInterestStartNotional: s(openInterestStart.mul(x0)),
      startMark: s(x0),
      finalMark: s(mark),
      minMark: s(minMark ?? x0),
      maxMark: s(maxMark ?? x0),
      open,
      flagged: index.countAt(ticksOf(mark)),
      keeperActs: acts,
      keeperCosts: s(keeperCosts),
      kicks,
      takes,
      resets,
      liveAuctions: auctions.length,
      writeoffs: s(writeoffs),
      vaultSize: s(vault.size),
      vaultValue: s(vault.cash.add(vault.size.mul(mark))),
    },
    adl: adlEvents,
    interrupted,
    ms: Date.now() - started,
  };
  return { report };
}
