/**
 * The circuit as an acceptance oracle: "the circuit accepts these inputs" = circom's generated
 * witness code computes a witness without failing an assertion. That code asserts every `===`
 * (and every `<==`'s equality) as it runs, and fails on an input it cannot place.
 *
 * `check` is synchronous: it runs the generated WebAssembly directly (the calls the generated
 * witness_calculator.js makes: init, one setInputSignal per value — the last one runs the whole
 * computation), so a failed assertion surfaces as an exception in the caller's stack, not as a
 * rejected promise, and the witness is not read back: acceptance is all the engine needs. A
 * witness file for proving or for the r1cs check comes from the generated, asynchronous
 * `calculateWTNSBin`.
 *
 * Why also {@link checkR1cs}: the witness code only checks what the source asserts. A signal
 * assigned with `<--` and never constrained passes it whatever the prover puts there; only the
 * r1cs (what a proof actually enforces) shows it. snarkjs `wtns.check` evaluates every constraint.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as snarkjs from 'snarkjs';
import { compileCircuit, type CompiledCircuit } from './compile.ts';
import { ZK_VARIANTS, type ZkVariant } from './variants.ts';

/** Circuit inputs as circom's JSON reads them: decimal strings (a leading minus is reduced mod p). */
export type ZkInputs = Readonly<Record<string, string | readonly string[]>>;

/** The outcome of one witness computation. */
export type Acceptance = { readonly ok: true } | { readonly ok: false; readonly message: string };

interface WasmExports {
  init(sanityCheck: number): void;
  getInputSignalSize(hMSB: number, hLSB: number): number;
  getInputSize(): number;
  writeSharedRWMemory(i: number, v: number): void;
  setInputSignal(hMSB: number, hLSB: number, i: number): void;
}

/** The part of the generated witness_calculator.js used here. */
interface WitnessCalculator {
  calculateWTNSBin(input: unknown, sanityCheck: number): Promise<Uint8Array>;
}

type Builder = (code: Uint8Array, options?: unknown) => Promise<WitnessCalculator>;

/** 64-bit FNV-1a of a signal name, split as the calculator's wasm looks signals up. */
function fnv(name: string): readonly [number, number] {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < name.length; i++) {
    h ^= BigInt(name.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return [Number(h >> 32n), Number(h & 0xffffffffn)];
}

/** A loaded circuit variant: synchronous acceptance, and witness files for the prover. */
export interface ZkCircuit {
  readonly variant: ZkVariant;
  readonly compiled: CompiledCircuit;
  /** Whether the circuit accepts `inputs`, with the calculator's message when it does not. */
  check(inputs: ZkInputs): Acceptance;
  /** A `.wtns` file's bytes for `inputs` (throws when the circuit rejects them). */
  witnessFile(inputs: ZkInputs): Promise<Uint8Array>;
}

const loaded = new Map<ZkVariant, Promise<ZkCircuit>>();

/** Compiles (or takes from the cache) and instantiates a variant, once per process. */
export function loadCircuit(variant: ZkVariant): Promise<ZkCircuit> {
  let p = loaded.get(variant);
  if (p === undefined) {
    p = build(variant);
    loaded.set(variant, p);
  }
  return p;
}

/** What the calculator's code numbers mean (the generated witness_calculator.js's table). */
const FAILURES: Readonly<Record<number, string>> = {
  1: 'signal not found',
  2: 'too many signals set',
  3: 'signal already set',
  4: 'assert failed',
  5: 'not enough memory',
  6: 'input signal array access exceeds the size',
  7: 'out of bounds array access',
};

class Rejected extends Error {}

/** The WebAssembly global (the project's `lib` has no DOM types, where its declarations live). */
const Wasm = (globalThis as unknown as {
  WebAssembly: {
    Module: new (code: Uint8Array) => object;
    Instance: new (module: object, imports: Record<string, Record<string, (...a: number[]) => void>>) => { readonly exports: unknown };
  };
}).WebAssembly;

/**
 * The calculator's WebAssembly instance with the generated runtime's imports, but instantiated
 * here: the generated builder keeps every failure's message in a string it never clears (so
 * rejections grow slower and slower), and rebuilding it means recompiling 2 MB of WebAssembly.
 * This instance keeps only the current computation's messages.
 */
function acceptanceInstance(code: Uint8Array): { readonly exports: WasmExports; readonly n32: number; readonly prime: bigint; readonly messages: string[] } {
  const messages: string[] = [];
  let exports: WasmExports & { getMessageChar(): number; getFieldNumLen32(): number; getRawPrime(): void; readSharedRWMemory(i: number): number };
  const message = (): string => {
    let m = '';
    for (let c = exports.getMessageChar(); c !== 0; c = exports.getMessageChar()) m += String.fromCharCode(c);
    return m;
  };
  const instance = new Wasm.Instance(new Wasm.Module(code), {
    runtime: {
      exceptionHandler: (c: number) => {
        throw new Rejected(`${FAILURES[c] ?? `error ${c}`}${messages.length > 0 ? `: ${messages.join('; ')}` : ''}`);
      },
      printErrorMessage: () => void messages.push(message().trim()),
      // the circuit's log() output: none is written, none is wanted
      writeBufferMessage: () => void message(),
      showSharedRWMemory: () => {},
    },
  });
  exports = instance.exports as typeof exports;
  const n32 = exports.getFieldNumLen32();
  exports.getRawPrime();
  let prime = 0n;
  for (let j = n32 - 1; j >= 0; j--) prime = (prime << 32n) | BigInt(exports.readSharedRWMemory(j) >>> 0);
  return { exports, n32, prime, messages };
}

async function build(variant: ZkVariant): Promise<ZkCircuit> {
  const compiled = await compileCircuit(ZK_VARIANTS[variant].file);
  const code = new Uint8Array(readFileSync(compiled.wasm));
  const acc = acceptanceInstance(code);
  let generated: Promise<WitnessCalculator> | undefined;
  const hashes = new Map<string, readonly [number, number]>();
  const hashOf = (name: string): readonly [number, number] => {
    let h = hashes.get(name);
    if (h === undefined) hashes.set(name, (h = fnv(name)));
    return h;
  };

  const write = (inputs: ZkInputs): void => {
    const x = acc.exports;
    acc.messages.length = 0;
    x.init(1);
    let count = 0;
    for (const [name, value] of Object.entries(inputs)) {
      const [hi, lo] = hashOf(name);
      const values = typeof value === 'string' ? [value] : value;
      const size = x.getInputSignalSize(hi, lo);
      if (size < 0) throw new Rejected(`signal ${name} not found`);
      if (values.length !== size) throw new Rejected(`signal ${name}: ${values.length} values for ${size}`);
      for (let i = 0; i < values.length; i++) {
        let v: bigint;
        try {
          v = BigInt(values[i]!) % acc.prime;
        } catch {
          throw new Rejected(`signal ${name}: not an integer: ${JSON.stringify(values[i])}`);
        }
        if (v < 0n) v += acc.prime;
        for (let j = 0; j < acc.n32; j++) {
          x.writeSharedRWMemory(j, Number(v & 0xffffffffn));
          v >>= 32n;
        }
        // The last input signal set runs the whole computation, asserting as it goes.
        x.setInputSignal(hi, lo, i);
        count++;
      }
    }
    if (count < x.getInputSize()) throw new Rejected(`only ${count} of ${x.getInputSize()} input values set`);
  };

  return {
    variant,
    compiled,
    check(inputs) {
      try {
        write(inputs);
        return { ok: true };
      } catch (e) {
        if (e instanceof Rejected) return { ok: false, message: e.message };
        throw e;
      }
    },
    async witnessFile(inputs) {
      generated ??= (createRequire(import.meta.url)(compiled.witnessCalculator) as Builder)(code);
      return (await generated).calculateWTNSBin(inputs, 1);
    },
  };
}

/** The oracle the circuit engine takes: `(inputs) => boolean`, the wasm loaded once. */
export async function circuitAccepts(variant: ZkVariant = 'none'): Promise<(inputs: ZkInputs) => boolean> {
  const c = await loadCircuit(variant);
  return (inputs) => c.check(inputs).ok;
}

/**
 * Whether the witness the calculator computes for `inputs` satisfies every constraint of the r1cs
 * (snarkjs `wtns.check`): what a proof enforces, unconstrained `<--` signals included.
 * Throws when the calculator itself rejects `inputs`.
 */
export async function checkR1cs(variant: ZkVariant, inputs: ZkInputs): Promise<boolean> {
  const c = await loadCircuit(variant);
  const data = await c.witnessFile(inputs);
  return snarkjs.wtns.check(c.compiled.r1cs, { type: 'mem', data });
}
