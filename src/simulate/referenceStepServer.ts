/**
 * The reference over stdin/stdout (JSON Lines, docs/protocol.md): `node --import tsx
 * src/simulate/referenceStepServer.ts [POLICY]`. It answers `hello`, `params`, `liquidate` and,
 * protocol 1.2, `step`, so the reference can stand where an exchange's engine stands — `liqcheck
 * simulate --engine CMD` against it must give the in-process run (docs/simulation.md S14).
 * POLICY is the policy name its handshake declares (default `minimal-close`; a profile's name for
 * a simulation under that profile): it runs the policy each request carries either way.
 */
import { createInterface } from 'node:readline';
import { referenceStepDispatcher } from './referenceStepDispatcher.ts';

const policy = process.argv[2];
const answer = referenceStepDispatcher(policy === undefined ? {} : { policy });
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.trim() === '') continue;
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ type: 'error', id: null, error: { code: 'bad-request', message: `not JSON: ${(e as Error).message}` } })}\n`);
    continue;
  }
  const reply = answer(message);
  if (reply !== null) process.stdout.write(`${JSON.stringify(reply)}\n`);
}
