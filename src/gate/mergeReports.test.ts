import { describe, expect, it } from 'vitest';
import type { CatalogReport } from '../runner/runCatalog.ts';
import { mergeReports } from './mergeReports.ts';

function shard(index: number, over: Partial<CatalogReport> = {}): CatalogReport {
  return {
    engine: { name: 'e', policy: 'full' },
    seed: 1,
    runs: 10,
    shard: { index, count: 2 },
    cases: 5,
    unsupported: 0,
    replayed: 0,
    tallies: [{ id: 'LIQ-001', title: 't', checked: 5, skipped: 0, violations: 0, ms: 1 }],
    ms: 10,
    ok: true,
    labels: {},
    engineFailures: { count: 0, examples: [] },
    ...over,
  };
}

describe('mergeReports and the invariants not judged', () => {
  it('keeps what the shards agree was not judged', () => {
    const notJudged = [{ id: 'LIQ-004', missing: ['minimal'] }];
    const m = mergeReports([shard(0, { notJudged }), shard(1, { notJudged })]);
    expect(m.notJudged).toEqual(notJudged);
    expect(mergeReports([shard(0), shard(1)]).notJudged).toBeUndefined();
  });

  it('refuses shards that judged different invariants, naming what each left out', () => {
    const a = shard(0, { notJudged: [{ id: 'LIQ-004', missing: ['minimal'] }] });
    const b = shard(1, { engine: { name: 'e', policy: 'house-rules' }, notJudged: [{ id: 'REF-001', missing: ['runnable'] }] });
    expect(() => mergeReports([a, b])).toThrow(
      'reports are not shards of one run: they judged different invariants (shard 1 left out LIQ-004 (minimal); shard 2 left out REF-001 (runnable)): were they run against engines declaring different policies?',
    );
    expect(() => mergeReports([a, shard(1)])).toThrow(/shard 2 left out nothing/);
  });
});
