/**
 * OKX USDT-margined perpetual swaps, as docs/profiles/okx-swap.md states them, on the BigInt port
 * (model.mjs, policyModel.mjs). Written from that page and docs/spec.md §10 — nothing here imports
 * liqcheck.
 *
 * In OKX's terms:
 * - margin ratio = equity / (maintenance margin + liquidation fee); the profile's tier rates already
 *   hold MMR + fee rate, so "MM + fee" is the tier requirement of spec §3;
 * - forced liquidation when the margin ratio falls to 100 % (equity ≤ MM + fee, the inclusive
 *   trigger of the profile's params);
 * - forced partial liquidation: close "the number of swaps held − the max number of swaps of a
 *   lower tier", one tier further down at a time, until the margin ratio of what is left is above
 *   100 % again (spec §10.3 step-down); a position with no lower tier is closed in full;
 * - every close at the mark, the liquidation fee (the taker rate) on the amount closed, to the risk
 *   reserve (insurance) fund, never out of negative equity; a deficit is paid by the fund, the
 *   rest socialized.
 */
import { ceilDiv, Fx, ZERO } from '../fixed.mjs';
import { Reader, parseScenario, runGroups, tierIndex } from '../model.mjs';
import { PolicyModel, samePolicy } from '../policyModel.mjs';
import { profilePolicy } from './_venue.mjs';

/** Deliberately wrong behaviours of an OKX port, each one realistic misreading of OKX's own texts. */
export const bugs = {
  'strict-trigger':
    "liquidates only when the margin ratio is below 100 %, not when it falls to 100 % (OKX: 'when your margin ratio falls to 100 %, meaning your account equity is equal to or less than the required maintenance margin plus any applicable liquidation fees'); realistic, no venue report found",
  'two-tiers-per-step':
    "each partial liquidation reduces the position by two tiers at once (the newer secondary description 'reduce the position by two tiers', https://www.amorrr.com/14966.html), skipping the one-tier step that already restores the margin; realistic, no venue report found",
  'target-without-fee':
    "stops the partial liquidation once the margin ratio reaches the maintenance margin ratio without the liquidation fee (OKX's cross-margin text: 'If Margin Ratio reaches the required Maintenance Margin Ratio, liquidation will stop', where the fixed-margin text requires 'Maintenance Margin Ratio + Forced-Liquidation Fee Rate'), leaving the position below its requirement; realistic, no venue report found",
};

/** The profile's policy (profiles/okx-swap.json), the one this engine runs. */
const POLICY = profilePolicy('okx-swap');

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `name` is a label only (spec §10.1): the policy is this engine's when its parts are the profile's. */
function isOkxPolicy(policy) {
  return isObject(policy) && samePolicy(policy, POLICY);
}

/** The tiers k below the current tier `tier` that a partial liquidation tries, in order. */
function stepsDown(tier, stride) {
  const ks = [];
  for (let k = stride; k < tier; k += stride) ks.push(k);
  if (tier > 0) ks.push(tier);
  return ks;
}

class OkxSwap extends PolicyModel {
  constructor(params, marks, flags, kind) {
    super(params, marks, new Set(), kind);
    this.flags = flags;
  }

  /** Forced liquidation when the margin ratio E / (MM + fee) falls to 100 %. */
  liquidatable(equity, mmPlusFee, hasPositions) {
    if (!hasPositions) return false;
    return this.flags.has('strict-trigger') ? equity.lt(mmPlusFee) : super.liquidatable(equity, mmPlusFee, hasPositions);
  }

  /** The contracts a tier's limit allows: the largest lot multiple strictly below the next tier's floor. */
  maxSizeBelow(id, floor) {
    const { lot } = this.market(id);
    return ceilDiv(floor, lot.mul(this.marks.get(id))).sub(Fx.int(1)).mul(lot);
  }

  /**
   * Forced partial liquidation of one position: swaps to close = swaps held − max swaps of the tier
   * `k` below the current one, for k = 1, 2, … (two at a time under the bug), the first after which
   * the margin ratio of what is left is above 100 % (E' > MM' + fee); null when none is, or the
   * position is in tier 1: it is then closed in full.
   */
  stepDownSize(group, id, feeRate) {
    const { tiers } = this.market(id);
    const mark = this.marks.get(id);
    const held = this.sizeOf(group, id);
    const tier = tierIndex(tiers, held.mul(mark));
    const stride = this.flags.has('two-tiers-per-step') ? 2 : 1;
    for (const k of stepsDown(tier, stride)) {
      let keep = this.maxSizeBelow(id, tiers[tier - k + 1].floor);
      if (keep.mul(mark).lt(this.p.dust)) keep = ZERO; // a remainder below the dust threshold is closed too
      const close = held.sub(keep);
      const trial = this.closeFill(group, id, close, feeRate);
      let required = trial.target;
      if (this.flags.has('target-without-fee')) required = required.sub(feeRate.mul(keep.mul(mark)));
      if (this.meetsTarget(trial.uncappedEquity, required)) return close;
    }
    return null;
  }
}

/**
 * Validates and liquidates one scenario under the okx-swap profile's policy:
 * `{ ok: true, result }` or `{ ok: false, error }`.
 */
export function liquidate(scenario, flags = new Set()) {
  const r = new Reader();
  let rest = scenario;
  // a scenario without a policy is under minimal-close (spec §10.1), which the port also runs
  let kind = 'minimal';
  if (isObject(scenario)) {
    const { policy, book, requests, ...others } = scenario;
    rest = others;
    if (policy !== undefined && !isOkxPolicy(policy)) r.fail('policy', 'the okx-swap profile\'s policy (this engine\'s handshake), or none', policy);
    else if (policy !== undefined) kind = 'step-down';
    if (book !== undefined) r.fail('book', 'no order book: the policy\'s price part is not "book" (§10.4)', book);
    if (requests !== undefined) r.fail('requests', 'no requests: the policy\'s close size is not "requested" (§10.3)', requests);
  }
  const parsed = parseScenario(rest);
  const issues = [...r.issues, ...(parsed.issues ?? [])];
  if (parsed.value === undefined || issues.length > 0) return { ok: false, error: { code: 'invalid-input', issues } };
  const sc = parsed.value;
  return runGroups(sc, new OkxSwap(sc.params, sc.marks, flags, kind));
}
