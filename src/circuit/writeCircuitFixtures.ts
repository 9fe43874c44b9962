/**
 * Generates fixtures/circuit/cases/: scenarios of the circuit-friendly profile drawn as the gate
 * draws them under fixtures/circuit/params.json (both triggers), chosen to cover every flag of
 * src/wire/circuitCase.ts, each with the circuit inputs of its honest claim and the reference's
 * result; plus a manifest with the sha256 of every file.
 *
 *   npx tsx src/circuit/writeCircuitFixtures.ts
 *
 * @remarks Deterministic (fixed seeds, canonical JSON), so a test regenerates the directory in
 * memory and compares it byte for byte; written as one step (a fresh sibling directory swapped in,
 * src/io/swapDirectory.ts), so a reader never sees half of it.
 * @see docs/spec.md#15-circuit-friendly-profile
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { scenario } from '../arbitraries/scenario.ts';
import { canonicalFile, sha256 } from '../fixtures/canonicalJson.ts';
import { swapDirectory } from '../io/swapDirectory.ts';
import { liquidate } from '../model/liquidate.ts';
import type { RiskParams, Scenario } from '../model/types.ts';
import { CIRCUIT_FLAGS, type CircuitCase, type CircuitFlag, type CircuitManifest } from '../wire/circuitCase.ts';
import { circuitForm, type CircuitForm } from './circuitForm.ts';
import { honestWitness, inputsOf, Valuation } from './witness.ts';

export const PARAMS_FILE = 'fixtures/circuit/params.json';
export const CASES_DIR = 'fixtures/circuit/cases';
export const MANIFEST_FILE = 'manifest.json';
export const COMMAND = 'npx tsx src/circuit/writeCircuitFixtures.ts';

const SEED = 20261202;
const DRAWS = 1500;
/** cases per flag and trigger, at least when drawn (a case may carry several flags) */
const PER_FLAG = 6;

/** The flags of one scenario of the profile (its form has a position). */
export function flagsOf(form: CircuitForm): CircuitFlag[] {
  const v = new Valuation(form);
  const w = honestWitness(form);
  const { status, closeLots: j } = w.claim;
  const floors = form.tiers.slice(1).map((t) => t.floor);
  const j0 = v.firstLot();
  const dustAt = (k: bigint): boolean => k <= v.n - 1n && v.rem(k) < form.dust;
  const flags: [CircuitFlag, boolean][] = [
    ['strict', form.strict],
    ['inclusive', !form.strict],
    ['boundary', v.equity * 10n ** 8n === v.mm0],
    ['tier-floor', floors.includes(v.rem(0n)) || (status === 1 && floors.includes(v.rem(j)))],
    ['tiers-crossed', status === 1 && v.tier(v.rem(0n)) !== v.tier(v.rem(j))],
    ['rounding-step', status === 1 && j0 !== null && j === j0 + 1n],
    ['healthy', status === 0],
    ['partial', status === 1],
    ['full', status === 2],
    ['bankrupt', status === 3],
    ['dust', status >= 2 && j0 !== null && (dustAt(j0) || dustAt(j0 + 1n))],
    ['isolated', form.position!.isolated],
    ['capped', w.hints.capped === 1n],
    ['payout-capped', w.hints.payCapped === 1n],
  ];
  return flags.filter(([, on]) => on).map(([f]) => f);
}

/** The case of a scenario of the profile: its honest circuit inputs and the reference result. */
export function caseOf(id: string, s: Scenario): CircuitCase {
  const read = circuitForm(s);
  if (!read.ok || read.form.position === null) throw new Error(`${id}: not a scenario of the profile with a position`);
  const ref = liquidate(s);
  if (!ref.ok) throw new Error(`${id}: the reference refused it`);
  // A salt per case, so the commitments differ; derived from the id alone (deterministic).
  const salt = BigInt(`0x${createHash('sha256').update(id).digest('hex').slice(0, 60)}`);
  return { format: '1.0.0', id, flags: flagsOf(read.form), scenario: s, inputs: inputsOf(read.form, honestWitness(read.form), salt), expected: ref.result };
}

/** The hand-computed case of properties/circuitWitness.test.ts, under either trigger. */
function handScenario(params: RiskParams, trigger: 'strict' | 'inclusive'): Scenario {
  return {
    params: { ...params, trigger },
    marks: { 'BTC-PERP': '10000' },
    account: { collateral: '180', positions: [{ market: 'BTC-PERP', size: '1', entryPrice: '10000' }] },
    insuranceFund: '0',
  };
}

/** Every file of the directory (case files and the manifest), by name, from the params file's text. */
export function circuitFixtures(paramsText: string): ReadonlyMap<string, string> {
  const params = JSON.parse(paramsText) as RiskParams;
  const pool: Scenario[] = [handScenario(params, 'inclusive'), handScenario(params, 'strict')];
  for (const [trigger, seed] of [['inclusive', SEED], ['strict', SEED + 1]] as const) {
    pool.push(...fc.sample(scenario({ params: fc.constant({ ...params, trigger }) }), { numRuns: DRAWS, seed }));
  }
  const withFlags = pool.flatMap((s) => {
    const f = circuitForm(s);
    return f.ok && f.form.position !== null ? [{ s, flags: flagsOf(f.form) }] : [];
  });
  const chosen = new Set<number>([0, 1]);
  const both = (i: number, trigger: CircuitFlag, flag: CircuitFlag): boolean => withFlags[i]!.flags.includes(trigger) && withFlags[i]!.flags.includes(flag);
  for (const trigger of ['inclusive', 'strict'] as const) for (const flag of Object.keys(CIRCUIT_FLAGS) as CircuitFlag[]) {
    let taken = [...chosen].filter((i) => both(i, trigger, flag)).length;
    for (let i = 0; i < withFlags.length && taken < PER_FLAG; i++) {
      if (!chosen.has(i) && both(i, trigger, flag)) {
        chosen.add(i);
        taken++;
      }
    }
  }
  const files = new Map<string, string>();
  const counts: Record<string, number> = {};
  let k = 0;
  for (const i of [...chosen].sort((a, b) => a - b)) {
    const { s, flags } = withFlags[i]!;
    k++;
    const id = `cf-${String(k).padStart(3, '0')}-${flags.find((f) => f !== 'strict' && f !== 'inclusive')}`;
    const c = caseOf(id, s);
    for (const f of c.flags) counts[f] = (counts[f] ?? 0) + 1;
    files.set(`${id}.json`, canonicalFile(c));
  }
  const manifest: CircuitManifest = {
    format: '1.0.0',
    command: COMMAND,
    params: sha256(paramsText),
    count: files.size,
    flags: counts,
    notes: Object.fromEntries(Object.keys(counts).map((f) => [f, CIRCUIT_FLAGS[f as CircuitFlag]])),
    files: Object.fromEntries([...files].map(([name, text]) => [name, sha256(text)])),
  };
  files.set(MANIFEST_FILE, canonicalFile(manifest));
  return files;
}

/** Writes the directory as one step (swapped in), replacing the previous one. */
export function writeCircuitFixtures(dir: string, files: ReadonlyMap<string, string>): void {
  swapDirectory(
    dir,
    (fresh) => {
      for (const [name, text] of files) writeFileSync(join(fresh, name), text);
    },
    (backup) => {
      rmSync(backup, { recursive: true, force: true });
      return null;
    },
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = circuitFixtures(readFileSync(PARAMS_FILE, 'utf8'));
  writeCircuitFixtures(CASES_DIR, files);
  console.log(`wrote ${files.size - 1} cases and ${MANIFEST_FILE} to ${CASES_DIR}`);
}
