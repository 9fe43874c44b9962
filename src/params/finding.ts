/**
 * A finding of `liqcheck params check`: which rule, how bad, where in the file, and why.
 * @see docs/params.md#findings
 */

/** `error`: the set breaks a rule the model or the catalog relies on (exit 1); `warning`: a risk advisory. */
export type Severity = 'error' | 'warning';

export interface Finding {
  /** `PAR-00x` (catalog), `SPEC` (a domain rule of spec §2–§3 no PAR id covers) or `RSK-00x` (advisory) */
  readonly id: string;
  readonly severity: Severity;
  /** the offending field, tier or step, as a path into the file: `params.markets["BTC-PERP"].tiers[1]` */
  readonly where: string;
  readonly reason: string;
}
