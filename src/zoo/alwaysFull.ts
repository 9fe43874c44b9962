/**
 * Zoo engine "always full": once a group is liquidatable, every position is closed in full.
 *
 * Bug class: an engine documented as partial (minimal-close) that silently falls back to the
 * legacy full-liquidation path — e.g. a feature flag defaulting off, or the partial path erroring
 * and the caller catching it by closing everything.
 *
 * Violates LIQ-004 (minimal close size).
 */
import type { Engine } from '../model/types.ts';
import { withRules } from './support.ts';

export const alwaysFull: Engine = withRules({ minimalClose: () => ({ kind: 'none' }) });
