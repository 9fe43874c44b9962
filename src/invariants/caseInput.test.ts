import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../arbitraries/scenario.ts';
import { Dec } from '../model/decimal.ts';
import { liquidate } from '../model/liquidate.ts';
import { parseResult } from '../model/parseResult.ts';
import { parseScenario } from '../model/parseScenario.ts';
import type { ParsedScenario, Scenario } from '../model/types.ts';
import { derivedInput } from './caseInput.ts';
import { CATALOG } from './catalog.ts';
import type { Case } from './invariant.ts';

const sample = fc.sample(scenario(), { seed: 20261202, numRuns: 300 });

/** The case the catalog would build for `s` against the reference, or null without a result. */
function caseOf(s: Scenario): Case | null {
  const input = parseScenario(s);
  const o = liquidate(s);
  if (!input.ok || !o.ok) return null;
  const output = parseResult(o.result);
  return output.ok ? { scenario: s, input: input.value, result: o.result, output: output.value } : null;
}

describe('derived inputs of the relation invariants', () => {
  it('offer a parsed form only when it is exactly what parseScenario reads from their wire form', () => {
    const offered = new Map<string, number>();
    for (const s of sample) {
      const c = caseOf(s);
      if (c === null) continue;
      for (const inv of CATALOG) {
        if (inv.kind !== 'relation') continue;
        for (const d of inv.derive(c)) {
          if (d.parsed === null) continue;
          offered.set(inv.id, (offered.get(inv.id) ?? 0) + 1);
          const read = parseScenario(d.scenario);
          expect(read.ok, `${inv.id}: ${JSON.stringify(!read.ok && read.issues[0])}`).toBe(true);
          if (read.ok) expect(d.parsed, inv.id).toEqual(read.value);
        }
      }
    }
    // Every relation built on the parsed case was exercised (LIQ-014 needs two positions).
    for (const id of ['LIQ-012', 'LIQ-013', 'LIQ-014', 'LIQ-015', 'LIQ-016']) expect(offered.get(id) ?? 0, id).toBeGreaterThan(0);
    // The deliberately broken scenarios of LIQ-018 are wire-only: the engine must read them.
    expect(offered.has('LIQ-018')).toBe(false);
  });
});

describe('derivedInput', () => {
  const parsed = parseScenario(sample[0]!);
  if (!parsed.ok) throw new Error('the arbitrary drew an invalid scenario');
  const base: ParsedScenario = parsed.value;

  it('formats the wire form on first read only, once', () => {
    let formatted = 0;
    const d = derivedInput(base, () => (formatted++, sample[0]!));
    expect(formatted).toBe(0);
    expect(d.scenario).toBe(sample[0]);
    expect(d.scenario).toBe(sample[0]);
    expect(formatted).toBe(1);
  });

  it('offers no parsed form when a computed amount leaves the input digits (≤ 30 integer, ≤ 18 fraction)', () => {
    expect(derivedInput(base, () => sample[0]!, [new Dec('999999999999999999999999999999.5')]).parsed).toBe(base);
    expect(derivedInput(base, () => sample[0]!, [new Dec('1000000000000000000000000000000')]).parsed).toBeNull();
    expect(derivedInput(base, () => sample[0]!, [new Dec('0.000000000000000001')]).parsed).toBe(base);
    expect(derivedInput(base, () => sample[0]!, [new Dec('0.0000000000000000001')]).parsed).toBeNull();
  });
});
