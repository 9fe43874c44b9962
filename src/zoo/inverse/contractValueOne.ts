/**
 * Inverse zoo engine "contract value one": every inverse contract is valued as if it were worth
 * 1 USD (BitMEX XBTUSD's and Bybit BTCUSD's value), whatever `contract.value` says.
 *
 * Bug class: a constant of the one venue the code was written for, kept when it is reused for
 * another (Binance COIN-M BTCUSD is 100 USD a contract). On every scenario whose contracts are
 * worth 1 the engine is the reference; only a relation that moves the value catches it.
 *
 * Violates LIQ-030 (price scaling): with prices and `v` ×10 its coin amounts shrink tenfold.
 */
import { Dec } from '../../model/decimal.ts';
import { liquidateOnFixed } from '../../model/liquidate.ts';
import { parseScenario } from '../../model/parseScenario.ts';
import type { Engine, MarketParams } from '../../model/types.ts';

const ONE = new Dec(1);

export const contractValueOne: Engine = (wire) => {
  const p = parseScenario(wire);
  if (!p.ok) return { ok: false, error: { code: 'invalid-input', issues: p.issues } };
  const markets = new Map<string, MarketParams>();
  for (const [id, m] of p.value.params.markets) markets.set(id, m.contract?.kind === 'inverse' ? { ...m, contract: { kind: 'inverse', value: ONE } } : m);
  return liquidateOnFixed({ ...p.value, params: { ...p.value.params, markets } });
};
