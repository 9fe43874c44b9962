/** Risk-parameter files: schema, reading with field paths, and the checks of `liqcheck params check`. */
export { ADVISORIES, type Advisory } from './advisories.ts';
export { checkParamsFile } from './checkParamsFile.ts';
export type { Finding, Severity } from './finding.ts';
export { formatIssues, paramsFileMessage, readParamsFile, type ParamsFileRead } from './readParamsFile.ts';
export { PARAMS_SCHEMA_FILE, paramsSchemaText } from './schema.ts';
