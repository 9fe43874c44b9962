/**
 * `liqcheck params check FILE` (static checks of a risk-parameter set) and `liqcheck params schema`
 * (print the JSON Schema of the file).
 * @see docs/params.md
 */
import { describeParts } from '../../gate/declarationOf.ts';
import { unwritableOutput } from '../../io/assertWritable.ts';
import { readJsonFile } from '../../io/readJsonFile.ts';
import { readProfile } from '../../profiles/readProfile.ts';
import { writeFileAtomic } from '../../io/writeFileAtomic.ts';
import { checkParamsFile, paramsFileMessage, paramsSchemaText, readParamsFile, type Finding } from '../../params/index.ts';
import type { Issue, RiskParams } from '../../model/types.ts';
import type { Io } from './check.ts';
import { helpFor, parseOptions, type OptionTable } from '../options.ts';
import { EXIT, UsageError } from '../usageError.ts';

export const PARAMS_OPTIONS: OptionTable = {
  json: { type: 'string', value: 'FILE', help: 'also write the findings as JSON (atomically)' },
  strict: { type: 'boolean', help: 'exit 1 on warnings (risk advisories) too' },
  help: { type: 'boolean', help: 'show this help' },
};

const SUMMARY = `params check FILE: checks a risk-parameters file. A file the reference model cannot accept
(not a regular file, over 16 MiB, invalid UTF-8, malformed or duplicate-key JSON, a wrong field,
discontinuous tiers, a rising schedule, a reserved market id, …) exits 2 with the field path, what
was expected and what was received: the same message and exit code as check/fuzz/sweep --params.
Of a file the model accepts, the parameter invariants it does not enforce (PAR-002, …) are errors
(exit 1), and the risk advisories (RSK-001…) are warnings (exit 0 unless --strict).
FILE may also be a venue profile (docs/profiles/): its params are checked as above, after its
policy and params pass the profile's schema and the policy's rules (spec §10).
params schema: prints the JSON Schema of the file.`;

export function params(argv: readonly string[], io: Io): number {
  const { values, positionals } = parseOptions(argv, PARAMS_OPTIONS, 2);
  const [sub, file] = positionals;
  if (values['help'] || sub === undefined) {
    io.out(helpFor('params check FILE | params schema', SUMMARY, PARAMS_OPTIONS));
    return values['help'] ? EXIT.ok : EXIT.usage;
  }
  if (sub === 'schema') {
    if (file !== undefined) throw new UsageError(`params schema: unexpected argument ${JSON.stringify(file)}`);
    io.out(paramsSchemaText());
    return EXIT.ok;
  }
  if (sub !== 'check') throw new UsageError(`params: unknown subcommand ${JSON.stringify(sub)}; expected check or schema`);
  if (file === undefined) throw new UsageError('params check: expected a FILE (a risk-parameters JSON)');
  const unwritable = unwritableOutput([{ option: '--json', path: values['json'] as string | undefined }]);
  if (unwritable !== null) throw new UsageError(unwritable);
  const read = readParamsOrProfile(file);
  if (!read.ok) throw new UsageError(paramsFileMessage(file, read.issues));
  const findings = checkParamsFile(read.params);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const markets = Object.entries(read.params.markets);
  io.out(`liqcheck params check ${file} — ${markets.length} market(s), ${markets.reduce((a, [, m]) => a + m.tiers.length, 0)} tier(s), ${read.params.penalty.steps.length} penalty step(s)\n`);
  io.out(`${read.policyLine === undefined ? '' : `${read.policyLine}\n`}\n`);
  io.out(findings.map(formatFinding).join(''));
  io.out(`${findings.length > 0 ? '\n' : ''}${errors === 0 && warnings === 0 ? 'No findings: every parameter invariant holds and no advisory applies.' : `${errors} error(s), ${warnings} warning(s).`}\n`);
  if (values['json']) writeFileAtomic(values['json'] as string, `${JSON.stringify({ file, ok: errors === 0, errors, warnings, findings }, null, 2)}\n`);
  if (errors > 0) return EXIT.violation;
  return values['strict'] && warnings > 0 ? EXIT.violation : EXIT.ok;
}

/**
 * A params file, or a profile file (a JSON object with both `policy` and `params`): the profile's
 * params, once the whole profile is valid, and its policy's line for the header.
 */
function readParamsOrProfile(file: string): { ok: true; params: RiskParams; policyLine?: string } | { ok: false; issues: readonly Issue[] } {
  const json = readJsonFile(file);
  const v = json.ok ? json.value : undefined;
  if (v === null || typeof v !== 'object' || Array.isArray(v) || !('policy' in v) || !('params' in v)) return readParamsFile(file);
  const r = readProfile(file);
  if (!r.ok) return r;
  return { ok: true, params: r.profile.params, policyLine: `profile ${r.profile.wire.name}, policy ${r.profile.policy.name}: ${describeParts(r.profile.policy).join('; ')}` };
}

function formatFinding(f: Finding): string {
  return `${f.severity === 'error' ? '✗' : '⚠'} ${f.id.padEnd(7)} ${f.where}\n    ${f.reason}\n`;
}
