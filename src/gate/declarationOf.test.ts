import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../arbitraries/scenario.ts';
import { REFERENCE_POLICY } from '../policy/policy.ts';
import { readProfileFolder } from '../profiles/profiles.ts';
import { declarationOf, describeParts, sameRules, scenariosFor } from './declarationOf.ts';

describe('declarationOf', () => {
  it('resolves the reference name to its policy, with no policy field to stamp', () => {
    expect(declarationOf('minimal-close')).toEqual({ ok: true, value: { name: 'minimal-close', policy: REFERENCE_POLICY, wire: {} } });
  });

  it('keeps a name the reference does not know, unresolved and with nothing to stamp', () => {
    expect(declarationOf('house-rules')).toEqual({ ok: true, value: { name: 'house-rules', policy: null, wire: null } });
  });

  it('parses an inline policy, names it from its parts, and stamps it as declared', () => {
    const wire = { closeSize: { kind: 'full' as const } };
    const d = declarationOf(wire);
    expect(d.ok && d.value.name).toBe('full');
    expect(d.ok && d.value.wire).toBe(wire);
    expect(d.ok && d.value.policy?.closeSize).toEqual({ kind: 'full' });
  });

  it('gives the issues of an inline policy that does not parse, at the path asked for', () => {
    const d = declarationOf({ closeSize: { kind: 'fixed-portion', portion: '0', minimumNotional: '10' } }, 'hello_ok.policy');
    expect(d.ok ? [] : d.issues.map((i) => i.path)).toEqual(['hello_ok.policy.closeSize.portion']);
  });
});

describe('describeParts and sameRules', () => {
  it('lists every part with its parameters (hand-written, not a published vector)', () => {
    const d = declarationOf({ name: 'dydx-like', closeSize: { kind: 'fixed-portion', portion: '0.10', minimumNotional: '50' } });
    expect(d.ok && describeParts(d.value.policy!)).toEqual([
      'requirement tiers (valuation mark, lossBuffer 0)',
      'close size fixed-portion (portion 0.1, minimumNotional 50)',
      'price mark',
      'penalty steps',
      'loss insurance-then-socialized',
    ]);
  });

  it('compares rules, not names', () => {
    const a = declarationOf({ name: 'a', closeSize: { kind: 'full' } });
    const b = declarationOf({ closeSize: { kind: 'full' }, price: { kind: 'mark' } });
    const c = declarationOf({ closeSize: { kind: 'minimal' } });
    if (!a.ok || !b.ok || !c.ok) throw new Error('the policies above parse');
    expect(sameRules(a.value.policy!, b.value.policy!)).toBe(true);
    expect(sameRules(a.value.policy!, c.value.policy!)).toBe(false);
    expect(sameRules(c.value.policy!, REFERENCE_POLICY)).toBe(true);
  });
});

describe('scenariosFor', () => {
  const base = scenario();
  it('sends every scenario with the declared inline policy', () => {
    const d = declarationOf({ closeSize: { kind: 'full' } });
    if (!d.ok) throw new Error('parses');
    for (const s of fc.sample(scenariosFor(d.value, base), { seed: 1, numRuns: 20 })) expect(s.policy).toEqual({ closeSize: { kind: 'full' } });
  });

  it('adds the order book to every scenario for a policy whose price part reads one', () => {
    const d = declarationOf({ price: { kind: 'book', remainder: 'left' } });
    if (!d.ok) throw new Error('parses');
    const drawn = fc.sample(scenariosFor(d.value, base), { seed: 3, numRuns: 10 });
    for (const s of drawn) {
      expect(s.policy).toEqual({ price: { kind: 'book', remainder: 'left' } });
      expect(Object.keys(s.book ?? {}).length).toBeGreaterThan(0);
    }
  });

  it('leaves the scenarios as drawn for the reference policy and for a name the reference cannot run', () => {
    for (const name of ['minimal-close', 'house-rules']) {
      const d = declarationOf(name);
      if (!d.ok) throw new Error('a name always resolves');
      expect(fc.sample(scenariosFor(d.value, base), { seed: 2, numRuns: 10 })).toEqual(fc.sample(base, { seed: 2, numRuns: 10 }));
    }
  });
});

describe('declarationOf a venue profile name (issue 12)', () => {
  const fixtures = new URL('../profiles/__fixtures__/', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'liqcheck-decl-'));
  copyFileSync(join(fixtures, 'tiny-venue.json'), join(dir, 'tiny-venue.json'));
  const folder = () => readProfileFolder(dir);

  it("resolves the name to the profile's policy, its wire form to stamp and its params", () => {
    const d = declarationOf('tiny-venue', 'policy', folder);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.name).toBe('tiny-venue');
    expect(d.value.policy?.closeSize).toMatchObject({ kind: 'fixed-portion' });
    expect(d.value.wire).toEqual({ name: 'tiny-fixed-portion', closeSize: { kind: 'fixed-portion', portion: '0.1', minimumNotional: '50' } });
    expect(Object.keys(d.value.params?.markets ?? {})).toEqual(['TINY-PERP']);
  });

  it("stamps the profile's policy into every scenario it is sent", () => {
    const d = declarationOf('tiny-venue', 'policy', folder);
    if (!d.ok) throw new Error('not resolved');
    const samples = fc.sample(scenariosFor(d.value, scenario({ params: fc.constant(d.value.params!) })), { numRuns: 20, seed: 12 });
    for (const s of samples) expect(s.policy).toEqual(d.value.wire);
  });

  it('leaves the reference name and unknown names as before', () => {
    expect(declarationOf('minimal-close', 'policy', folder)).toEqual({ ok: true, value: { name: 'minimal-close', policy: REFERENCE_POLICY, wire: {} } });
    expect(declarationOf('no-such-venue', 'policy', folder)).toEqual({ ok: true, value: { name: 'no-such-venue', policy: null, wire: null } });
  });
});
