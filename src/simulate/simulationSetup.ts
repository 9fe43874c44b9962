/**
 * A resolved simulation: the configuration typed and exact, the parameters and policy parsed, the
 * population and the exogenous prices drawn. Built by resolveSimulation.ts from the wire
 * configuration (src/wire/simulation.ts); `resolved` is its JSON form, written into the report and
 * the trace so a run states everything it depended on.
 * @see docs/simulation.md#s1-numbers-and-scope
 */
import type { Dec } from '../model/decimal.ts';
import type { ParsedParams, RiskParams } from '../model/types.ts';
import type { FPolicy } from '../policy/policy.ts';
import type { Policy } from '../wire/policy.ts';
import type { ResolvedConfig } from '../wire/simulation.ts';
import type { AccountState } from './stepEngine.ts';

/** S5: a keeper; `venue` (venue mode) has no capital limit, no cost and no latency. */
export interface KeeperSpec {
  readonly id: string;
  readonly capital: Dec;
  readonly latency: number;
  readonly cost: Dec;
}

/** S6: an auction bidder (structurally the auction module's `Bidder`). */
export interface BidderSpec {
  readonly id: string;
  readonly capital: Dec;
  readonly latency: number;
  readonly discount: Dec;
}

/** S4's liquidity model. */
export interface Liquidity {
  readonly kind: 'sqrt' | 'linear';
  readonly lambda: Dec;
  readonly depth: Dec;
  readonly permanent: Dec;
  readonly recovery: Dec;
  readonly maxImpact: Dec;
}

/** S6's auction parameters (structurally the auction module's `AuctionConfig`). */
export interface AuctionSetup {
  readonly premium: Dec;
  readonly curve: { readonly kind: 'linear'; readonly duration: number } | { readonly kind: 'stairstep'; readonly cut: Dec; readonly step: number };
  readonly tail: number;
  readonly cusp: Dec;
  readonly dust: Dec;
}

export interface SimulationSetup {
  /** the JSON form of everything below that came from the configuration */
  readonly resolved: ResolvedConfig;
  /** the venue profile's name, null for params without one */
  readonly profile: string | null;
  /** the policy's name (`minimal-close` for the reference's) */
  readonly policyName: string;
  /** the risk parameters as given (wire form), for the scenarios handed to an engine */
  readonly params: RiskParams;
  readonly parsed: ParsedParams;
  /** the policy, absent for the reference's (a scenario then has no `policy`) */
  readonly policy?: FPolicy;
  /** the policy's wire form, present iff `policy` is */
  readonly policyWire?: Policy;
  readonly market: string;
  readonly lot: Dec;
  readonly tick: Dec;
  readonly unit: Dec;
  readonly seed: number;
  readonly steps: number;
  /** x_0 … x_{T−1} (S3) */
  readonly prices: readonly Dec[];
  readonly liquidity: Liquidity;
  /** [] is venue mode (S5) */
  readonly keepers: readonly KeeperSpec[];
  readonly bidders: readonly BidderSpec[];
  readonly mode: 'market' | 'auction';
  readonly auction: AuctionSetup;
  readonly adl: boolean;
  readonly maxRounds: number;
  /** the fund's opening cash */
  readonly insuranceFund: Dec;
  /** the population (S2.1), in id order */
  readonly accounts: readonly AccountState[];
  /** generated accounts redrawn because liquidatable at x_0 */
  readonly redrawn: number;
}
