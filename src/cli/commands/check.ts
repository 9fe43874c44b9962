import { CATALOG } from '../../invariants/catalog.ts';
import { liquidate } from '../../model/liquidate.ts';
import type { RiskParams } from '../../model/types.ts';
import { writeFileAtomic } from '../../io/writeFileAtomic.ts';
import { runCatalog, type CatalogReport } from '../../runner/runCatalog.ts';
import { defaultParams } from '../../arbitraries/defaultParams.ts';
import { scenario } from '../../arbitraries/scenario.ts';
import { classify } from '../../arbitraries/classify.ts';
import fc from 'fast-check';
import { loadParams } from '../loadParams.ts';
import { helpFor, intOption, parseOptions, type OptionTable } from '../options.ts';
import { EXIT, UsageError } from '../usageError.ts';

export const CHECK_OPTIONS: OptionTable = {
  runs: { type: 'string', value: 'N', help: 'scenarios to generate (default 1000)' },
  seed: { type: 'string', value: 'S', help: 'random seed (default: fresh, printed; fixed under CI)' },
  params: { type: 'string', value: 'FILE', help: 'risk-parameters JSON (default: the built-in profile)' },
  invariants: { type: 'string', value: 'IDS', help: 'comma-separated invariant ids to run (default: all)' },
  json: { type: 'string', value: 'FILE', help: 'also write the report as JSON (atomically)' },
  help: { type: 'boolean', help: 'show this help' },
};

const SUMMARY = 'Runs the invariant catalog on generated scenarios (accounts near the liquidation boundary)\nagainst the reference engine and prints a per-invariant summary.';

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly isTTY: boolean;
}

export function check(argv: readonly string[], io: Io): number {
  const { values } = parseOptions(argv, CHECK_OPTIONS);
  if (values['help']) {
    io.out(helpFor('check', SUMMARY, CHECK_OPTIONS));
    return EXIT.ok;
  }
  const runs = intOption(values, 'runs', 1000, 1, 100_000_000);
  const seed = intOption(values, 'seed', process.env['CI'] ? 20261125 : Math.floor(Math.random() * 2 ** 31), -(2 ** 31), 2 ** 31 - 1);
  const paramsFile = values['params'] as string | undefined;
  const params: RiskParams = paramsFile === undefined ? defaultParams : loadParams(paramsFile);
  const invariants = selectInvariants(values['invariants'] as string | undefined);

  io.out(`liqcheck check — reference engine, ${paramsFile ?? 'built-in params'} (${Object.keys(params.markets).join(', ')}), ${runs} scenarios, seed ${seed}\n\n`);
  const progress = io.isTTY && runs >= 2000;
  const report = runCatalog({
    engine: liquidate,
    scenarios: scenario({ params: fc.constant(params) }),
    runs,
    seed,
    invariants,
    classify,
    ...(progress ? { onCase: (n: number) => n % 500 === 0 && io.err(`\r  ${n}/${runs} scenarios…`) } : {}),
  });
  if (progress) io.err('\r\x1b[K');
  io.out(formatReport(report));
  const replay = `npx liqcheck check --seed ${seed} --runs ${runs}${paramsFile ? ` --params ${paramsFile}` : ''}`;
  for (const t of report.tallies) {
    if (!t.counterexample) continue;
    io.out(`\n✗ ${t.id} ${t.title}: ${t.counterexample.message}\n  shrunk scenario: ${JSON.stringify(t.counterexample.scenario)}\n  replay: ${replay} --invariants ${t.id}\n`);
  }
  if (values['json']) writeFileAtomic(values['json'] as string, `${JSON.stringify(report, null, 2)}\n`);
  return report.ok ? EXIT.ok : EXIT.violation;
}

function selectInvariants(raw: string | undefined) {
  if (raw === undefined) return CATALOG;
  const ids = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !CATALOG.some((i) => i.id === id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new UsageError(`--invariants: unknown id(s) ${unknown.join(', ') || '(none given)'}; known: ${CATALOG.map((i) => i.id).join(', ')}`);
  }
  return CATALOG.filter((i) => ids.includes(i.id));
}

export function formatReport(r: CatalogReport): string {
  const head = `  ${'id'.padEnd(8)} ${'invariant'.padEnd(52)} ${'cases'.padStart(7)} ${'skipped'.padStart(8)} ${'violated'.padStart(9)} ${'ms'.padStart(7)}`;
  const rows = r.tallies.map((t) => {
    const mark = t.violations > 0 ? '✗' : '✓';
    return `${mark} ${t.id.padEnd(8)} ${t.title.slice(0, 52).padEnd(52)} ${String(t.checked).padStart(7)} ${String(t.skipped).padStart(8)} ${String(t.violations).padStart(9)} ${t.ms.toFixed(1).padStart(7)}`;
  });
  const failed = r.tallies.filter((t) => t.violations > 0).length;
  const verdict = failed === 0
    ? `All ${r.tallies.length} invariants held on ${r.runs} scenarios (${(r.ms / 1000).toFixed(1)} s).`
    : `${failed} of ${r.tallies.length} invariants violated on ${r.runs} scenarios (${(r.ms / 1000).toFixed(1)} s).`;
  const dist = Object.entries(r.labels)
    .sort(([, a], [, b]) => b - a)
    .map(([k, n]) => `${k} ${((100 * n) / r.runs).toFixed(1)}%`)
    .join(' · ');
  return `${head}\n${rows.join('\n')}\n\n${dist ? `cases: ${dist}\n` : ''}${verdict}\n`;
}
