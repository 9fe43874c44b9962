/** The close-size part of a policy (spec §10.3). @see docs/spec.md#103-close-size */
import { Type } from 'typebox';
import { CLOSED, InputDecimal, type Wire } from '../common.ts';

export const MinimalClose = Type.Object({ kind: Type.Literal('minimal') }, { ...CLOSED, description: 'The smallest lot multiple that meets the target, largest notional first (spec §6).' });

export const FixedPortionClose = Type.Object(
  { kind: Type.Literal('fixed-portion'), portion: InputDecimal, minimumNotional: InputDecimal },
  { ...CLOSED, description: 'One fill per call: max(portion · |q|, minimumNotional / P) on the lot grid, or the whole position (dYdX, Hyperliquid; spec §10.3).' },
);

export const StepDownClose = Type.Object({ kind: Type.Literal('step-down') }, { ...CLOSED, description: 'Reduce to the risk limit of the next lower tier until the target is met, in full at the lowest tier (Bybit, OKX; spec §10.3).' });

export const FullClose = Type.Object({ kind: Type.Literal('full') }, { ...CLOSED, description: 'Close every position of a liquidatable group (GMX, Compound absorb; spec §10.3).' });

export const RequestedClose = Type.Object(
  { kind: Type.Literal('requested'), closeFactor: InputDecimal, maximumSize: Type.Optional(InputDecimal) },
  { ...CLOSED, description: "The liquidator's requested size (scenario `requests`), capped by closeFactor · |q| and maximumSize (Aave close factor, Drift max base; spec §10.3)." },
);

export const CloseSize = Type.Union([MinimalClose, FixedPortionClose, StepDownClose, FullClose, RequestedClose], {
  expected: 'a close-size part (kind "minimal", "fixed-portion", "step-down", "full" or "requested", spec §10.3)',
});
export type CloseSize = Wire<typeof CloseSize>;
