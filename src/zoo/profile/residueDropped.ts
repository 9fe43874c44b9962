/**
 * Profile zoo engine "residue dropped": the sub-unit residue of a fill's realized PnL (exact PnL
 * minus the PnL floored to the quote unit, §7.2) is credited to no one — neither the trader nor
 * the insurance fund.
 *
 * Bug class: rounding dust that vanishes. Precedents: 1-wei residues kept by no one in Aave's
 * scaled balances, the Drift insurance fund keeping 1 unit (issue I11, cited by LIQ-007).
 *
 * Violates LIQ-007 (value conservation) whenever a fill's PnL does not fall on the quote unit.
 */
import { FZERO } from '../../model/fixed.ts';
import type { Engine } from '../../model/types.ts';
import { withExecution } from './support.ts';

export const residueDropped: Engine = withExecution((_cx, _before, closed) => ({ ...closed, fills: closed.fills.map((f) => ({ ...f, residue: FZERO })) }));
