/**
 * The Python engine of Mango v4 (examples/python/venues/mango_v4.py on venues/_multi_asset.py,
 * issue 13 item 2) through the gate under the `mango-v4` profile: the correct engine passes the
 * catalog and REF-001 on generated multi-asset scenarios; each wrong variant is caught by the
 * invariant named here and by REF-001. The engine's BUGS table says what each variant gets wrong
 * and where Mango's code states the right rule. No expected value is copied from the engine or the
 * reference: agreement on generated scenarios is the evidence (properties/profiles/engineSupport.ts),
 * and the worked examples below are computed by hand.
 */
import type { Scenario } from '../../src/model/types.ts';
import { describeRefusals, describeVenueEngine, describeWorkedExamples, multiAssetScenario, patchedParams, type WorkedExample } from './engineSupport.ts';

const PROFILE = 'mango-v4';
const COMMAND = `python3 examples/python/profile_engine.py --profile ${PROFILE}`;
const PERP = 'BTC-PERP';

describeVenueEngine('properties/profiles/mango-v4.engine.test.ts', {
  profile: PROFILE,
  command: COMMAND,
  bugs: [
    // the asset sold at p/φ² instead of p/φ: proceeds off ⌊s·π⌋_u and more sold than the goal needs (§13.4)
    { bug: 'fee-factor-twice', violates: 'LIQ-032' },
    // the asset sold at p (φ taken as 1): proceeds above ⌊s·π⌋_u (§13.1, §13.4)
    { bug: 'fee-factor-ignored', violates: 'LIQ-032' },
    // the liquidation end health read at maint weights (w, l), not init (w′, l′): sells too little (§13.4 target)
    { bug: 'liq-end-at-maint-weights', violates: 'LIQ-032' },
    // tokens sold before the perp is closed: the close then leaves the group short of its target (§13.3's order)
    { bug: 'tokens-before-perps', violates: 'LIQ-003' },
  ],
});

/** The profile's params with `patch` applied to a copy. */
const params = (patch?: (p: Record<string, unknown>) => void): unknown => patchedParams(PROFILE, patch);

/** A scenario under the profile's policy. */
const worked = (p: unknown, marks: Record<string, string>, account: object, assetPrices: Record<string, string>): Scenario => multiAssetScenario(PROFILE, p, marks, account, assetPrices);

/**
 * Token-only params pinned to Mango's `test_liq_with_token_while_perp` (V-M1 of
 * docs/research/multi-asset.md; blockworks-foundation/mango-v4
 * programs/mango-v4/src/instructions/token_liq_with_token.rs @1303a4a16228eb1e8e8d4f0eef724eaf63310c86):
 * prices 1, fees 0, asset weights w for init and maint, liability weights 2 − w; the liability token is
 * our quote (quoteDebt l = l′ = 2 − w), the asset token one asset of unit 1 (native units).
 */
function tokenOnly(w: string, l: string): unknown {
  return params((p) => {
    p['assets'] = { TOKEN: { unit: '1', weight: w } };
    p['quoteDebt'] = { weight: l, targetWeight: l };
  });
}

const EXAMPLES: readonly WorkedExample[] = [
  [
    // Published (V-M1 "no perps2"): asset 10, liab −9, w 0.8 → asset 3, liab −2 ("3·0.8 − 2·1.2 = 0").
    // Ours, by hand: E = 1.2·(−9) + 0.8·10 = −2.8 < 0; G(s) = 1.2·s − 0.8·s (piece C + s < 0), so
    // s = 2.8 / 0.4 = 7 exactly; C = −2 < 0 with 3 left: full, the quote stays borrowed (§13.3).
    "V-M1 'no perps2': 7 of 10 tokens sold restore the liquidation end health to 0",
    worked(tokenOnly('0.8', '1.2'), {}, { collateral: '-9', assets: { TOKEN: '10' }, positions: [] }, { TOKEN: '1' }),
    { status: 'full', account: { collateral: '-2', assets: { TOKEN: '3' } }, sales: [{ asset: 'TOKEN', amount: '7', proceeds: '7' }], badDebt: '0' },
  ],
  [
    // Published (V-M1 "no perps1"): asset 10, liab −11, w 0.9 → 0, −1 ("needed 15.5 > possible 10").
    // Ours, by hand: E = 1.1·(−11) + 0.9·10 = −3.1; slope 1.1 − 0.9 = 0.2, s = 15.5 > 10: the whole
    // balance is sold, C = −1 with no asset left: bankrupt (§13.3), the deficit 1 socialized (fund 0).
    "V-M1 'no perps1': the whole balance sold, the liability left is bad debt",
    worked(tokenOnly('0.9', '1.1'), {}, { collateral: '-11', assets: { TOKEN: '10' }, positions: [] }, { TOKEN: '1' }),
    { status: 'bankrupt', account: { collateral: '0', assets: {} }, sales: [{ asset: 'TOKEN', amount: '10', proceeds: '10' }], badDebt: '1', socializedLoss: '1' },
  ],
  [
    // Hand-computed, not a published vector. The profile's params: BTC-PERP tier 2.5 %, b 0.025, impact
    // 1.25 %, φ 1.05, w 0.9 / w′ 0.8. C = −1000, SOL 10 @ 100, ETH 1 @ 2000, long 1 @ 52000, mark 50000:
    // E = −1000 + 900 + 1800 − 2000 = −300 < MM 1250; T = 1250 + 1250 + 300 = 2800. A close of d costs
    // 625·d of equity and frees 2500·d of target: d = 3100/1875 > 1, so the whole position is sold at
    // 49375, realized −2625, C = −3625. Then LiqEnd = −3625 + 2400 = −1225: ETH first (a·p·w′ 1600 >
    // 800), slope 2000/1.05 − 1600 = 304.76… per ETH, 4.02 needed > 1: all of it for ⌊2000/1.05⌋_u =
    // 1904.761904; SOL: slope 95.238… − 80, 60.4 needed > 10: all for ⌊1000/1.05⌋_u = 952.380952;
    // C = −767.857144 with nothing left: bankrupt.
    'a long closed in full, then ETH and SOL sold whole at p/φ, bankrupt with no token left',
    worked(params(), { [PERP]: '50000' }, { collateral: '-1000', assets: { SOL: '10', ETH: '1' }, positions: [{ market: PERP, size: '1', entryPrice: '52000' }] }, { SOL: '100', ETH: '2000' }),
    {
      status: 'bankrupt',
      fills: [{ market: PERP, side: 'sell', size: '1', price: '49375', realizedPnl: '-2625', penalty: '0' }],
      account: { collateral: '0', positions: [], assets: {} },
      sales: [
        { asset: 'ETH', amount: '1', proceeds: '1904.761904' },
        { asset: 'SOL', amount: '10', proceeds: '952.380952' },
      ],
      badDebt: '767.857144',
    },
  ],
];

describeWorkedExamples({ profile: PROFILE, command: COMMAND, feature: ['multi-asset', '§13'], also: 'cross', examples: EXAMPLES });

const scenario = EXAMPLES[2]![1];

describeRefusals({
  profile: PROFILE,
  command: COMMAND,
  scenario,
  another: 'binance-multi-assets',
  changed: [
    ['no collateral sale', 'collateral', { kind: 'none' }],
    ['the deficit rule', 'collateral', { kind: 'sell', restore: 'deficit' }],
    ['the step-down', 'closeSize', { kind: 'step-down' }],
  ],
  refused: [
    { what: 'an account asset the params do not define', scenario: { ...scenario, account: { ...(scenario.account as object), assets: { DOGE: '1' } } } as unknown as Scenario, at: 'account.assets' },
    {
      what: 'a held asset without a price',
      scenario: { ...scenario, assetPrices: { SOL: '100' } } as unknown as Scenario,
      at: 'assetPrices',
    },
  ],
});
