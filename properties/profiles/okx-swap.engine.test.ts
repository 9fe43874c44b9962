/**
 * The okx-swap venue engine (examples/js/venues/okx-swap.mjs through examples/js/profileEngine.mjs),
 * written from docs/profiles/okx-swap.md: it declares the profile, passes the catalog and REF-001
 * under it, and each of its wrong variants — a misreading of one of OKX's own texts — is caught by
 * the invariant named here and by REF-001. No venue issue tracker or incident report describes
 * these bugs; the engine's `bugs` export says which OKX sentence each one misreads.
 */
import { describeVenueEngine } from './engineSupport.ts';

describeVenueEngine('properties/profiles/okx-swap.engine.test.ts', {
  profile: 'okx-swap',
  command: 'node examples/js/profileEngine.mjs --profile okx-swap',
  bugs: [
    // "falls to 100 %" read as "below 100 %": a group exactly at its requirement is left alone
    { bug: 'strict-trigger', violates: 'LIQ-002' },
    // "reduce by two tiers": skips the one-tier step that already restores the margin
    { bug: 'two-tiers-per-step', violates: 'LIQ-020', shape: 'single' },
    // stops at MMR without the fee: a partial result below its requirement
    { bug: 'target-without-fee', violates: 'LIQ-003', shape: 'single' },
  ],
});
