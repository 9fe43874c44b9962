import { Dec } from '../../model/decimal.ts';
import { Findings, type SystemInvariant } from './systemInvariant.ts';

/** The first path at which two JSON values differ (key order ignored), or undefined. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return `${path || '(root)'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} entries vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of [...keys].sort()) {
    const d = firstDifference(ao[k], bo[k], path === '' ? k : `${path}.${k}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

/**
 * SYS-010 — the differential at the system level: every liquidation an engine answered equals
 * the reference's on the same before-state (the judge's ledger), mark and fund. For the reference
 * it holds by construction; for another engine (`--engine CMD`, S14) it is the check that its
 * liquidation service is the model's.
 * @see docs/simulation.md#s14-checking-another-implementation-the-step-request
 */
export const engineMatchesReference: SystemInvariant = {
  id: 'SYS-010',
  title: 'engine equals the reference',
  statement: 'Every liquidation\'s result equals the reference\'s (src/model/liquidate.ts) on the ledger\'s before-state, the liquidation\'s mark and the fund the engine was given.',
  domain: 'Every run; meaningful when the engine is not the reference (the trace\'s start.engine).',
  presumes: [],
  wrongSimulator: 'fee-split-skew',
  spec: '#s14-checking-another-implementation-the-step-request',
  check: (r) => {
    const f = new Findings('SYS-010');
    if (r.oracle === undefined) return f.outcome();
    for (const l of r.liquidations) {
      const e = l.event;
      if (l.before === undefined) continue;
      f.saw();
      const ref = r.oracle.answer(l.before, new Dec(e.mark), l.fundView);
      if (!ref.ok) {
        f.add(e.step, `the reference refuses the state: ${ref.message}`, { round: e.round, party: e.account });
        continue;
      }
      const d = firstDifference(e.result, ref.result);
      if (d !== undefined) f.add(e.step, `${r.start.engine}'s result differs from the reference's at ${d}`, { round: e.round, party: e.account });
    }
    return f.outcome();
  },
};
