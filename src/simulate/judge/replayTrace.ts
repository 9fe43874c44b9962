/**
 * The judge's ledger (docs/simulation.md S10): a run's trace replayed from its `start` event into
 * every party's `(κ, q)` by the rules of S2 (trades and transfers), S8 (settling a result), S9
 * (ADL reductions), S6 (the vault's takes and settlements, write-offs) and S7 (unloads), with no code or state of the
 * simulator. The invariants (this folder, one file each) read the records it keeps of every
 * liquidation, ADL, auction event and step end.
 *
 * @remarks The ledger follows what S8/S9 prescribe from an event's inputs (fills, sizes, the
 * ADL's amounts), not the numbers an event claims as their outcome (`result.account`,
 * `toFund`'s excess): where the two differ it is an invariant's finding, and the ledger stays the
 * one a correct simulator would hold. The one exception is the fund's ADL credit, taken as the
 * event's `toFund`, since that is the amount the engine says it paid (SYS-002 then sees a wrong
 * one as value destroyed).
 * @see docs/simulation.md#s2-parties-and-state
 */
import { ceilDiv, Dec, floorDiv, floorTo, ZERO } from '../../model/decimal.ts';
import type { AdlTraceEvent, LiquidationEvent, SeriesEvent, StartEvent, TraceEvent } from '../../wire/simulationTrace.ts';
import { referenceOracle, type LedgerAccount, type ReferenceOracle } from './referenceOracle.ts';
import type { Violation } from './systemInvariant.ts';

type Event<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

/** A party other than an account: cash κ and signed position q. */
export interface PartyState {
  cash: Dec;
  size: Dec;
}

// The agents' shapes are the setup's (types only: the judge shares no code with the simulator).
export type { BidderSpec, KeeperSpec } from '../simulationSetup.ts';
import type { BidderSpec, KeeperSpec } from '../simulationSetup.ts';

/** The auction config of the trace's resolved configuration, as decimals. */
export interface AuctionSpec {
  readonly premium: Dec;
  readonly curve: { readonly kind: 'linear'; readonly duration: number } | { readonly kind: 'stairstep'; readonly cut: Dec; readonly step: number };
  readonly tail: number;
  readonly cusp: Dec;
  readonly dust: Dec;
}

export interface LiquidationRecord {
  readonly line: number;
  readonly event: LiquidationEvent;
  /** the mark of the round's `round` event (undefined: no round event before it) */
  readonly roundMark: Dec | undefined;
  /** the ledger's state of the account before (undefined: unknown account) */
  readonly before: LedgerAccount | undefined;
  /** the state S8 prescribes after the result */
  readonly after: LedgerAccount | undefined;
  /** the fund as the engine saw it for this liquidation (the ledger's, as the liquidation began) */
  readonly fundView: Dec;
  /** S8: fundView + Σ insuranceFee + Σ residues − payout */
  readonly fundAfter: Dec;
  /** the fills whose penalty is not liquidatorFee + insuranceFee */
  readonly badSplits: readonly string[];
  /** the step the judge saw the account flagged at (S5), undefined: not flagged (or flags not tracked) */
  readonly flaggedAt: number | undefined;
  readonly keeper: KeeperSpec | undefined;
  /** the ADL event that followed it, if any */
  adl?: AdlRecord;
}

/** A ledger state with float estimates of its numbers (for SYS-004's ranking estimates only). */
export interface JudgedAccount extends LedgerAccount {
  readonly cf: number;
  readonly qf: number;
  readonly ef: number;
}

/** An account with a position at an ADL's moment (its equity is computed where needed: SYS-004). */
export interface Candidate {
  readonly id: string;
  readonly state: LedgerAccount;
}

/** Every account's state at one moment: `states[i]` is account `ids[i]`'s (shared, immutable). */
export interface LedgerSnapshot {
  readonly ids: readonly string[];
  readonly states: readonly JudgedAccount[];
}

function judged(collateral: Dec, size: Dec, entry: Dec, isolated: boolean): JudgedAccount {
  return { collateral, size, entry, isolated, cf: collateral.toNumber(), qf: size.toNumber(), ef: entry.toNumber() };
}

/**
 * The accounts of the ledger in start order, with running totals (Σq, Σκ, Σ long q) so a step's
 * end costs nothing per account, and O(1)-copy snapshots for ADL events.
 */
class AccountBook {
  readonly ids: string[] = [];
  private states: JudgedAccount[] = [];
  private readonly slot = new Map<string, number>();
  private shared = false;
  size = ZERO;
  cash = ZERO;
  longs = ZERO;
  has(id: string): boolean {
    return this.slot.has(id);
  }
  get(id: string): JudgedAccount | undefined {
    const i = this.slot.get(id);
    return i === undefined ? undefined : this.states[i];
  }
  add(id: string, a: JudgedAccount): void {
    this.slot.set(id, this.ids.length);
    this.ids.push(id);
    this.states.push(a);
    this.count(a, 1);
  }
  set(id: string, a: JudgedAccount): void {
    const i = this.slot.get(id)!;
    if (this.shared) {
      // copy on write: a snapshot handed out keeps its states
      this.states = this.states.slice();
      this.shared = false;
    }
    this.count(this.states[i]!, -1);
    this.states[i] = a;
    this.count(a, 1);
  }
  *entries(): Generator<[string, JudgedAccount]> {
    for (let i = 0; i < this.ids.length; i++) yield [this.ids[i]!, this.states[i]!];
  }
  snapshot(): LedgerSnapshot {
    this.shared = true;
    return { ids: this.ids, states: this.states };
  }
  private count(a: JudgedAccount, sign: 1 | -1): void {
    const k = cashOf(a);
    this.size = sign > 0 ? this.size.add(a.size) : this.size.sub(a.size);
    this.cash = sign > 0 ? this.cash.add(k) : this.cash.sub(k);
    if (a.size.gt(0)) this.longs = sign > 0 ? this.longs.add(a.size) : this.longs.sub(a.size);
  }
}

export interface ReductionRecord {
  readonly account: string;
  readonly size: Dec;
  readonly transfer: Dec;
  readonly score: Dec;
  readonly before: LedgerAccount | undefined;
  readonly after: LedgerAccount | undefined;
  /** ρ_c, the floor residue of S9 */
  readonly residue: Dec;
  /** E′ at the ADL's mark after the reduction */
  readonly equityAfter: Dec;
}

export interface AdlRecord {
  readonly line: number;
  readonly event: AdlTraceEvent;
  /** the liquidation it follows (the same account, step and round, immediately before) */
  readonly liquidation: LiquidationRecord | undefined;
  readonly mark: Dec;
  /** every account's state at the ADL's moment (the bankrupt included: skip it) */
  readonly snapshot: LedgerSnapshot;
  readonly reductions: readonly ReductionRecord[];
}

export interface AuctionState {
  readonly id: string;
  readonly side: 'long' | 'short';
  readonly lot: Dec;
  readonly start: Dec;
  readonly kickedAt: number;
  readonly firstKick: number;
  /** the last take's price since the kick or last reset */
  readonly lastPrice: Dec | undefined;
  /** the vault's net cash from this lot so far: − its cost at the fills' prices + take proceeds (mirrored for a short lot) */
  readonly cash: Dec;
}

/** A sold-out lot and its settlement (S6): the event's amount against the lot's realized P&L. */
export interface SettleRecord {
  readonly step: number;
  readonly auction: string;
  /** the lot's realized P&L by the ledger (Σ take proceeds − its cost; mirrored for a short lot) */
  readonly expected: Dec;
  /** the `settle` event's amount, undefined: the lot sold out and no settle followed its last take */
  readonly amount: Dec | undefined;
}

export interface KickRecord {
  readonly line: number;
  readonly event: Event<'kick'>;
  readonly liquidation: LiquidationRecord | undefined;
}
export interface ResetRecord {
  readonly line: number;
  readonly event: Event<'reset'>;
  readonly before: AuctionState | undefined;
  /** the mark of the step (S6 resets run before the rounds) */
  readonly stepMark: Dec;
}
export interface TakeRecord {
  readonly line: number;
  readonly event: Event<'take'>;
  readonly before: AuctionState | undefined;
  /** the mark of the step (S6 takes run before the rounds) */
  readonly mark: Dec;
  readonly bidder: BidderSpec | undefined;
}
export interface UnloadRecord {
  readonly line: number;
  readonly event: Event<'unload'>;
  /** the round's closing mark (its impact's mark, or the round's mark without impact) */
  readonly closingMark: Dec | undefined;
}

export interface StepRecord {
  readonly line: number;
  readonly event: SeriesEvent;
  readonly sumSize: Dec;
  /** Σκ − S */
  readonly value: Dec;
  readonly fund: Dec;
  readonly socialized: Dec;
  /** Σ long sizes over all parties */
  readonly openInterest: Dec;
  /** flat accounts with negative collateral */
  readonly negativeFlat: readonly { readonly id: string; readonly collateral: Dec }[];
}

export interface Replay {
  readonly start: StartEvent;
  readonly market: string;
  readonly lot: Dec;
  readonly tick: Dec;
  readonly unit: Dec;
  readonly auctionMode: boolean;
  readonly adlOn: boolean;
  readonly maxRounds: number;
  readonly auction: AuctionSpec;
  /** W_0 = Σκ − S at the start */
  readonly w0: Dec;
  /** Σq of the start (0 when the market holds −Σ accounts) */
  readonly startSize: Dec;
  readonly oracle: ReferenceOracle | undefined;
  /** whether flags were kept (some keeper has a latency): SYS-009's latency check needs them */
  readonly tracksFlags: boolean;
  readonly liquidations: readonly LiquidationRecord[];
  readonly adls: readonly AdlRecord[];
  readonly kicks: readonly KickRecord[];
  readonly resets: readonly ResetRecord[];
  readonly takes: readonly TakeRecord[];
  readonly unloads: readonly UnloadRecord[];
  readonly steps: readonly StepRecord[];
  /** every sold-out lot with its settlement */
  readonly settles: readonly SettleRecord[];
  /** settle events that follow no sold-out lot's last take (an unknown or still live auction, or a second settle) */
  readonly straySettles: readonly { readonly step: number; readonly auction: string; readonly amount: Dec }[];
  /** liquidations by (step, round), in trace order */
  readonly rounds: readonly { readonly step: number; readonly round: number; readonly accounts: readonly string[] }[];
  /** what made the trace impossible to replay (id SYS-000) */
  readonly problems: readonly Violation[];
}

const d = (x: string): Dec => new Dec(x);

function sign(x: Dec): 1 | -1 | 0 {
  return x.isZero() ? 0 : x.isNeg() ? -1 : 1;
}

/** `κ = C − q·e` */
export function cashOf(a: LedgerAccount): Dec {
  return a.collateral.sub(a.size.mul(a.entry));
}

/** `E = C + q·(m − e)` */
export function equityAt(a: LedgerAccount, mark: Dec): Dec {
  return a.size.isZero() ? a.collateral : a.collateral.add(a.size.mul(mark.sub(a.entry)));
}

/** The bankruptcy price of S9 (rounded away from the mark), or undefined for a flat account. */
export function bankruptcyPrice(a: LedgerAccount, tick: Dec): Dec | undefined {
  const k = cashOf(a);
  if (a.size.gt(0)) return ceilDiv(k.neg(), a.size.mul(tick)).mul(tick);
  if (a.size.lt(0)) return floorDiv(k, a.size.abs().mul(tick)).mul(tick);
  return undefined;
}

/** Replays `events` (one run's trace, in order) into the judge's ledger and records. */
export function replayTrace(events: readonly TraceEvent[]): Replay | { readonly problems: readonly Violation[] } {
  const first = events[0];
  if (first === undefined || first.type !== 'start') return { problems: [{ id: 'SYS-000', step: 0, message: 'the trace does not begin with a start event' }] };
  const start = first;
  const problems: Violation[] = [];
  const problem = (step: number, message: string, round?: number): void => {
    problems.push({ id: 'SYS-000', step, ...(round === undefined ? {} : { round }), message });
  };
  const lot = d(start.lot);
  const tick = d(start.tick);
  const unit = d(start.unit);
  const cfg = start.config;
  const auctionMode = cfg.liquidation.mode === 'auction';
  const a = cfg.liquidation.auction;
  const auction: AuctionSpec = {
    premium: d(a.premium),
    curve: a.curve.kind === 'linear' ? { kind: 'linear', duration: a.curve.duration } : { kind: 'stairstep', cut: d(a.curve.cut), step: a.curve.step },
    tail: a.tail,
    cusp: d(a.cusp),
    dust: d(a.dust),
  };
  const o = referenceOracle(start);
  const oracle = typeof o === 'string' ? undefined : o;
  if (typeof o === 'string') problem(0, o);

  // ---- the ledger (S2)
  const accounts = new AccountBook();
  for (const x of start.accounts) {
    if (accounts.has(x.id)) problem(0, `account ${x.id} appears twice in start`);
    else accounts.add(x.id, judged(d(x.collateral), d(x.size), d(x.entry), x.isolated));
  }
  const parties = new Map<string, PartyState>();
  const keepers = new Map<string, KeeperSpec>();
  for (const k of start.keepers) {
    keepers.set(k.id, { id: k.id, capital: d(k.capital), latency: k.latency, cost: d(k.cost) });
    parties.set(k.id, { cash: d(k.capital), size: ZERO });
  }
  const bidders = new Map<string, BidderSpec>();
  for (const b of start.bidders) {
    bidders.set(b.id, { id: b.id, capital: d(b.capital), latency: b.latency, discount: d(b.discount) });
    parties.set(b.id, { cash: d(b.capital), size: ZERO });
  }
  const fund: PartyState = { cash: d(start.fund), size: ZERO };
  parties.set('fund', fund);
  // S2: the vault exists in auction mode only, opens empty and may hold negative cash.
  const vault: PartyState = { cash: ZERO, size: ZERO };
  if (auctionMode) parties.set('vault', vault);
  const marketSize = d(start.marketPosition.size);
  const marketParty: PartyState = { cash: marketSize.mul(start.marketPosition.entry).neg(), size: marketSize };
  parties.set('market', marketParty);
  const sink: PartyState = { cash: ZERO, size: ZERO };
  parties.set('sink', sink);
  let socialized = ZERO;

  const totals = (): { size: Dec; value: Dec; oi: Dec } => {
    let size = accounts.size;
    let value = accounts.cash.sub(socialized);
    let oi = accounts.longs;
    for (const p of parties.values()) {
      size = size.add(p.size);
      value = value.add(p.cash);
      if (p.size.gt(0)) oi = oi.add(p.size);
    }
    return { size, value, oi };
  };
  const t0 = totals();
  const party = (id: string, step: number, round?: number): PartyState | undefined => {
    const p = parties.get(id);
    if (p === undefined) problem(step, `unknown party ${id}`, round);
    return p;
  };
  const trade = (buyer: PartyState, seller: PartyState, size: Dec, price: Dec): void => {
    const cash = size.mul(price);
    buyer.cash = buyer.cash.sub(cash);
    buyer.size = buyer.size.add(size);
    seller.cash = seller.cash.add(cash);
    seller.size = seller.size.sub(size);
  };

  // ---- flags (S5): the accounts liquidatable at every round's start, and since when
  // Only a keeper with a latency needs them (SYS-009): without one, flagging costs nothing to skip.
  const flags = new Map<string, number>();
  const tracksFlags = oracle !== undefined && [...keepers.values()].some((k) => k.latency > 0);
  const evaluate = (mark: Dec, step: number): void => {
    if (!tracksFlags) return;
    const k = oracle.ticksOf(mark);
    for (const [id, x] of accounts.entries()) {
      if (oracle.atTicks(x, k)) {
        if (!flags.has(id)) flags.set(id, step);
      } else flags.delete(id);
    }
  };

  const liquidations: LiquidationRecord[] = [];
  const adls: AdlRecord[] = [];
  const kicks: KickRecord[] = [];
  const resets: ResetRecord[] = [];
  const takes: TakeRecord[] = [];
  const unloads: UnloadRecord[] = [];
  const steps: StepRecord[] = [];
  const rounds: { step: number; round: number; accounts: string[] }[] = [];
  const auctions = new Map<string, AuctionState>();
  const settles: SettleRecord[] = [];
  const straySettles: { step: number; auction: string; amount: Dec }[] = [];
  /** the lot sold out by the last take, whose settle must be the very next event */
  let due: { step: number; auction: string; expected: Dec } | undefined;

  let step = -1;
  let stepMark = ZERO;
  let round: { step: number; round: number; mark: Dec; closing: Dec; accounts: string[] } | undefined;
  let lastLiquidation: LiquidationRecord | undefined;
  const closeRound = (): void => {
    if (round === undefined) return;
    if (round.round < cfg.maxRounds) evaluate(round.closing, round.step);
    round = undefined;
  };

  for (let line = 1; line < events.length; line++) {
    const ev = events[line]!;
    if (due !== undefined && ev.type !== 'settle') {
      settles.push({ ...due, amount: undefined });
      due = undefined;
    }
    switch (ev.type) {
      case 'start':
        problem(step, 'a second start event');
        break;
      case 'step': {
        closeRound();
        if (ev.step !== step + 1) problem(ev.step, `step ${ev.step} follows step ${step}`);
        step = ev.step;
        stepMark = d(ev.mark);
        evaluate(stepMark, step);
        break;
      }
      case 'reset': {
        const before = auctions.get(ev.auction);
        resets.push({ line, event: ev, before, stepMark });
        if (before === undefined) problem(ev.step, `reset of unknown auction ${ev.auction}`);
        else auctions.set(ev.auction, { ...before, start: d(ev.start), kickedAt: ev.step, lastPrice: undefined });
        break;
      }
      case 'take': {
        const before = auctions.get(ev.auction);
        takes.push({ line, event: ev, before, mark: stepMark, bidder: bidders.get(ev.bidder) });
        const bidder = party(ev.bidder, ev.step);
        if (before === undefined) {
          problem(ev.step, `take of unknown auction ${ev.auction}`);
          break;
        }
        if (bidder === undefined) break;
        const size = d(ev.size);
        const price = d(ev.price);
        // A long lot is sold by the vault to the bidder, a short lot bought from it.
        if (before.side === 'long') trade(bidder, vault, size, price);
        else trade(vault, bidder, size, price);
        const cash = before.cash.add(before.side === 'long' ? size.mul(price) : size.mul(price).neg());
        const left = before.lot.sub(size);
        if (left.isZero()) {
          auctions.delete(ev.auction);
          due = { step: ev.step, auction: ev.auction, expected: cash };
        } else auctions.set(ev.auction, { ...before, lot: left, lastPrice: price, cash });
        break;
      }
      case 'settle': {
        // S6: the sold-out lot's realized P&L, vault to fund. The ledger moves the event's amount (a
        // wrong one still conserves value): SYS-002 compares it with the lot's.
        const amount = d(ev.amount);
        if (due !== undefined && due.auction === ev.auction) settles.push({ ...due, amount });
        else {
          if (due !== undefined) settles.push({ ...due, amount: undefined });
          straySettles.push({ step: ev.step, auction: ev.auction, amount });
        }
        due = undefined;
        const from = party('vault', ev.step);
        if (from !== undefined) {
          from.cash = from.cash.sub(amount);
          fund.cash = fund.cash.add(amount);
        }
        break;
      }
      case 'round': {
        closeRound();
        round = { step: ev.step, round: ev.round, mark: d(ev.mark), closing: d(ev.mark), accounts: [] };
        rounds.push({ step: ev.step, round: ev.round, accounts: round.accounts });
        break;
      }
      case 'liquidation': {
        if (round === undefined || round.step !== ev.step || round.round !== ev.round) problem(ev.step, `liquidation of ${ev.account} outside its round`, ev.round);
        round?.accounts.push(ev.account);
        const before = accounts.get(ev.account);
        const keeper = keepers.get(ev.keeper);
        const fundView = fund.cash;
        const r = ev.result;
        let after: LedgerAccount | undefined;
        let fundAfter = fundView;
        const badSplits: string[] = [];
        const keeperParty = party(ev.keeper, ev.step, ev.round);
        const taker = party(ev.taker, ev.step, ev.round);
        if (before === undefined) problem(ev.step, `liquidation of unknown account ${ev.account}`, ev.round);
        else if (keeperParty !== undefined && taker !== undefined) {
          // S8: every fill a trade between the account and the taker; penalty, residues, payout, write-off.
          let collateral = before.collateral;
          let size = before.size;
          let toFund = ZERO;
          for (const [i, f] of r.fills.entries()) {
            const fs = d(f.size);
            const price = d(f.price);
            const qc = f.side === 'sell' ? fs : fs.neg();
            const rp = d(f.realizedPnl);
            const penalty = d(f.penalty);
            const lf = d(f.liquidatorFee);
            const inf = d(f.insuranceFee);
            if (!penalty.eq(lf.add(inf))) badSplits.push(`fill ${i}: penalty ${f.penalty} ≠ liquidatorFee ${f.liquidatorFee} + insuranceFee ${f.insuranceFee}`);
            const residue = qc.mul(price.sub(before.entry)).sub(rp);
            // the taker buys what the account sells (a long's close) and sells what it buys
            taker.cash = taker.cash.sub(qc.mul(price));
            taker.size = taker.size.add(qc);
            keeperParty.cash = keeperParty.cash.add(lf);
            fund.cash = fund.cash.add(inf).add(residue);
            toFund = toFund.add(inf).add(residue);
            collateral = collateral.add(rp).sub(penalty);
            size = size.sub(qc);
          }
          const payout = d(r.insurancePayout);
          const loss = d(r.socializedLoss);
          fund.cash = fund.cash.sub(payout);
          socialized = socialized.add(loss);
          collateral = collateral.add(payout).add(loss);
          fundAfter = fundView.add(toFund).sub(payout);
          const settled = judged(collateral, size, before.entry, before.isolated);
          after = settled;
          accounts.set(ev.account, settled);
          // the keeper's cost leaves for the sink (S5)
          const cost = d(ev.cost);
          keeperParty.cash = keeperParty.cash.sub(cost);
          sink.cash = sink.cash.add(cost);
        }
        const rec: LiquidationRecord = { line, event: ev, roundMark: round?.mark, before, after, fundView, fundAfter, badSplits, flaggedAt: flags.get(ev.account), keeper };
        liquidations.push(rec);
        lastLiquidation = rec;
        break;
      }
      case 'kick': {
        const liq = lastLiquidation !== undefined && lastLiquidation.event.account === ev.account && lastLiquidation.event.step === ev.step ? lastLiquidation : undefined;
        kicks.push({ line, event: ev, liquidation: liq });
        if (auctions.has(ev.auction)) problem(ev.step, `auction ${ev.auction} kicked twice`, ev.round);
        // the lot's cost: what the vault paid for it (a long lot) or received (a short one) at the fills' prices
        let cost = ZERO;
        for (const f of liq?.event.result.fills ?? []) cost = cost.add(d(f.size).mul(f.price));
        auctions.set(ev.auction, { id: ev.auction, side: ev.side, lot: d(ev.lot), start: d(ev.start), kickedAt: ev.step, firstKick: ev.step, lastPrice: undefined, cash: ev.side === 'long' ? cost.neg() : cost });
        break;
      }
      case 'adl': {
        const liq = lastLiquidation !== undefined && lastLiquidation.event.account === ev.bankrupt && lastLiquidation.event.step === ev.step && lastLiquidation.event.round === ev.round && lastLiquidation.adl === undefined ? lastLiquidation : undefined;
        const mark = d(ev.mark);
        // a snapshot of references: ledger states are immutable, replaced on change
        const snapshot = accounts.snapshot();
        const g = d(ev.spread);
        const reductions: ReductionRecord[] = [];
        for (const red of ev.reductions) {
          const before = accounts.get(red.account);
          const size = d(red.size);
          if (before === undefined || before.size.isZero()) {
            reductions.push({ account: red.account, size, transfer: d(red.transfer), score: d(red.score), before, after: undefined, residue: ZERO, equityAfter: ZERO });
            if (before === undefined) problem(ev.step, `ADL reduces unknown account ${red.account}`, ev.round);
            continue;
          }
          // S9: a trade with the market at m, plus the transfer a·g and the floor residue ρ_c to the fund.
          const sg = sign(before.size);
          const signed = sg > 0 ? size : size.neg();
          const x = signed.mul(mark.sub(before.entry)).sub(size.mul(g));
          const change = floorTo(x, unit);
          const residue = x.sub(change);
          const after = judged(before.collateral.add(change), before.size.sub(signed), before.entry, before.isolated);
          accounts.set(red.account, after);
          // market side of the trade: it takes the reduced position at m
          marketParty.cash = marketParty.cash.sub(signed.mul(mark));
          marketParty.size = marketParty.size.add(signed);
          reductions.push({ account: red.account, size, transfer: d(red.transfer), score: d(red.score), before, after, residue, equityAfter: equityAt(after, mark) });
        }
        socialized = socialized.sub(d(ev.owed).sub(d(ev.unpaid)));
        fund.cash = fund.cash.add(d(ev.toFund));
        const rec: AdlRecord = { line, event: ev, liquidation: liq, mark, snapshot, reductions };
        if (liq !== undefined) liq.adl = rec;
        adls.push(rec);
        break;
      }
      case 'impact': {
        if (round !== undefined) round.closing = d(ev.mark);
        break;
      }
      case 'unload': {
        unloads.push({ line, event: ev, closingMark: round?.closing });
        const p = party(ev.party, ev.step, ev.round);
        if (p === undefined) break;
        const size = d(ev.size);
        const price = d(ev.price);
        if (ev.side === 'sell') trade(marketParty, p, size, price);
        else trade(p, marketParty, size, price);
        break;
      }
      case 'writeoff': {
        const amount = d(ev.amount);
        fund.cash = fund.cash.add(amount);
        socialized = socialized.add(amount);
        break;
      }
      case 'series': {
        closeRound();
        if (ev.step !== step) problem(ev.step, `series of step ${ev.step} in step ${step}`);
        const t = totals();
        const negativeFlat: { id: string; collateral: Dec }[] = [];
        for (const [id, x] of accounts.entries()) if (x.qf === 0 && x.cf <= 0 && x.size.isZero() && x.collateral.isNeg()) negativeFlat.push({ id, collateral: x.collateral });
        steps.push({ line, event: ev, sumSize: t.size, value: t.value, fund: fund.cash, socialized, openInterest: t.oi, negativeFlat });
        break;
      }
    }
  }
  if (due !== undefined) settles.push({ ...due, amount: undefined });
  return {
    start,
    market: start.market,
    lot,
    tick,
    unit,
    auctionMode,
    adlOn: cfg.adl,
    maxRounds: cfg.maxRounds,
    auction,
    w0: t0.value,
    startSize: t0.size,
    oracle,
    tracksFlags,
    liquidations,
    adls,
    kicks,
    resets,
    takes,
    unloads,
    steps,
    settles,
    straySettles,
    rounds,
    problems,
  };
}

/** Parses a JSON Lines trace (no validation beyond JSON: the judge reports what it cannot replay). */
export function parseTraceLines(text: string): TraceEvent[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as TraceEvent);
}
