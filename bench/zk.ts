/**
 * Zero-knowledge benchmark (not a test): the circom liquidation circuit of examples/zk/ —
 * constraint count, a cold compilation, the witness computation per case (an accepted and a
 * rejected claim), Groth16 proof time, verification time and proof size, each the median over
 * CASES cases drawn as `liqcheck check --params fixtures/circuit/params.json` draws them (the
 * cases with a position, every status). Writes reports/bench-zk.json atomically.
 *
 * Run: `npm run bench:zk`. Budget: about a minute (one cold compilation, CASES proofs). The keys
 * are the committed test-only ones (examples/zk/artifacts/, NOT a trusted setup).
 */
import { machine } from './machine.ts';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import * as snarkjs from 'snarkjs';
import { scenario } from '../src/arbitraries/scenario.ts';
import { alternatives } from '../src/circuit/alternatives.ts';
import { circuitForm, type CircuitForm } from '../src/circuit/circuitForm.ts';
import { honestWitness, inputsOf } from '../src/circuit/witness.ts';
import { writeFileAtomic } from '../src/io/writeFileAtomic.ts';
import type { RiskParams } from '../src/model/types.ts';
import { compileCircuit } from '../examples/zk/compile.ts';
import { proofSize, prove, releaseProver, verify, ZKEY_PATH } from '../examples/zk/prove.ts';
import { ZK_VARIANTS } from '../examples/zk/variants.ts';
import { loadCircuit } from '../examples/zk/witness.ts';

const SEED = 20261202;
/** cases proved and verified (the medians' sample) */
const CASES = 11;
/** cases whose witness computation is timed (cheap: more of them) */
const WITNESS_CASES = 200;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

async function main(): Promise<void> {
  const started = Date.now();
  const machineFacts = machine();
  const { cpu, loadAverageAtStart: load } = machineFacts;
  console.log(`liqcheck zk bench — Node ${process.version}, ${cpu} (${os.cpus().length} logical CPUs)`);
  if (load > os.cpus().length - 1) console.log(`warning: the machine is busy (load ${load.toFixed(2)} on ${os.cpus().length} CPUs): figures will be high and noisy`);

  // A cold compilation into an empty cache (the shared cache is left as it is).
  const tmp = mkdtempSync(join(os.tmpdir(), 'liqcheck-zk-bench-'));
  let compileMs: number;
  try {
    compileMs = (await compileCircuit(ZK_VARIANTS.none.file, { cacheDir: tmp })).compileMs;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const circuit = await loadCircuit('none');
  const info = await snarkjs.r1cs.info(circuit.compiled.r1cs);
  console.log(`circuit: ${info.nConstraints} constraints, ${info.nPubInputs} public inputs, ${info.nOutputs} output, ${info.nPrvInputs} private inputs; cold compile ${(compileMs / 1000).toFixed(1)} s`);

  const params = JSON.parse(readFileSync('fixtures/circuit/params.json', 'utf8')) as RiskParams;
  const forms: CircuitForm[] = fc
    .sample(scenario({ params: fc.constant(params) }), { numRuns: 4 * WITNESS_CASES, seed: SEED })
    .flatMap((s) => {
      const f = circuitForm(s);
      return f.ok && f.form.position !== null ? [f.form] : [];
    })
    .slice(0, WITNESS_CASES);

  // Witness computation: the acceptance check of the honest claim (a full witness) and of the
  // first dishonest claim (rejected), as the circuit engine runs them.
  const accepted: number[] = [];
  const rejected: number[] = [];
  for (const form of forms) {
    const honest = inputsOf(form, honestWitness(form));
    let t = performance.now();
    if (!circuit.check(honest).ok) throw new Error('the circuit rejects an honest claim');
    accepted.push(performance.now() - t);
    const alt = alternatives(form)[0];
    if (alt !== undefined) {
      const inputs = inputsOf(form, alt.witness);
      t = performance.now();
      if (circuit.check(inputs).ok) throw new Error(`the circuit accepts a dishonest claim (${alt.kind})`);
      rejected.push(performance.now() - t);
    }
  }
  console.log(`witness: accepted claim ${median(accepted).toFixed(2)} ms, rejected claim ${median(rejected).toFixed(3)} ms (medians of ${accepted.length} and ${rejected.length})`);

  const proveMs: number[] = [];
  const verifyMs: number[] = [];
  const witnessFileMs: number[] = [];
  const jsonBytes: number[] = [];
  let rawBytes = 0;
  const statuses: Record<string, number> = {};
  try {
    // Round robin over the statuses (healthy, partial, full, bankrupt), so every kind of claim is proved.
    const byStatus = new Map<number, CircuitForm[]>();
    for (const f of forms) {
      const st = honestWitness(f).claim.status;
      byStatus.set(st, [...(byStatus.get(st) ?? []), f]);
    }
    const proved: CircuitForm[] = [];
    for (let i = 0; proved.length < CASES && i < forms.length; i++) {
      for (const list of byStatus.values()) if (proved.length < CASES && list[i] !== undefined) proved.push(list[i]!);
    }
    for (const form of proved) {
      const w = honestWitness(form);
      statuses[w.claim.status] = (statuses[w.claim.status] ?? 0) + 1;
      const inputs = inputsOf(form, w, 123456789n);
      let t = performance.now();
      await circuit.witnessFile(inputs);
      witnessFileMs.push(performance.now() - t);
      t = performance.now();
      const p = await prove(inputs);
      proveMs.push(performance.now() - t);
      t = performance.now();
      if (!(await verify(p))) throw new Error('a proof does not verify');
      verifyMs.push(performance.now() - t);
      const size = proofSize(p);
      jsonBytes.push(size.jsonBytes);
      rawBytes = size.rawBytes;
    }
  } finally {
    await releaseProver();
  }
  const figures = {
    constraints: info.nConstraints,
    publicInputs: info.nPubInputs,
    publicOutputs: info.nOutputs,
    privateInputs: info.nPrvInputs,
    compileSeconds: round(compileMs / 1000, 1),
    witnessAcceptMs: round(median(accepted)),
    witnessRejectMs: round(median(rejected), 3),
    witnessFileMs: round(median(witnessFileMs)),
    proveMs: round(median(proveMs), 0),
    verifyMs: round(median(verifyMs), 1),
    proofJsonBytes: median(jsonBytes),
    proofRawBytes: rawBytes,
    zkeyBytes: statSync(ZKEY_PATH).size,
  };
  console.log(`prove ${figures.proveMs} ms, verify ${figures.verifyMs} ms, proof ${figures.proofJsonBytes} B JSON / ${figures.proofRawBytes} B raw (medians of ${proveMs.length}; statuses ${JSON.stringify(statuses)}); zkey ${(figures.zkeyBytes / 1e6).toFixed(1)} MB`);

  writeFileAtomic(
    'reports/bench-zk.json',
    JSON.stringify(
      {
        ...machineFacts,
        method: { seed: SEED, provedCases: CASES, witnessCases: accepted.length, statistic: 'median', statuses, prover: 'snarkjs groth16 (bn128), committed test-only zkey' },
        goal: null,
        figures,
        elapsedSeconds: (Date.now() - started) / 1000,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nwrote reports/bench-zk.json (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

await main();
