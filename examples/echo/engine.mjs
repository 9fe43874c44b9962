#!/usr/bin/env node
/**
 * A trivial engine for measuring the gate's own overhead: it speaks protocol 1.0 but computes
 * nothing — every scenario is answered "healthy", with the account unchanged and zeros. Its
 * answers are wrong whenever a scenario is liquidatable; use it for benchmarks only.
 *
 *     node examples/echo/engine.mjs
 */
import { serveLines } from '../js/engine.mjs';

const HELLO = { type: 'hello_ok', name: 'liqcheck-echo', version: '1.0.0', protocol: '1.0', policy: 'echo', features: ['cross', 'cross-multi', 'isolated', 'multi-group', 'tiers', 'price-impact', 'dust', 'penalty-steps', 'inclusive-trigger'] };
const FLAT = { equity: '0', maintenance: '0', target: '0', marginRatio: null };

function echo(scenario) {
  return {
    status: 'healthy',
    fills: [],
    account: scenario.account,
    insuranceFund: scenario.insuranceFund,
    insurancePayout: '0',
    badDebt: '0',
    socializedLoss: '0',
    groups: [{ group: 'cross', status: 'healthy', before: FLAT, after: FLAT }],
  };
}

serveLines((m) => (m.type === 'hello' ? HELLO : { type: 'result', id: m.id, result: echo(m.scenario) }));
