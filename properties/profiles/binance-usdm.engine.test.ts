/**
 * The JavaScript engine of Binance USDⓈ-M (examples/js/venues/binance-usdm.mjs, issue 12 item 4)
 * through the gate under the `binance-usdm` profile: the correct engine passes the catalog and
 * REF-001; each wrong variant is caught by the invariant named here and by REF-001. The module's
 * `bugs` table says what each variant gets wrong and which Binance rule it breaks (Binance
 * publishes no engine code and no issue tracker: none of them mirrors a reported incident).
 *
 * The generated part writes no expected value (properties/profiles/engineSupport.ts). The worked
 * cases at the end are hand-computed from docs/profiles/binance-usdm.md and spec §3, §10.3, not
 * published vectors and not read off either engine.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine, type EngineHandle } from '../../src/adapters/openEngine.ts';
import type { LiquidationResult, Scenario } from '../../src/model/types.ts';
import { profileNamed } from '../../src/profiles/profiles.ts';
import { CWD, Opened } from '../adaptersSupport.ts';
import { describeRefusals, describeVenueEngine } from './engineSupport.ts';
import { referenceResult } from './support.ts';

const COMMAND = 'node examples/js/profileEngine.mjs --profile binance-usdm';

describeVenueEngine('properties/profiles/binance-usdm.engine.test.ts', {
  profile: 'binance-usdm',
  command: COMMAND,
  bugs: [
    // reduced to the bracket floor itself, which is still the upper bracket (§3, §10.3)
    { bug: 'stops-at-floor', violates: 'LIQ-020', shape: 'single' },
    // one IOC order one bracket down, never checking that the account is then margin-compliant
    { bug: 'one-step', violates: 'LIQ-003' },
    // the fee on the whole position's notional, not on the amount liquidated (Binance's FAQ)
    { bug: 'fee-on-position-notional', violates: 'LIQ-006' },
    // MM = N · MMR without the maintenance amount cum: solvent accounts liquidated
    { bug: 'no-maintenance-amount', violates: 'LIQ-001' },
  ],
});

const opened = new Opened();
afterAll(() => opened.closeAll());
const open = async (command = COMMAND): Promise<EngineHandle> => opened.track(await openEngine(command, { timeoutMs: 20_000, ...CWD }));
const profile = profileNamed('binance-usdm')!;

/** 12 BTC long at mark and entry 100,000 (notional 1,200,000: bracket 4, MMR 2.5 %, cum 16,300). */
const btc = (collateral: string): Scenario =>
  ({
    params: profile.params,
    marks: { BTCUSDT: '100000' },
    account: { collateral, positions: [{ market: 'BTCUSDT', size: '12', entryPrice: '100000' }] },
    insuranceFund: '0',
    policy: profile.wire.policy,
  }) as unknown as Scenario;

describeRefusals({
  profile: 'binance-usdm',
  command: COMMAND,
  scenario: btc('13000'),
  // the defaults written out or omitted alike
  alike: [{ closeSize: { kind: 'step-down' } }],
  another: 'dydx-v4',
  changed: [
    ['a full close', 'closeSize', { kind: 'full' }],
    ['the bankruptcy cap', 'penalty', { kind: 'steps', cap: 'bankruptcy' }],
  ],
});

/**
 * Hand-computed (not published vectors; profile params: BTCUSDT lot 0.001, fee 0.3 %, quote unit
 * 10^−8). With 13,000 USDT: Collateral 13,000 < MM = 1,200,000 · 2.5 % − 16,300 = 13,700,
 * liquidated at the 0.3 % rate. One bracket down: r_1 = (⌈1,000,000 / (0.001 · 100,000)⌉ − 1) ·
 * 0.001 = 9.999 BTC (notional 999,900 in bracket 3: MM = 9,999 − 1,300 = 8,699); the IOC order
 * sells 2.001, the fee ⌈0.003 · 200,100⌉ = 600.3 on the amount liquidated, and 13,000 − 600.3 =
 * 12,399.7 ≥ 8,699: margin-compliant, the liquidation stops.
 */
describe('binance-usdm engine: worked cases (hand-computed)', () => {
  const result = async (s: Scenario, command = COMMAND): Promise<LiquidationResult> => {
    const answer = await (await open(command)).run(s);
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    if (command === COMMAND) expect(answer.result).toEqual(referenceResult(s));
    return answer.result;
  };
  const fills = (r: LiquidationResult) => r.fills.map((f) => [f.size, f.price, f.notional, f.penalty, f.insuranceFee]);

  it('steps down from bracket 4 to just below 1,000,000', async () => {
    const r = await result(btc('13000'));
    expect(r.status).toBe('partial');
    expect(fills(r)).toEqual([['2.001', '100000', '200100', '600.3', '600.3']]);
    expect(r.account).toEqual({ collateral: '12399.7', positions: [{ market: 'BTCUSDT', size: '9.999', entryPrice: '100000' }] });
  }, 30_000);

  // 10 BTC is notional 1,000,000 exactly: on the floor, so still in bracket 4 (§3).
  it('--bug stops-at-floor leaves 10 BTC, on the floor of the bracket it was meant to leave', async () => {
    const r = await result(btc('13000'), `${COMMAND} --bug stops-at-floor`);
    expect(fills(r)).toEqual([['2', '100000', '200000', '600', '600']]);
  }, 30_000);

  // The fee on the whole position: ⌈0.003 · 1,200,000⌉ = 3,600 for the same 2.001 sold.
  it('--bug fee-on-position-notional charges 3,600 instead of 600.3', async () => {
    const r = await result(btc('13000'), `${COMMAND} --bug fee-on-position-notional`);
    expect(fills(r)).toEqual([['2.001', '100000', '200100', '3600', '3600']]);
  }, 30_000);

  // With 20,000 USDT the account is solvent (20,000 ≥ 13,700); without cum MM would be 30,000.
  it('--bug no-maintenance-amount liquidates a solvent account the correct engine leaves alone', async () => {
    expect((await result(btc('20000'))).status).toBe('healthy');
    const r = await result(btc('20000'), `${COMMAND} --bug no-maintenance-amount`);
    expect(r.status).not.toBe('healthy');
    expect(r.groups[0]?.before.maintenance).toBe('30000');
  }, 30_000);
});
