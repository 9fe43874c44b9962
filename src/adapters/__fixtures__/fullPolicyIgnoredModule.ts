/**
 * A wrong engine for the policy it declares: it says `full` in its handshake but drops the
 * scenario's policy and answers with the minimal-close reference — the bug of an engine whose
 * declaration and code drifted apart. REF-001 against the reference under `full` catches it.
 */
import { liquidate } from '../../model/liquidate.ts';
import type { Scenario } from '../../model/types.ts';

export const name = 'full-declared-minimal-computed';
export const version = '1.0.0';
export const policy = { closeSize: { kind: 'full' } };

export default function engine(s: Scenario) {
  const { policy: _declared, ...minimalClose } = s;
  return liquidate(minimalClose);
}
