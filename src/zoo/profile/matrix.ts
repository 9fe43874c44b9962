/**
 * The profile zoo's matrix (issue 12, item 4): for every shipped profile (profiles/*.json) and
 * every invariant its policy is judged by (spec §10.7), the wrong engine that demonstrates it
 * under that profile — its params, its policy stamped into the scenario — or, where the profile's
 * params leave the invariant's domain empty, why. properties/profileZoo.test.ts hunts every claim
 * and fails a profile that has a judged id without one.
 *
 * An engine named here follows the profile's policy apart from its one bug: the profile zoo's
 * (src/zoo/profile/), the policy zoo's part swaps whose part the profile uses, the base zoo's input
 * and result rewrites, and — under drift-v2, whose parts are the reference's — the base zoo's
 * decimal rule swaps (src/model/liquidate.ts `liquidateParsed`); under the multi-asset profiles
 * (params with `assets`, spec §13), the multi-asset zoo's (src/zoo/multiAsset/) for LIQ-031..033,
 * input and result rewrites of the reference under the scenario's policy. Not floatEngine, which
 * ignores the policy.
 */

/** Scenario shapes a claim hunts on (properties/profileZoo.test.ts builds them on the profile's params). */
export type ProfileShape = 'any' | 'single' | 'crossMulti' | 'inexact';

/**
 * Why an invariant's domain is empty under a profile's params, checked by the test on the params:
 * `one-market` — LIQ-014 needs two positions, so two markets; `price-impact` — LIQ-015 is stated
 * for a mark without price impact; `linear` — LIQ-030 is judged on inverse markets only (spec §12.7),
 * and the profile's markets are all linear; `inverse` — LIQ-013 (the long/short mirror) and LIQ-015
 * (price-shock monotone) are not judged on inverse markets (spec §12.7, §12.8), and the profile's
 * markets are all inverse; `single-asset` — LIQ-031, LIQ-032 and LIQ-033 are judged on scenarios
 * with `params.assets` only (spec §13.6), and the profile's params have none.
 */
export type Vacuity = 'one-market' | 'price-impact' | 'linear' | 'inverse' | 'single-asset';

/** The ids each vacuity may excuse. */
export const VACUOUS_IDS: Readonly<Record<Vacuity, readonly string[]>> = { 'one-market': ['LIQ-014'], 'price-impact': ['LIQ-015'], linear: ['LIQ-030'], inverse: ['LIQ-013', 'LIQ-015'], 'single-asset': ['LIQ-031', 'LIQ-032', 'LIQ-033'] };

export type ProfileClaim = { readonly engine: string; readonly shape?: ProfileShape } | { readonly vacuous: Vacuity };

const e = (engine: string, shape?: ProfileShape): ProfileClaim => (shape === undefined ? { engine } : { engine, shape });

/** Claims every shipped profile shares (each profile lists only the ids its policy judges). */
const COMMON = {
  'LIQ-006': e('rateFromMarginLeft'),
  'LIQ-007': e('residueDropped'),
  'LIQ-008': e('sideOfPosition'),
  'LIQ-009': e('pnlUnrounded'),
  'LIQ-010': e('releasedMarginFee'),
  'LIQ-012': e('staleMarkCache'),
  'LIQ-016': e('rateFromMarginLeft'),
  'LIQ-018': e('negativeFundClamped'),
  'LIQ-030': { vacuous: 'linear' },
  'LIQ-031': { vacuous: 'single-asset' },
  'LIQ-032': { vacuous: 'single-asset' },
  'LIQ-033': { vacuous: 'single-asset' },
} as const;

/** Claims both inverse profiles share (BitMEX XBTUSD and Bybit BTCUSD: one inverse market, a full close at the bankruptcy price). */
const INVERSE_COMMON = {
  'LIQ-003': e('oneLotLeft'),
  'LIQ-005': e('lossAtMarkSocialized'),
  'LIQ-006': e('rateFromMarginLeft'),
  'LIQ-007': e('quoteScaleFixed'),
  'LIQ-008': e('sideOfPosition'),
  'LIQ-009': e('coinPnlUnfloored'),
  'LIQ-010': e('releasedMarginFee'),
  'LIQ-011': e('lossAtMarkSocialized'),
  'LIQ-012': e('staleMarkCache'),
  'LIQ-014': { vacuous: 'one-market' },
  'LIQ-016': e('rateFromMarginLeft'),
  'LIQ-017': e('ratioTowardZero'),
  'LIQ-018': e('negativeFundClamped'),
  'LIQ-021': e('oneLotLeft'),
  'LIQ-028': e('releasedMarginFee'),
  'LIQ-029': e('bankruptcyRoundedForTrader'),
  'LIQ-030': e('reciprocalRounded'),
  'LIQ-031': { vacuous: 'single-asset' },
  'LIQ-032': { vacuous: 'single-asset' },
  'LIQ-033': { vacuous: 'single-asset' },
} as const;

/** binance-usdm's claims, which binance-multi-assets (the same policy plus the auto-exchange) shares. */
const BINANCE_USDM: Readonly<Record<string, ProfileClaim>> = {
    ...COMMON,
    'LIQ-001': e('triggerFlipped'),
    'LIQ-002': e('tierOffByOne'),
    'LIQ-003': e('oneLotLeft'),
    'LIQ-005': e('negativeCollateral'),
    'LIQ-011': e('insuranceIgnored'),
    'LIQ-013': e('shortsValuedAtEntry'),
    'LIQ-014': e('inputOrderUnder', 'crossMulti'),
    'LIQ-017': e('tierOffByOne'),
    'LIQ-020': e('stepDownOneTooFar'),
    'LIQ-024': e('bankruptcyFilledUnderMark'),
};

export const PROFILE_MATRIX: Readonly<Record<string, Readonly<Record<string, ProfileClaim>>>> = {
  'binance-usdm': BINANCE_USDM,
  // binance-usdm's policy with the auto-exchange (spec §13): its claims hold on multi-asset
  // scenarios, and the multi-asset zoo (src/zoo/multiAsset/) shows the §13.6 ids.
  'binance-multi-assets': {
    ...BINANCE_USDM,
    'LIQ-031': e('haircutIgnored'),
    'LIQ-032': e('overSell'),
    'LIQ-033': e('sellsPastZero'),
  },
  'bybit-linear': {
    ...COMMON,
    'LIQ-001': e('entry-valued-at-mark'),
    'LIQ-002': e('triggerFlipped'),
    'LIQ-003': e('oneLotLeft'),
    'LIQ-005': e('lossAtMarkSocialized'),
    'LIQ-011': e('lossAtMarkSocialized'),
    'LIQ-014': { vacuous: 'one-market' },
    'LIQ-017': e('entry-valued-at-mark'),
    'LIQ-021': e('oneLotLeft'),
    'LIQ-028': e('releasedMarginFee'),
    'LIQ-029': e('bankruptcyRoundedForTrader'),
  },
  // Inverse (coin-margined) profiles, spec §12: every scenario drawn under their params is inverse.
  'bitmex-xbtusd': {
    ...INVERSE_COMMON,
    'LIQ-001': e('triggerFlipped'),
    'LIQ-002': e('wholeCloseSkipped'),
    'LIQ-013': { vacuous: 'inverse' },
  },
  'bybit-inverse': {
    ...INVERSE_COMMON,
    'LIQ-001': e('entry-valued-at-mark'),
    'LIQ-002': e('triggerFlipped'),
  },
  // The reference's parts under another name: the base zoo's decimal rule swaps run here.
  'drift-v2': {
    ...COMMON,
    'LIQ-001': e('triggerSwapped'),
    'LIQ-002': e('givesUpUnderwater'),
    'LIQ-003': e('oneLotShort'),
    'LIQ-004': e('oneLotMore'),
    'LIQ-005': e('negativeCollateral'),
    'LIQ-006': e('shortBias'),
    'LIQ-008': e('positionFlipped'),
    'LIQ-009': e('ignoresDust'),
    'LIQ-010': e('uncappedPenalty'),
    'LIQ-011': e('insuranceOverdrawn'),
    'LIQ-013': e('shortBias'),
    'LIQ-014': { vacuous: 'one-market' },
    'LIQ-015': { vacuous: 'price-impact' },
    'LIQ-017': e('ratioTowardZero', 'inexact'),
    'LIQ-024': e('impactSignFlipped'),
  },
  'dydx-v4': {
    ...COMMON,
    'LIQ-001': e('triggerFlipped'),
    // A book walk seldom leaves a deficit: the result rewrite that invents one finds them faster.
    'LIQ-005': e('lossAtMarkSocialized'),
    'LIQ-011': e('lossAtMarkSocialized'),
    'LIQ-013': e('shortsValuedAtEntry'),
    'LIQ-014': e('inputOrderUnder', 'crossMulti'),
    'LIQ-017': e('ratioTowardZero', 'inexact'),
    'LIQ-023': e('bookWalksWrongSide'),
    'LIQ-028': e('releasedMarginFee'),
  },
  'gmx-v2': {
    ...COMMON,
    'LIQ-001': e('entry-valued-at-mark'),
    'LIQ-002': e('givesUpUnderwaterUnder'),
    'LIQ-003': e('oneLotLeft'),
    'LIQ-005': e('negativeCollateral'),
    'LIQ-011': e('insuranceIgnored'),
    'LIQ-014': e('inputOrderUnder', 'crossMulti'),
    'LIQ-015': e('givesUpUnderwaterUnder', 'single'),
    'LIQ-017': e('entry-valued-at-mark'),
    'LIQ-021': e('oneLotLeft'),
    'LIQ-024': e('bankruptcyFilledUnderMark'),
  },
  // One BTC-PERP market with one tier and a price concession (the base liquidation fee), token
  // liquidation of the assets (spec §13).
  'mango-v4': {
    ...COMMON,
    'LIQ-001': e('triggerFlipped'),
    'LIQ-002': e('wholeCloseSkipped'),
    'LIQ-003': e('oneLotLeft'),
    'LIQ-004': e('fullButLast'),
    'LIQ-005': e('negativeCollateral'),
    'LIQ-011': e('insuranceIgnored'),
    'LIQ-013': e('shortsValuedAtEntry'),
    'LIQ-014': { vacuous: 'one-market' },
    'LIQ-015': { vacuous: 'price-impact' },
    'LIQ-017': e('ratioTowardZero', 'inexact'),
    'LIQ-024': e('impactSignFlipped'),
    'LIQ-031': e('haircutIgnored'),
    'LIQ-032': e('overSell'),
    'LIQ-033': e('sellsPastZero'),
  },
  hyperliquid: {
    ...COMMON,
    'LIQ-001': e('triggerFlipped'),
    'LIQ-002': e('wholeCloseSkipped'),
    'LIQ-005': e('negativeCollateral'),
    'LIQ-011': e('insuranceIgnored'),
    'LIQ-013': e('shortsValuedAtEntry'),
    'LIQ-014': e('inputOrderUnder', 'crossMulti'),
    'LIQ-017': e('tierOffByOne'),
    'LIQ-019': e('portionRoundedDown'),
    'LIQ-024': e('bankruptcyFilledUnderMark'),
    'LIQ-027': e('backstopKeepsEquity'),
  },
  'okx-swap': {
    ...COMMON,
    'LIQ-001': e('initialAsMaintenance'),
    'LIQ-002': e('triggerFlipped'),
    'LIQ-003': e('tierOffByOne'),
    'LIQ-005': e('negativeCollateral'),
    'LIQ-011': e('insuranceIgnored'),
    'LIQ-013': e('shortsValuedAtEntry'),
    'LIQ-014': e('inputOrderUnder', 'crossMulti'),
    'LIQ-017': e('tierOffByOne'),
    'LIQ-020': e('stepDownOneTooFar'),
    'LIQ-024': e('bankruptcyFilledUnderMark'),
  },
  'perp-v2': {
    ...COMMON,
    'LIQ-001': e('triggerFlipped'),
    'LIQ-005': e('lossAtMarkSocialized'),
    'LIQ-011': e('lossAtMarkSocialized'),
    'LIQ-013': e('shortsValuedAtEntry'),
    'LIQ-014': e('inputOrderUnder', 'crossMulti'),
    'LIQ-017': e('ratioTowardZero', 'inexact'),
    'LIQ-022': e('requestWithoutCloseFactor'),
    'LIQ-024': e('bankruptcyFilledUnderMark'),
  },
};

/**
 * The matrix as text, one block per profile with its claims in id order and wrapped at `width`:
 * what properties/profileZoo.test.ts's header shows (and checks it still shows).
 */
export function renderMatrix(width = 96): string[] {
  const lines: string[] = [];
  for (const profile of Object.keys(PROFILE_MATRIX).sort()) {
    const claims = PROFILE_MATRIX[profile]!;
    const ids = Object.keys(claims).sort();
    lines.push(`${profile} (${ids.length} ids)`);
    let line = ' ';
    for (const id of ids) {
      const c = claims[id]!;
      const cell = ` ${id} ${'vacuous' in c ? `(empty: ${c.vacuous})` : c.engine}${'shape' in c && c.shape !== undefined ? ` [${c.shape}]` : ''}`;
      if (line.length + cell.length + 2 > width && line.trim() !== '') {
        lines.push(line);
        line = ' ';
      }
      line += (line.trim() === '' ? '' : ' ·') + cell;
    }
    if (line.trim() !== '') lines.push(line);
  }
  return lines;
}
