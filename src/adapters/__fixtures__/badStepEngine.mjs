/**
 * A step engine (protocol 1.2) that answers each `step` request wrongly in the way its `round`
 * selects, for the protocol step engine's tests of malformed replies. Its features come from
 * argv[2] (comma-separated; default "cross,isolated").
 */
import { createInterface } from 'node:readline';

const features = (process.argv[2] ?? 'cross,isolated').split(',').filter(Boolean);
const write = (msg) => void process.stdout.write(`${JSON.stringify(msg)}\n`);

/** A well-formed healthy result for an account (the shape of spec §8). */
const healthy = (a) => ({
  status: 'healthy',
  fills: [],
  account: { collateral: a.collateral, positions: a.size === '0' ? [] : [{ market: 'BTC-PERP', size: a.size, entryPrice: a.entry }] },
  insuranceFund: '1000',
  insurancePayout: '0',
  badDebt: '0',
  socializedLoss: '0',
  groups: [],
});

const WRONG = {
  // 1: a result without insuranceFund
  1: (m, ls) => ({ type: 'step_result', id: m.id, liquidations: ls.map((l) => ({ ...l, result: (({ insuranceFund: _, ...r }) => r)(l.result) })) }),
  // 2: an ADL spread as a number
  2: (m, ls) => ({ type: 'step_result', id: m.id, liquidations: ls.map((l) => ({ ...l, adl: { side: 'long', bankruptcyPrice: '1', spread: 5, owed: '1', reductions: [], toFund: '0', unpaid: '1' } })) }),
  // 3: the liquidations in reverse order
  3: (m, ls) => ({ type: 'step_result', id: m.id, liquidations: [...ls].reverse() }),
  // 4: one liquidation too few
  4: (m, ls) => ({ type: 'step_result', id: m.id, liquidations: ls.slice(1) }),
  // 5: a liquidate reply
  5: (m, ls) => ({ type: 'result', id: m.id, result: ls[0].result }),
  // 6: an invalid-input error
  6: (m) => ({ type: 'error', id: m.id, error: { code: 'invalid-input', issues: [{ path: 'accounts[0].size', expected: 'a multiple of the lot', received: '"1.005"' }] } }),
  // 7: a well-formed reply (every request declined)
  7: (m, ls) => ({ type: 'step_result', id: m.id, liquidations: ls }),
  // 8: no reply at all (the deadline)
  8: () => null,
  // 9: the process dies
  9: () => process.exit(1),
};

for await (const line of createInterface({ input: process.stdin })) {
  const m = JSON.parse(line);
  if (m.type === 'hello') write({ type: 'hello_ok', name: 'bad-step', version: '1.0.0', protocol: '1.2', policy: 'minimal-close', features: [...features, 'params-ref', 'step'] });
  else if (m.type === 'step') {
    const byId = new Map(m.accounts.map((a) => [a.id, a]));
    const ls = m.requests.map((r) => ({ account: r.account, result: healthy(byId.get(r.account)) }));
    const reply = WRONG[m.round](m, ls);
    if (reply !== null) write(reply);
  }
}
