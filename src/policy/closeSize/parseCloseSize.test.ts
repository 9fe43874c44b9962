/**
 * The domains of the close-size parameters (spec §10.3), through parsePolicy: every violation is
 * an issue naming the field, what was expected and what was received.
 */
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../parsePolicy.ts';

function issuesOf(closeSize: unknown): { path: string; expected: string; received: string }[] {
  const r = parsePolicy({ closeSize });
  return r.ok ? [] : (r.issues as { path: string; expected: string; received: string }[]);
}

describe('parseCloseSize (spec §10.3)', () => {
  it('accepts the edges of each domain', () => {
    expect(issuesOf({ kind: 'fixed-portion', portion: '1', minimumNotional: '0' })).toEqual([]);
    expect(issuesOf({ kind: 'requested', closeFactor: '1' })).toEqual([]);
    expect(issuesOf({ kind: 'requested', closeFactor: '0.000001', maximumSize: '0.000001' })).toEqual([]);
  });

  it.each([
    [{ kind: 'fixed-portion', portion: '0', minimumNotional: '10' }, 'policy.closeSize.portion', '"0"'],
    [{ kind: 'fixed-portion', portion: '1.5', minimumNotional: '10' }, 'policy.closeSize.portion', '"1.5"'],
    [{ kind: 'requested', closeFactor: '0' }, 'policy.closeSize.closeFactor', '"0"'],
  ])('rejects a share outside (0, 1]: %j', (closeSize, path, received) => {
    expect(issuesOf(closeSize)).toEqual([{ path, expected: 'a decimal with 0 < x ≤ 1', received }]);
  });

  it('rejects a negative minimum notional and a maximum size that is not positive', () => {
    expect(issuesOf({ kind: 'fixed-portion', portion: '0.1', minimumNotional: '-1' })).toEqual([{ path: 'policy.closeSize.minimumNotional', expected: 'a decimal ≥ 0', received: '"-1"' }]);
    expect(issuesOf({ kind: 'requested', closeFactor: '0.5', maximumSize: '0' })).toEqual([{ path: 'policy.closeSize.maximumSize', expected: 'a decimal > 0', received: '"0"' }]);
  });

  it('rejects parameters a close size does not have', () => {
    expect(issuesOf({ kind: 'step-down', portion: '0.1' }).length).toBeGreaterThan(0);
    expect(issuesOf({ kind: 'fixed-portion', portion: '0.1' }).length).toBeGreaterThan(0);
  });
});
