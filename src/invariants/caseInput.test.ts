import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../arbitraries/scenario.ts';
import { Dec } from '../model/decimal.ts';
import { liquidate } from '../model/liquidate.ts';
import { parseResult } from '../model/parseResult.ts';
import { parseScenario } from '../model/parseScenario.ts';
import type { ParsedScenario, Scenario } from '../model/types.ts';
import { derivedInput, knownParsed, rememberParsed } from './caseInput.ts';
import { CATALOG } from './catalog.ts';
import { checkCase } from './checkCase.ts';
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

describe('rememberParsed / knownParsed', () => {
  const s = sample[0]!;
  const read = parseScenario(s);
  if (!read.ok) throw new Error('the arbitrary drew an invalid scenario');
  const frozenCopy = (x: Scenario): Scenario =>
    Object.freeze({
      ...x,
      marks: Object.freeze({ ...x.marks }),
      account: Object.freeze({ ...x.account, positions: Object.freeze(x.account.positions.map((p) => Object.freeze({ ...p }))) }),
    });

  it('remembers a parsed form for an object that cannot change, by identity only', () => {
    const copy = frozenCopy(s);
    expect(rememberParsed(copy, read.value)).toBe(true);
    expect(knownParsed(copy)).toBe(read.value);
    expect(knownParsed(frozenCopy(s))).toBeUndefined(); // an equal object is another object
  });

  it('is what checkCase judges: the handed-over form, not a parse of the wire form', () => {
    // A wrong form handed over on purpose (another scenario's) shows which one the reference gets.
    const other = sample.find((x) => JSON.stringify(liquidate(x)) !== JSON.stringify(liquidate(s)))!;
    const otherRead = parseScenario(other);
    if (!otherRead.ok) throw new Error('the arbitrary drew an invalid scenario');
    const copy = frozenCopy(s);
    rememberParsed(copy, otherRead.value);
    expect(checkCase(liquidate, copy, { invariants: [] }).outcome).toEqual(liquidate(other));
    expect(checkCase(liquidate, frozenCopy(s), { invariants: [] }).outcome).toEqual(liquidate(s));
  });

  it('refuses a scenario any part of which could still change', () => {
    const thawedParams = { ...frozenCopy(s), params: structuredClone(s.params) };
    const thawedPosition = { ...frozenCopy(s), account: Object.freeze({ ...s.account, positions: Object.freeze(s.account.positions.map((p) => ({ ...p }))) }) };
    const thawedMarks = { ...frozenCopy(s), marks: { ...s.marks } };
    for (const [what, x] of [
      ['params', Object.freeze(thawedParams)],
      ['a position', Object.freeze(thawedPosition)],
      ['the marks', Object.freeze(thawedMarks)],
      ['the scenario itself', { ...frozenCopy(s) }],
    ] as const) {
      expect(rememberParsed(x, read.value), what).toBe(false);
      expect(knownParsed(x), what).toBeUndefined();
    }
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
