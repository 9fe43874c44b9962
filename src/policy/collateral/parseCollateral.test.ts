/** The collateral part of a policy (spec §13.4) parsed: default, naming and refused values. */
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../parsePolicy.ts';
import { REFERENCE_POLICY } from '../policy.ts';

describe('collateral part', () => {
  it('is none by default and when written so: the reference policy, with no collateral field', () => {
    expect(parsePolicy({})).toEqual({ ok: true, value: REFERENCE_POLICY });
    expect(parsePolicy({ collateral: { kind: 'none' } })).toEqual({ ok: true, value: REFERENCE_POLICY });
    expect('collateral' in REFERENCE_POLICY).toBe(false);
  });

  it('parses sell with its goal and names the policy after it', () => {
    const r = parsePolicy({ closeSize: { kind: 'full' }, collateral: { kind: 'sell', restore: 'target' } });
    expect(r.ok && [r.value.name, r.value.collateral, r.value.isReference]).toEqual(['full+sell-target', { kind: 'sell', restore: 'target' }, false]);
    const d = parsePolicy({ collateral: { kind: 'sell', restore: 'deficit' } });
    expect(d.ok && d.value.name).toBe('minimal-close+sell-deficit');
  });

  it('refuses an unknown goal or kind at the part', () => {
    for (const bad of [{ kind: 'sell', restore: 'all' }, { kind: 'sell' }, { kind: 'auction' }]) {
      const r = parsePolicy({ collateral: bad });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.every((i) => i.path.startsWith('policy.collateral'))).toBe(true);
    }
  });
});
