/**
 * The lending reference as a JSON Lines subprocess engine (docs/protocol.md#lending-scenarios-feature-lending):
 * hello → hello_ok naming the feature `lending` and the profile given as the first argument
 * (default aave-v3), then one result per liquidate line. properties/lendingGate.test.ts runs it
 * through the subprocess adapter, the path a Python or Rust lending engine takes.
 */
import { createInterface } from 'node:readline';
import { liquidateLending } from '../liquidateLending.ts';
import type { LendingScenario } from '../../wire/lending.ts';

const policy = process.argv[2] ?? 'aave-v3';
const write = (msg: unknown): void => void process.stdout.write(`${JSON.stringify(msg)}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  const msg = JSON.parse(line) as { type: string; id?: number; scenario?: LendingScenario };
  if (msg.type === 'hello') write({ type: 'hello_ok', name: 'lending-subprocess', version: '1.0.0', protocol: '1.0', policy, features: ['lending'] });
  else if (msg.type === 'liquidate') {
    const out = liquidateLending(msg.scenario!);
    write(out.ok ? { type: 'result', id: msg.id, result: out.result } : { type: 'error', id: msg.id, error: out.error });
  }
}
