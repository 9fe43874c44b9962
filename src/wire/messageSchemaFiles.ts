/**
 * The shipped JSON Schemas of what liqcheck exchanges rather than stores: the engine protocol's
 * messages and the reports of `check --json`, `fuzz --json`, `params check --json`, `sweep`
 * (sweep.json, compare.json), `simulate` (its config, accounts file, report and trace) and
 * `sweep --cascade` / `--incentive`. Listed
 * with the fixture schemas by src/fixtures/schemaFiles.ts (one generator, one test that the
 * committed files equal its output).
 */
import { canonicalFile } from '../fixtures/canonicalJson.ts';
import { CheckReport } from './checkReport.ts';
import { FuzzReport } from './fuzzReport.ts';
import { toJsonSchema } from './jsonSchema.ts';
import { ParamsReport } from './paramsReport.ts';
import { Protocol } from './protocol.ts';
import { SweepComparison, SweepReport } from './sweepReport.ts';
import { CascadeSweepReport, IncentiveReport } from './cascadeSweepReport.ts';
import { PopulationFile, SimulationConfig, SimulationReport } from './simulation.ts';
import { TraceEvent } from './simulationTrace.ts';

/** File name (in fixtures/schema/) and canonical content of each schema. */
export function messageSchemaFiles(): { name: string; text: string }[] {
  return [
    { name: 'protocol-1.schema.json', schema: Protocol },
    { name: 'check-report-1.schema.json', schema: CheckReport },
    { name: 'fuzz-report-1.schema.json', schema: FuzzReport },
    { name: 'params-report-1.schema.json', schema: ParamsReport },
    { name: 'sweep-report-1.schema.json', schema: SweepReport },
    { name: 'sweep-comparison-1.schema.json', schema: SweepComparison },
    { name: 'simulation-config-1.schema.json', schema: SimulationConfig },
    { name: 'simulation-accounts-1.schema.json', schema: PopulationFile },
    { name: 'simulation-report-1.schema.json', schema: SimulationReport },
    { name: 'simulation-trace-1.schema.json', schema: TraceEvent },
    { name: 'cascade-sweep-report-1.schema.json', schema: CascadeSweepReport },
    { name: 'incentive-report-1.schema.json', schema: IncentiveReport },
  ].map(({ name, schema }) => ({ name, text: canonicalFile(toJsonSchema(schema)) }));
}
