/**
 * `npm run zk:setup`: the deterministic, TEST-ONLY Groth16 setup of the liquidation circuit.
 *
 * Both phases use a public beacon instead of secret contributions: the powers of tau are a fresh
 * accumulator with one beacon contribution, the circuit key one beacon contribution on top. Anyone
 * can recompute every byte, which is the point here (reproducible committed artifacts, no secret to
 * keep) and exactly why this is NOT a trusted setup: whoever knows the beacon knows the toxic waste
 * and can prove false statements. A deployment needs a real multi-party ceremony.
 *
 * Writes examples/zk/artifacts/{liquidation.zkey, verification_key.json, manifest.json}; the
 * manifest records the sha256 of the r1cs the key was made from, so a test can tell a stale key
 * (circuit edited, setup not re-run) by compiling the circuit and comparing one hash.
 *
 * The prepared powers of tau (≈ 12 MB, minutes to make) are not committed: they are taken from
 * `LIQCHECK_ZK_PTAU` or the cache (node_modules/.cache/liqcheck-zk/), else made there, with the same
 * beacon, so the result is the same file wherever it was made (the manifest records its hash).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as snarkjs from 'snarkjs';
import { CACHE_DIR, compileCircuit, ROOT } from './compile.ts';
import { ARTIFACTS_DIR, MANIFEST_PATH, VKEY_PATH, ZKEY_PATH } from './prove.ts';
import { ZK_VARIANTS } from './variants.ts';

/** Both beacons: public, fixed, and therefore no secret at all (see above). */
const PTAU_BEACON = { name: 'liqcheck test beacon (not a ceremony)', hash: '0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', iterationsExp: 10 } as const;
const ZKEY_BEACON = { name: 'liqcheck zkey test beacon (not a ceremony)', hash: '202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f', iterationsExp: 10 } as const;

/** The manifest committed next to the keys (see the module comment). */
export interface ZkManifest {
  readonly note: string;
  readonly circuit: string;
  readonly constraints: number;
  readonly publicInputs: number;
  readonly publicOutputs: number;
  readonly privateInputs: number;
  /** the power of tau the key was made with (2^power ≥ constraints + public signals + 1) */
  readonly power: number;
  readonly r1csSha256: string;
  readonly zkeySha256: string;
  readonly verificationKeySha256: string;
  readonly ptauSha256: string;
  readonly ptauBeacon: typeof PTAU_BEACON;
  readonly zkeyBeacon: typeof ZKEY_BEACON;
  readonly tools: Readonly<Record<string, string>>;
  readonly sources: readonly { readonly path: string; readonly sha256: string }[];
}

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

function writeAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** The smallest power snarkjs accepts for a circuit (its own rule in zkey_new.js). */
export function powerFor(info: { readonly nConstraints: number; readonly nPubInputs: number; readonly nOutputs: number }): number {
  return Math.floor(Math.log2(info.nConstraints + info.nPubInputs + info.nOutputs)) + 1;
}

async function preparedPtau(power: number, log: (m: string) => void): Promise<string> {
  const fromEnv = process.env['LIQCHECK_ZK_PTAU'];
  if (fromEnv) return fromEnv;
  const path = join(CACHE_DIR, `pot${power}_final.ptau`);
  if (existsSync(path)) return path;
  mkdirSync(CACHE_DIR, { recursive: true });
  log(`making the powers of tau of power ${power} (minutes; cached in ${relative(ROOT, path)})`);
  const curve = await snarkjs.curves.getCurveFromName('bn128');
  const p0 = { type: 'mem' } as const;
  const p1 = { type: 'mem' } as const;
  const p2 = { type: 'mem' } as snarkjs.MemFile;
  await snarkjs.powersOfTau.newAccumulator(curve, power, p0);
  await snarkjs.powersOfTau.beacon(p0, p1, PTAU_BEACON.name, PTAU_BEACON.hash, PTAU_BEACON.iterationsExp);
  await snarkjs.powersOfTau.preparePhase2(p1, p2);
  writeAtomic(path, p2.data!);
  return path;
}

function toolVersions(): Record<string, string> {
  const v = (pkg: string): string => (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  return { circom2: v('circom2'), snarkjs: v('snarkjs'), circomlib: v('circomlib') };
}

/** Runs the setup and writes the artifacts; returns the manifest. */
export async function setup(log: (m: string) => void = (m) => process.stderr.write(`${m}\n`)): Promise<ZkManifest> {
  const compiled = await compileCircuit(ZK_VARIANTS.none.file);
  const info = await snarkjs.r1cs.info(compiled.r1cs);
  const power = Math.max(powerFor(info), 14);
  log(`${info.nConstraints} constraints, ${info.nPubInputs} public inputs, ${info.nOutputs} outputs: power ${power}`);
  const ptau = await preparedPtau(power, log);
  const z0 = { type: 'mem' } as const;
  const z1 = { type: 'mem' } as snarkjs.MemFile;
  await snarkjs.zKey.newZKey(compiled.r1cs, ptau, z0);
  await snarkjs.zKey.beacon(z0, z1, ZKEY_BEACON.name, ZKEY_BEACON.hash, ZKEY_BEACON.iterationsExp);
  const zkey = z1.data!;
  const vk = await snarkjs.zKey.exportVerificationKey(z1);
  const vkJson = `${JSON.stringify(vk, null, 1)}\n`;
  const manifest: ZkManifest = {
    note: 'TEST-ONLY deterministic setup (public beacons, no secret contribution): NOT a trusted ceremony. Regenerate with `npm run zk:setup`.',
    circuit: relative(ROOT, join(ROOT, 'examples', 'zk', 'circuits', `${compiled.name}.circom`)),
    constraints: info.nConstraints,
    publicInputs: info.nPubInputs,
    publicOutputs: info.nOutputs,
    privateInputs: info.nPrvInputs,
    power,
    r1csSha256: sha256(readFileSync(compiled.r1cs)),
    zkeySha256: sha256(zkey),
    verificationKeySha256: sha256(vkJson),
    ptauSha256: sha256(readFileSync(ptau)),
    ptauBeacon: PTAU_BEACON,
    zkeyBeacon: ZKEY_BEACON,
    tools: toolVersions(),
    sources: compiled.sources,
  };
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  writeAtomic(ZKEY_PATH, zkey);
  writeAtomic(VKEY_PATH, vkJson);
  writeAtomic(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`);
  const curve = (globalThis as { curve_bn128?: { terminate(): Promise<void> } | null }).curve_bn128;
  if (curve) await curve.terminate();
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('examples/zk/setup.ts')) {
  const started = performance.now();
  const m = await setup();
  process.stderr.write(`wrote ${relative(ROOT, ZKEY_PATH)} (${m.zkeySha256.slice(0, 12)}…), ${relative(ROOT, VKEY_PATH)}, ${relative(ROOT, MANIFEST_PATH)} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
