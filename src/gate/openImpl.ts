/**
 * Resolves `--impl` to an engine under test through the adapters (subprocess, module, HTTP).
 */
import { requiredFeatures } from '../adapters/features.ts';
import { openEngine } from '../adapters/openEngine.ts';
import type { Scenario } from '../model/types.ts';
import type { EngineUnderTest } from '../runner/runCatalog.ts';

export interface OpenedEngine {
  readonly engine: EngineUnderTest;
  readonly kind: string;
  readonly requiredFeatures?: (s: Scenario) => readonly string[];
  close(): Promise<void>;
}

/** @throws EngineStartError (or any Error) when the engine cannot be started: exit code 3. */
export async function openImpl(impl: string, timeoutMs: number): Promise<OpenedEngine> {
  const h = await openEngine(impl, { timeoutMs });
  return {
    // Every adapter pipelines (a module's worker thread runs one request at a time, in order).
    engine: { name: h.name, version: h.version, policy: h.policy, features: h.features, run: h.run, gaveUp: () => h.stats?.().gaveUp ?? null, concurrency: 16 },
    kind: h.kind,
    requiredFeatures,
    close: () => h.close(),
  };
}
