import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/__support__/runCli.ts';
import { IncentiveReport } from '../../wire/cascadeSweepReport.ts';
import { validator } from '../../wire/validate.ts';

const dir = mkdtempSync(join(tmpdir(), 'liqcheck-stress-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(value));
  return p;
};

describe('liqcheck sweep --incentive', () => {
  // The two accounts of incentiveProperty.test.ts, whose rewards at their liquidation prices are
  // computed there by hand: 39.878327 (notional 99,447.2) and 0.596385 (notional 993.975).
  const accounts = file('accounts.json', [
    { id: 'a000001', side: 'long', size: '1', entry: '100000', collateral: '1000', mode: 'cross' },
    { id: 'a000002', side: 'long', size: '0.01', entry: '100000', collateral: '10', mode: 'cross' },
  ]);
  const config = file('config.json', { market: 'BTC-PERP', startPrice: '100000', steps: 2 });

  it('fails with the smallest unprofitable account at or above N*, exit 1, and writes the JSON', async () => {
    const json = join(dir, 'incentive.json');
    const r = await runCli(['sweep', '--incentive', '--accounts', accounts, '--config', config, '--cost', '1', '--min-notional', '500', '--json', json]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('FAILS: every liquidatable account of notional ≥ 500 is profitable to liquidate at cost 1');
    expect(r.out).toContain('smallest unprofitable account at or above N*: a000002 (long, notional 993.975 at its liquidation price 99397.5, reward 0.596385, partial)');
    const written = JSON.parse(readFileSync(json, 'utf8'));
    expect(validator(IncentiveReport)(written).ok).toBe(true);
    expect(written.smallestProfitable.id).toBe('a000001');
  });

  it('holds when N* is above the unprofitable account, exit 0', async () => {
    const r = await runCli(['sweep', '--incentive', '--accounts', accounts, '--config', config, '--cost', '1', '--min-notional', '1000']);
    expect([r.code, r.out.includes('HOLDS')]).toEqual([0, true]);
  });
});

describe('liqcheck sweep --cascade usage errors (exit 2, naming the option)', () => {
  const out = join(dir, 'out');
  it.each([
    [['--x', 'shock=-0.1:-1.5:3'], '--x shock: TO -1.5 is outside the domain (−1, 1), not 0'],
    [['--x', 'depth=1:2:2', '--y', 'depth=1:2:2'], '--y depth: the same knob as --x'],
    [['--x', 'shock=-0.1:-0.2:2', '--shock=-0.3'], '--shock: shock is an axis of this sweep'],
    [['--x', 'shock=-0.1:-0.2:2', '--shard', '4/3'], '--shard: index 4 exceeds the count 3'],
    [['--x', 'shock=-0.1:-0.2:2', '--resolution', '0'], '--resolution: expected a fraction in (0, 1)'],
    [['--x', 'shock=-0.1:-0.2:2', '--params', 'fixtures/params/default.json', '--profile', 'binance-usdm'], '--profile and --params: choose one'],
    [['--x', 'lambda=1:2:2', '--config', '__CONFIG__'], 'configuration: liquidity.kind'],
  ])('%j', async (args, message) => {
    const bad = file('bad-config.json', { liquidity: { kind: 'cubic' } });
    const r = await runCli(['sweep', '--cascade', ...args.map((a) => (a === '__CONFIG__' ? bad : a)), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('refuses cascade options in a parameter sweep', async () => {
    const r = await runCli(['sweep', '--x', 'penaltyRate=0:0.01:2', '--profile', 'binance-usdm', '--out', out]);
    expect([r.code, r.err]).toEqual([2, 'liqcheck: --profile: only with --cascade or --incentive\n']);
  });
});
