/**
 * Resolves `--impl` to an engine under test through the adapters (subprocess, module, HTTP).
 */
import { requiredFeatures, sendsCertificates } from '../adapters/features.ts';
import { EngineStartError, openEngine } from '../adapters/openEngine.ts';
import type { Scenario } from '../model/types.ts';
import type { EngineUnderTest } from '../runner/runCatalog.ts';
import { declarationOf, type Declaration } from './declarationOf.ts';

export interface OpenedEngine {
  readonly engine: EngineUnderTest;
  /** the policy its handshake declares, resolved (spec §10.7) */
  readonly declaration: Declaration;
  readonly kind: string;
  readonly requiredFeatures?: (s: Scenario) => readonly string[];
  close(): Promise<void>;
}

/** @throws EngineStartError (or any Error) when the engine cannot be started: exit code 3. */
export async function openImpl(impl: string, timeoutMs: number): Promise<OpenedEngine> {
  const h = await openEngine(impl, { timeoutMs });
  // The adapters checked an inline policy already (same parser): this only resolves it.
  const d = declarationOf(h.policy, h.kind === 'module' ? 'policy' : 'hello_ok.policy');
  if (!d.ok) {
    await h.close();
    throw new EngineStartError(`bad policy: ${d.issues.map((i) => `${i.path}: expected ${i.expected}, received ${i.received}`).join('; ')}`);
  }
  const declaration = d.value;
  return {
    // Every adapter pipelines (a module's worker thread runs one request at a time, in order).
    engine: { name: h.name, version: h.version, policy: declaration.name, declared: declaration.policy, features: h.features, run: h.run, gaveUp: () => h.stats?.().gaveUp ?? null, concurrency: 16, certificates: sendsCertificates(h) },
    declaration,
    kind: h.kind,
    requiredFeatures,
    close: () => h.close(),
  };
}
