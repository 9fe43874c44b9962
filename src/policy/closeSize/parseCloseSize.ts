/** The close-size part of a policy, parsed (spec §10.3). @see docs/spec.md#103-close-size */
import type { Issue } from '../../model/types.ts';
import type { CloseSize } from '../../wire/policy/closeSize.ts';
import { NON_NEGATIVE, POSITIVE, SHARE } from '../domains.ts';
import type { FCloseSize } from '../policy.ts';
import { readAmount } from '../readAmount.ts';

export function parseCloseSize(w: CloseSize, path: string, issues: Issue[]): FCloseSize | undefined {
  switch (w.kind) {
    case 'minimal':
    case 'step-down':
    case 'full':
      return { kind: w.kind };
    case 'fixed-portion': {
      const portion = readAmount(w.portion, `${path}.portion`, issues, SHARE);
      const minimumNotional = readAmount(w.minimumNotional, `${path}.minimumNotional`, issues, NON_NEGATIVE);
      if (portion === undefined || minimumNotional === undefined) return undefined;
      return { kind: 'fixed-portion', portion, minimumNotional };
    }
    case 'requested': {
      const closeFactor = readAmount(w.closeFactor, `${path}.closeFactor`, issues, SHARE);
      const maximumSize = w.maximumSize === undefined ? null : readAmount(w.maximumSize, `${path}.maximumSize`, issues, POSITIVE);
      if (closeFactor === undefined || maximumSize === undefined) return undefined;
      return { kind: 'requested', closeFactor, maximumSize };
    }
  }
}
