import type { CatalogReport, InvariantTally } from '../runner/runCatalog.ts';

/**
 * Merges the reports of the shards of one run (`--shard i/n`) into the report of the whole run.
 * The reports are whole (`liqcheck merge` reads files through fixtures/schema/check-report-1.schema.json).
 *
 * @throws Error when the reports are not shards of one run (different engine, seed or run count,
 * or invariants not judged: the shards must have judged the engine by the same policy).
 */
export function mergeReports(reports: readonly CatalogReport[]): CatalogReport {
  const [head] = reports;
  if (head === undefined) throw new Error('no report to merge');
  for (const r of reports) {
    if (r.seed !== head.seed || r.runs !== head.runs || r.engine.name !== head.engine.name || r.shard.count !== head.shard.count) {
      throw new Error(`reports are not shards of one run: seed ${r.seed}/${head.seed}, runs ${r.runs}/${head.runs}, engine ${r.engine.name}/${head.engine.name}, shards of ${r.shard.count}/${head.shard.count}`);
    }
  }
  const notJudged = JSON.stringify(head.notJudged ?? []);
  for (const r of reports) {
    if (JSON.stringify(r.notJudged ?? []) !== notJudged) {
      const ids = (x: CatalogReport): string => (x.notJudged ?? []).map((n) => `${n.id} (${n.missing.join(', ')})`).join(', ') || 'nothing';
      throw new Error(
        `reports are not shards of one run: they judged different invariants (shard ${head.shard.index + 1} left out ${ids(head)}; shard ${r.shard.index + 1} left out ${ids(r)}): were they run against engines declaring different policies?`,
      );
    }
  }
  const indexes = reports.map((r) => r.shard.index).sort((a, b) => a - b);
  const twice = indexes.find((x, i) => indexes[i + 1] === x);
  if (twice !== undefined) throw new Error(`shard ${twice + 1}/${head.shard.count} is given twice`);
  const tallies = new Map<string, InvariantTally>();
  const labels: Record<string, number> = {};
  for (const r of reports) {
    for (const t of r.tallies) {
      const m = tallies.get(t.id);
      if (m === undefined) {
        tallies.set(t.id, { ...t });
        continue;
      }
      m.checked += t.checked;
      m.skipped += t.skipped;
      if (t.offBudget !== undefined) m.offBudget = (m.offBudget ?? 0) + t.offBudget;
      m.violations += t.violations;
      m.ms += t.ms;
      if (m.counterexample === undefined && t.counterexample !== undefined) m.counterexample = t.counterexample;
    }
    for (const [k, n] of Object.entries(r.labels)) labels[k] = (labels[k] ?? 0) + n;
  }
  const list = [...tallies.values()];
  const interrupted = reports.find((r) => r.interrupted !== undefined)?.interrupted;
  const stoppedEarly = reports.flatMap((r) => (r.stoppedEarly ? [`shard ${r.shard.index + 1}: ${r.stoppedEarly}`] : []));
  const startErrors = reports.flatMap((r) => (r.startError ? [`shard ${r.shard.index + 1}: ${r.startError}`] : []));
  const missing = Array.from({ length: head.shard.count }, (_, i) => i).filter((i) => !indexes.includes(i));
  return {
    engine: head.engine,
    seed: head.seed,
    runs: head.runs,
    shard: { index: 0, count: missing.length === 0 ? 1 : head.shard.count },
    cases: reports.reduce((a, r) => a + r.cases, 0),
    unsupported: reports.reduce((a, r) => a + r.unsupported, 0),
    replayed: reports.reduce((a, r) => a + r.replayed, 0),
    tallies: list,
    ms: Math.max(...reports.map((r) => r.ms)),
    // A shard that was interrupted, stopped early or never started makes the whole run no pass.
    ok: list.every((t) => t.violations === 0) && reports.every((r) => r.ok && r.engineFailures.count === 0),
    labels,
    ...(head.relationsEvery !== undefined ? { relationsEvery: head.relationsEvery } : {}),
    ...(head.notJudged !== undefined ? { notJudged: head.notJudged } : {}),
    engineFailures: {
      count: reports.reduce((a, r) => a + r.engineFailures.count, 0),
      examples: reports.flatMap((r) => r.engineFailures.examples).slice(0, 3),
    },
    ...(interrupted ? { interrupted } : {}),
    ...(stoppedEarly.length > 0 ? { stoppedEarly: stoppedEarly.join('; ') } : {}),
    ...(startErrors.length > 0 ? { startError: startErrors.join('; ') } : {}),
  };
}
