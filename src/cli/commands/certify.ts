/**
 * `liqcheck certify SCENARIO`: the liquidation certificate of a result (spec §14) — the reference's
 * result by default, or `--result FILE` (another engine's) — checked by the standalone verifier
 * before it is written; with `--certificate FILE`, verifies that certificate instead.
 * @see docs/spec.md#14-liquidation-certificates
 */
import { existsSync } from 'node:fs';
import { certify, verifyCertificate, type CertificateFailure } from '../../certificate/index.ts';
import { canonicalFile } from '../../fixtures/canonicalJson.ts';
import { formatFileProblem, readJsonFile } from '../../io/readJsonFile.ts';
import { writeFileAtomic } from '../../io/writeFileAtomic.ts';
import { liquidate } from '../../model/liquidate.ts';
import type { Scenario } from '../../model/types.ts';
import { helpFor, parseOptions, type OptionTable } from '../options.ts';
import { EXIT, UsageError } from '../usageError.ts';
import type { Io } from './check.ts';

export const CERTIFY_OPTIONS: OptionTable = {
  result: { type: 'string', value: 'FILE', help: "the result to certify or verify against (default: the reference's result for the scenario)" },
  certificate: { type: 'string', value: 'FILE', help: 'verify this certificate against the result instead of writing one' },
  out: { type: 'string', value: 'FILE', help: 'write the certificate to FILE (atomically) instead of stdout' },
  help: { type: 'boolean', help: 'show this help' },
};

const SUMMARY = `Writes the liquidation certificate of a result (spec §14: integer witnesses a verifier checks with
no model and no division) after checking it with the standalone verifier, or, with --certificate,
verifies a given certificate. SCENARIO is a scenario file or a fixture file (its input). The result is the reference's for the scenario unless --result names
one. Exit 0 the certificate verifies, 1 it does not (each failed claim printed with its path), 2
usage, an unreadable file, an invalid scenario or one outside the certificate's domain (linear
markets under the reference policy, no assets, book or requests).`;

/** Reads a strict JSON input file, or throws the usage error that names what is wrong with it. */
function readInput(file: string): unknown {
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  const json = readJsonFile(file);
  if (!json.ok) throw new UsageError(formatFileProblem(json.problem));
  return json.value;
}

/** A fixture file (docs/fixtures.md) stands for its input scenario. */
function scenarioOf(value: unknown): unknown {
  const v = value as { format?: unknown; input?: unknown; provenance?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.format === 'string' && v.provenance !== undefined && 'input' in v ? v.input : value;
}

const line = (f: CertificateFailure): string => `✗ ${f.claim} at ${f.path}: expected ${f.expected}, received ${f.received}\n`;

export function certifyCommand(argv: readonly string[], io: Io): number {
  const { values, positionals } = parseOptions(argv, CERTIFY_OPTIONS, 1);
  if (values['help']) {
    io.out(helpFor('certify SCENARIO', SUMMARY, CERTIFY_OPTIONS));
    return EXIT.ok;
  }
  const file = positionals[0];
  if (file === undefined) throw new UsageError('certify needs a scenario file: liqcheck certify SCENARIO [--result FILE] [--certificate FILE]');
  const scenario = scenarioOf(readInput(file));
  const resultFile = values['result'] as string | undefined;
  let result: unknown;
  if (resultFile !== undefined) result = readInput(resultFile);
  else {
    const o = liquidate(scenario as Scenario);
    if (!o.ok) {
      const why = o.error.code === 'invalid-input' ? o.error.issues.map((i) => `${i.path}: expected ${i.expected}, received ${i.received}`).join('; ') : o.error.message;
      throw new UsageError(`${file}: the reference refuses the scenario (${o.error.code}): ${why}`);
    }
    result = o.result;
  }
  const certificateFile = values['certificate'] as string | undefined;
  let certificate: unknown;
  if (certificateFile !== undefined) certificate = readInput(certificateFile);
  else {
    const c = certify(scenario, result);
    if (c.kind === 'unsupported') throw new UsageError(`${c.path === '' ? file : `${file} at ${c.path}`}: cannot be certified (${c.reason}): ${c.message}`);
    certificate = c.certificate;
  }
  const verdict = verifyCertificate(scenario, result, certificate);
  if (!verdict.ok) {
    for (const f of verdict.failures) io.out(line(f));
    io.out(`the certificate does not verify: ${verdict.failures.length} failed claim(s)${certificateFile === undefined ? ' (the result is not what the rules give: no valid certificate exists for it)' : ''}\n`);
    return EXIT.violation;
  }
  if (certificateFile !== undefined) {
    io.out(`✓ the certificate verifies against the ${resultFile === undefined ? "reference's result" : 'result'}\n`);
    return EXIT.ok;
  }
  const text = canonicalFile(certificate);
  const out = values['out'] as string | undefined;
  if (out === undefined) io.out(text);
  else {
    writeFileAtomic(out, text);
    io.out(`✓ certificate written to ${out} (verified)\n`);
  }
  return EXIT.ok;
}
