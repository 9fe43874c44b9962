/**
 * The shipped JSON Schemas of what liqcheck exchanges rather than stores: the engine protocol's
 * messages and the reports of `check --json`, `fuzz --json`, `params check --json` and `sweep`
 * (sweep.json, compare.json). Listed
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

/** File name (in fixtures/schema/) and canonical content of each schema. */
export function messageSchemaFiles(): { name: string; text: string }[] {
  return [
    { name: 'protocol-1.schema.json', schema: Protocol },
    { name: 'check-report-1.schema.json', schema: CheckReport },
    { name: 'fuzz-report-1.schema.json', schema: FuzzReport },
    { name: 'params-report-1.schema.json', schema: ParamsReport },
    { name: 'sweep-report-1.schema.json', schema: SweepReport },
    { name: 'sweep-comparison-1.schema.json', schema: SweepComparison },
  ].map(({ name, schema }) => ({ name, text: canonicalFile(toJsonSchema(schema)) }));
}
