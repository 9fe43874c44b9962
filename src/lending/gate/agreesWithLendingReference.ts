/**
 * LREF-001, the lending differential: an engine under test answers every valid lending scenario
 * exactly as the reference `liquidateLending` does (spec §11), field by field, key order aside.
 * Judged only with `--impl` (the reference agrees with itself); the lending counterpart of REF-001.
 * @see docs/spec.md#11-lending-health-factor
 * @see docs/protocol.md#lending-scenarios-feature-lending
 */
import type { LendingOutputInvariant } from '../invariants/invariant.ts';
import { firstDifference } from '../invariants/sameResult.ts';
import { liquidateLending } from '../liquidateLending.ts';

export const agreesWithLendingReference: LendingOutputInvariant = {
  id: 'LREF-001',
  title: 'agrees with the lending reference',
  statement: "Every field of the engine's result equals the reference liquidateLending's for the same scenario (exact decimal strings; dictionaries compared by key).",
  domain: 'All valid lending scenarios; judged only for an engine under --impl.',
  spec: '#11-lending-health-factor',
  presumes: ['close-factor', 'absorb'],
  kind: 'output',
  check: (c) => {
    const reference = liquidateLending(c.scenario);
    if (!reference.ok) return [`the reference refused the scenario (${reference.error.issues[0]?.path ?? '?'}: ${reference.error.issues[0]?.expected ?? '?'}), the engine answered it`];
    const engine = c.result as unknown as Record<string, unknown>;
    const expected = reference.result as unknown as Record<string, unknown>;
    const fields = [...new Set([...Object.keys(expected), ...Object.keys(engine)])].sort();
    const differences = fields.flatMap((k) => {
      const d = firstDifference(engine[k], expected[k], `result.${k}`);
      return d === null ? [] : [d];
    });
    return differences.length === 0 ? [] : [`differs from the reference at ${differences.join('; ')} (engine vs reference)`];
  },
};
