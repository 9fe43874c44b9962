/**
 * Opens the engine named by `--impl`: an HTTP service (`http://…`), an in-process module (one
 * path ending in .js, .mjs, .cjs, .ts, .mts or .cts) or a persistent subprocess (anything else, a
 * command line split without a shell).
 *
 * @see docs/protocol.md
 */
import { EngineStartError, type EngineHandle, type OpenOptions } from './engineHandle.ts';
import { HttpEngine } from './httpEngine.ts';
import { ModuleEngine } from './moduleEngine.ts';
import { splitCommand } from './splitCommand.ts';
import { SubprocessEngine } from './subprocessEngine.ts';

export { EngineStartError, type EngineHandle, type EngineStats, type OpenOptions } from './engineHandle.ts';

const MODULE_FILE = /\.(?:[cm]?js|[cm]?ts)$/;

/** How `impl` will be opened, and with what: a URL, a module path or an argv. */
export type ImplSpec =
  | { readonly kind: 'http'; readonly url: string }
  | { readonly kind: 'module'; readonly path: string }
  | { readonly kind: 'subprocess'; readonly argv: readonly string[] };

/**
 * Classifies an `--impl` value without starting anything.
 *
 * @throws EngineStartError when the command line cannot be split (an unterminated quote, nothing)
 */
export function parseImpl(impl: string): ImplSpec {
  const trimmed = impl.trim();
  if (/^https?:\/\//i.test(trimmed)) return { kind: 'http', url: trimmed };
  let argv: string[];
  try {
    argv = splitCommand(trimmed);
  } catch (e) {
    throw new EngineStartError(`cannot split the --impl command line (${(e as Error).message}): ${impl}`);
  }
  if (argv.length === 1 && MODULE_FILE.test(argv[0]!)) return { kind: 'module', path: argv[0]! };
  return { kind: 'subprocess', argv };
}

/**
 * Starts the engine and completes its handshake.
 *
 * @throws EngineStartError when it cannot be started or its handshake fails (the CLI exits 3)
 */
export async function openEngine(impl: string, o: OpenOptions): Promise<EngineHandle> {
  if (!(Number.isFinite(o.timeoutMs) && o.timeoutMs > 0)) throw new EngineStartError(`timeoutMs must be a positive number, received ${o.timeoutMs}`);
  const spec = parseImpl(impl);
  switch (spec.kind) {
    case 'http':
      return HttpEngine.open(spec.url, o);
    case 'module':
      return ModuleEngine.open(spec.path, o);
    case 'subprocess':
      return SubprocessEngine.open(spec.argv, o);
  }
}
