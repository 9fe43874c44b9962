import { liquidate } from '../model/liquidate.ts';
import type { Engine } from '../model/types.ts';
import type { EngineUnderTest } from '../runner/runCatalog.ts';

/** The reference model as an engine under test (the default of `liqcheck check`). */
export const REFERENCE_ENGINE: EngineUnderTest = {
  name: 'liqcheck-reference',
  policy: 'minimal-close',
  run: async (s) => liquidate(s),
};

/** Wraps an in-process engine (a function) for the runner. */
export function inProcess(engine: Engine, name: string, policy = 'minimal-close'): EngineUnderTest {
  return { name, policy, run: async (s) => engine(s) };
}
