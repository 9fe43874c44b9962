/**
 * A quick in-process measurement of certificates on the default run's scenarios: certify and
 * verify time per case, and certificate size (spec §14). Not a timed test: `npm run bench:certificate --
 * [cases] [seed]` prints the figures the README quotes.
 */
import fc from 'fast-check';
import { defaultRunScenarios } from '../src/arbitraries/defaultRun.ts';
import { liquidate } from '../src/model/liquidate.ts';
import { certify } from '../src/certificate/certify.ts';
import { verifyCertificate } from '../src/certificate/verifyCertificate.ts';

const cases = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 20261202);
const pairs: { sc: unknown; result: unknown }[] = [];
for (const sc of fc.sample(defaultRunScenarios(), { numRuns: cases, seed })) {
  const o = liquidate(sc);
  if (o.ok) pairs.push({ sc, result: o.result });
}
// Warm up the JIT once over the set, then time a second pass of each step.
for (const p of pairs) certify(p.sc, p.result);
let t = process.hrtime.bigint();
const certs = pairs.map((p) => certify(p.sc, p.result));
const certifyNs = process.hrtime.bigint() - t;
t = process.hrtime.bigint();
let rejected = 0;
for (const [i, p] of pairs.entries()) {
  const c = certs[i]!;
  if (c.kind !== 'certificate' || !verifyCertificate(p.sc, p.result, c.certificate).ok) rejected++;
}
const verifyNs = process.hrtime.bigint() - t;
const sizes = certs.map((c) => (c.kind === 'certificate' ? Buffer.byteLength(JSON.stringify(c.certificate)) : 0)).sort((a, b) => a - b);
const us = (ns: bigint): string => (Number(ns) / 1000 / pairs.length).toFixed(1);
console.log(`${pairs.length} cases (seed ${seed}): certify ${us(certifyNs)} µs/case, verify ${us(verifyNs)} µs/case (scenario and result validation included), rejected ${rejected}`);
console.log(`certificate size (compact JSON): median ${sizes[sizes.length >> 1]} B, max ${sizes[sizes.length - 1]} B`);
