/**
 * Compiles a circom circuit of examples/zk/circuits/ with the circom2 WebAssembly compiler into a
 * content-addressed cache, so a test, the engine and the benchmark compile each variant once per
 * source change, not once per run.
 *
 * The cache key is the sha256 of the compiler version, the flags and every source file the circuit
 * includes (found by following its `include` lines), so editing the template or upgrading circomlib
 * yields a new directory and a stale artifact is never reused. A compilation writes into a private
 * temporary directory that is renamed into place only when complete: two processes compiling at
 * once both succeed and one of the identical results wins.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (examples/zk/ is two levels below it). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the circuits live: one file per variant, each with its `component main`. */
export const CIRCUITS_DIR = join(ROOT, 'examples', 'zk', 'circuits');
/** Where compiled circuits are cached (outside the repository's tracked files). */
export const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'liqcheck-zk');
const LIBRARY_DIRS = [join(ROOT, 'node_modules')];
const CIRCOM_CLI = join(ROOT, 'node_modules', 'circom2', 'cli.js');
/** --O2: full linear simplification, the fewest constraints (what the setup and the prover pay for). */
const FLAGS = ['--r1cs', '--wasm', '--sym', '--O2'] as const;

/** A compiled circuit: the paths of its constraint system and witness generator. */
export interface CompiledCircuit {
  /** the variant's file name without `.circom` */
  readonly name: string;
  /** sha256 over compiler, flags and sources: the cache directory's name */
  readonly key: string;
  readonly r1cs: string;
  readonly wasm: string;
  readonly sym: string;
  /** the generated witness_calculator.js (CommonJS) next to the wasm */
  readonly witnessCalculator: string;
  /** every source file compiled in, repository-relative, sorted (for the manifest) */
  readonly sources: readonly { readonly path: string; readonly sha256: string }[];
  /** wall time of the compilation in ms, 0 when it came from the cache */
  readonly compileMs: number;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Resolves an include the way circom does: relative to the including file, then each library directory. */
function resolveInclude(from: string, spec: string): string {
  for (const base of [dirname(from), ...LIBRARY_DIRS]) {
    const p = resolve(base, spec);
    if (existsSync(p)) return p;
  }
  throw new Error(`${relative(ROOT, from)}: include "${spec}" not found`);
}

/** Every file the circuit reads, the entry first, each once. */
function sourceClosure(entry: string): string[] {
  const seen = new Set<string>();
  const order: string[] = [];
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    order.push(file);
    // Comments may mention include lines; strip them before scanning.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    for (const m of text.matchAll(/include\s+"([^"]+)"/g)) visit(resolveInclude(file, m[1]!));
  };
  visit(entry);
  return order;
}

function compilerVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'circom2', 'package.json'), 'utf8')) as { version: string };
  return `circom2@${pkg.version}+${sha256(readFileSync(join(ROOT, 'node_modules', 'circom2', 'circom.wasm')))}`;
}

function run(args: readonly string[]): Promise<void> {
  return new Promise((res, rej) => {
    // circom2's WASI preopens are relative to the working directory: run from the root with relative paths.
    execFile(process.execPath, [CIRCOM_CLI, ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) rej(new Error(`circom2 ${args.join(' ')} failed:\n${stderr}${stdout}`));
      else res();
    });
  });
}

/** The cache key and sources of a variant, without compiling it (for the stale-artifact check). */
export function circuitSources(name: string): { readonly key: string; readonly sources: CompiledCircuit['sources'] } {
  const entry = join(CIRCUITS_DIR, `${name}.circom`);
  if (!existsSync(entry)) throw new Error(`no circuit ${relative(ROOT, entry)}`);
  const sources = sourceClosure(entry)
    .map((f) => ({ path: relative(ROOT, f).split('\\').join('/'), sha256: sha256(readFileSync(f)) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const key = sha256(JSON.stringify({ compiler: compilerVersion(), flags: FLAGS, entry: name, sources }));
  return { key, sources };
}

function paths(name: string, dir: string): Pick<CompiledCircuit, 'r1cs' | 'wasm' | 'sym' | 'witnessCalculator'> {
  return {
    r1cs: join(dir, `${name}.r1cs`),
    wasm: join(dir, `${name}_js`, `${name}.wasm`),
    sym: join(dir, `${name}.sym`),
    witnessCalculator: join(dir, `${name}_js`, 'witness_calculator.js'),
  };
}

/**
 * Compiles `examples/zk/circuits/<name>.circom` (or returns the cached compilation). `cacheDir`
 * (default {@link CACHE_DIR}) is where compilations are kept: an empty one forces a compilation.
 *
 * @throws Error with circom's message when the circuit does not compile (a bug in the source, not
 *   a value an engine could answer with).
 */
export async function compileCircuit(name: string, o: { readonly cacheDir?: string } = {}): Promise<CompiledCircuit> {
  const { key, sources } = circuitSources(name);
  const cacheDir = o.cacheDir ?? CACHE_DIR;
  const dir = join(cacheDir, key);
  if (existsSync(join(dir, 'done'))) return { name, key, sources, compileMs: 0, ...paths(name, dir) };
  mkdirSync(cacheDir, { recursive: true });
  const tmp = join(cacheDir, `${key}.tmp-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(tmp, { recursive: true });
  const started = performance.now();
  try {
    await run([relative(ROOT, join(CIRCUITS_DIR, `${name}.circom`)), ...FLAGS, '-o', relative(ROOT, tmp), ...LIBRARY_DIRS.flatMap((l) => ['-l', relative(ROOT, l)])]);
    // The generated witness_calculator.js is CommonJS: say so, whatever the enclosing package's type.
    writeFileSync(join(tmp, `${name}_js`, 'package.json'), '{ "type": "commonjs" }\n');
    writeFileSync(join(tmp, 'done'), `${name}\n`);
    try {
      renameSync(tmp, dir);
    } catch (e) {
      // Another process finished the same key first: its result is identical; keep it.
      if (!existsSync(join(dir, 'done'))) throw e;
      rmSync(tmp, { recursive: true, force: true });
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return { name, key, sources, compileMs: performance.now() - started, ...paths(name, dir) };
}
