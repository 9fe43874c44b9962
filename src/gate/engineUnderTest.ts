import { liquidate } from '../model/liquidate.ts';
import type { EngineUnderTest } from '../runner/runCatalog.ts';

/** The reference model as an engine under test (the default of `liqcheck check`). */
export const REFERENCE_ENGINE: EngineUnderTest = {
  name: 'liqcheck-reference',
  policy: 'minimal-close',
  run: async (s) => liquidate(s),
  // Parse once: the catalog's parsed scenarios go in, the parsed result comes back (src/model/parsedEngine.ts).
  runParsed: liquidate.runParsed,
};
