/**
 * Protocol features: what a scenario needs from an engine beyond the core (one cross position,
 * one maintenance tier, one penalty step, strict trigger, no price impact, no dust threshold).
 * An engine lists the features it supports in its handshake; the gate skips, and counts, the
 * scenarios that need one it did not list.
 *
 * @see docs/protocol.md#features
 */
import type { Scenario } from '../model/types.ts';

/** Every feature name of protocol 1.0, in the order {@link requiredFeatures} reports them. */
export const FEATURES = [
  'cross',
  'cross-multi',
  'isolated',
  'multi-group',
  'tiers',
  'price-impact',
  'dust',
  'penalty-steps',
  'inclusive-trigger',
  'inverse',
  'multi-asset',
] as const;

export type Feature = (typeof FEATURES)[number];

/** What makes a scenario need each feature (the table of docs/protocol.md). */
export const FEATURE_RULES: Readonly<Record<Feature, string>> = {
  cross: 'a position without isolatedMargin (cross margin)',
  'cross-multi': 'two or more cross positions (close order by notional, §6.2)',
  isolated: 'a position with isolatedMargin (isolated margin, §4.1)',
  'multi-group': 'two or more margin groups holding positions (insurance fund threaded, margin returned, §4.1)',
  tiers: 'a market in params.markets with more than one maintenance tier (§3)',
  'price-impact': 'params.priceImpact ≠ 0 (§7.1)',
  dust: 'params.dustNotional ≠ 0 (§6.4)',
  'penalty-steps': 'more than one penalty step (§5.1)',
  'inclusive-trigger': 'params.trigger = "inclusive" (§4.3)',
  inverse: 'a market whose contract is inverse (§12)',
  'multi-asset': 'params.assets: collateral assets of the cross group (§13)',
};

const ZERO_DECIMAL = /^-?0(\.0+)?$/;

function nonZero(x: unknown): boolean {
  return typeof x === 'string' && !ZERO_DECIMAL.test(x);
}

/** A market of params.markets whose `contract` says inverse (§12.1), whatever else its shape. */
function isInverseMarket(m: unknown): boolean {
  if (m === null || typeof m !== 'object') return false;
  const c = (m as { readonly contract?: unknown }).contract;
  return c !== null && typeof c === 'object' && (c as { readonly kind?: unknown }).kind === 'inverse';
}

/**
 * The features a scenario needs, in {@link FEATURES} order. Never throws: fields of the wrong
 * shape (a deliberately invalid scenario) simply require nothing.
 *
 * @see docs/protocol.md#features
 */
export function requiredFeatures(s: Scenario): Feature[] {
  const positions: readonly unknown[] = Array.isArray(s?.account?.positions) ? s.account.positions : [];
  let cross = 0;
  let isolated = 0;
  for (const p of positions) {
    if (p !== null && typeof p === 'object' && 'isolatedMargin' in p) isolated++;
    else cross++;
  }
  const params = (s?.params ?? {}) as Partial<Scenario['params']>;
  const markets = params.markets !== null && typeof params.markets === 'object' ? Object.values(params.markets) : [];
  const steps = params.penalty?.steps;
  const need: Record<Feature, boolean> = {
    cross: cross > 0,
    'cross-multi': cross > 1,
    isolated: isolated > 0,
    'multi-group': (cross > 0 ? 1 : 0) + isolated > 1,
    tiers: markets.some((m) => Array.isArray(m?.tiers) && m.tiers.length > 1),
    'price-impact': nonZero(params.priceImpact),
    dust: nonZero(params.dustNotional),
    'penalty-steps': Array.isArray(steps) && steps.length > 1,
    'inclusive-trigger': params.trigger === 'inclusive',
    inverse: markets.some((m) => isInverseMarket(m)),
    // §13.1: the key alone, as `inverse` reads `contract`: a scenario with it needs the rules of §13.
    'multi-asset': params.assets !== undefined,
  };
  return FEATURES.filter((f) => need[f]);
}

/**
 * Protocol features (protocol 1.1 and later): ways of exchanging messages rather than scenario
 * shapes. They are listed in the same `hello_ok.features` array, no scenario ever requires one, and
 * the gate uses one only with an engine that answered a protocol minor that has it.
 *
 * - `params-ref` (1.1): the engine keeps risk-parameter sets sent once per session in `params`
 *   messages, and requests refer to them by `paramsRef` (docs/protocol.md#params-sets).
 * - `step` (1.2): the engine answers `step` requests, a round of the system simulation
 *   (docs/protocol.md#multi-account-steps-feature-step).
 * - `certificate`: the engine's `result` replies carry a liquidation certificate (spec §14) beside
 *   the result, which the gate verifies against that result (CERT-001). An optional reply field
 *   that any minor may carry, so no minor of its own (docs/protocol.md#certificates-feature-certificate).
 */
export const PROTOCOL_FEATURES = ['params-ref', 'step', 'certificate'] as const;

export type ProtocolFeature = (typeof PROTOCOL_FEATURES)[number];

/**
 * Whether the gate may send `params` messages and `paramsRef` requests to an engine: it listed
 * `params-ref` and answered protocol 1.1 or newer (a 1.0 engine that lists the name by mistake
 * still gets the 1.0 messages, by the rule that a minor's messages go only to its peers).
 */
export function usesParamsRef(info: { readonly protocol: string; readonly protocolFeatures?: readonly string[] }): boolean {
  const m = /^1\.(\d+)$/.exec(info.protocol);
  return m !== null && Number(m[1]) >= 1 && (info.protocolFeatures ?? []).includes('params-ref');
}

/** Whether an engine's replies carry certificates the gate must verify: it listed `certificate`. */
export function sendsCertificates(info: { readonly features: readonly string[]; readonly protocolFeatures?: readonly string[] }): boolean {
  return [...info.features, ...(info.protocolFeatures ?? [])].includes('certificate');
}

/** The protocol minor an engine answered (`1.N` → N), or -1 for anything else. */
function minorOf(protocol: string): number {
  const m = /^1\.(\d+)$/.exec(protocol);
  return m === null ? -1 : Number(m[1]);
}

/**
 * Why the gate may not send `step` requests to an engine (null: it may): it must list `step` and
 * answer protocol 1.2 or newer, as a minor's messages go only to its peers. The text names the
 * handshake's field, what it expected and what it received.
 */
export function stepRefusal(info: { readonly protocol: string; readonly features: readonly string[]; readonly protocolFeatures?: readonly string[] }): string | null {
  const problems: string[] = [];
  const listed = [...info.features, ...(info.protocolFeatures ?? [])];
  if (!listed.includes('step')) problems.push(`hello_ok.features: expected a list naming "step" (the multi-account step request, protocol 1.2), received ${JSON.stringify(listed)}`);
  if (minorOf(info.protocol) < 2) problems.push(`hello_ok.protocol: expected "1.2" or newer (the minor that added step), received ${JSON.stringify(info.protocol)}`);
  return problems.length === 0 ? null : problems.join('; ');
}

/** The features `s` needs that `supported` lacks (empty: the engine can be asked). */
export function missingFeatures(s: Scenario, supported: readonly string[]): Feature[] {
  return requiredFeatures(s).filter((f) => !supported.includes(f));
}
