/**
 * The JSON of `check --profile <lending profile> --json FILE` (format `liqcheck-lending-check/1`):
 * the run's tallies as the table prints them, each counterexample's scenario and message, and the
 * engine failures. Its own shape, not the perp check report's (whose tallies name perp fields).
 * @see docs/profiles/README.md#lending-profiles
 */
import type { LendingRunReport } from './runLendingCatalog.ts';

export const LENDING_CHECK_FORMAT = 'liqcheck-lending-check/1';

export interface LendingCheckReport extends LendingRunReport {
  readonly format: typeof LENDING_CHECK_FORMAT;
  readonly profile: string;
  readonly engine: { readonly name: string; readonly version?: string; readonly kind: string };
}

export function lendingCheckReport(r: LendingRunReport, about: { readonly profile: string; readonly engine: LendingCheckReport['engine'] }): LendingCheckReport {
  return { format: LENDING_CHECK_FORMAT, profile: about.profile, engine: about.engine, ...r };
}
