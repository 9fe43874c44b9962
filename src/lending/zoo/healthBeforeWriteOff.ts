/**
 * Lending zoo engine "health before write-off": `healthAfter` is computed on the account before
 * the bad debt is written off, so a liquidation ending in a deficit reports HF 0 (collateral gone,
 * debt still counted) instead of null (no debt left).
 *
 * Bug class: a diagnostic computed at the wrong point of a multi-step update; a keeper or
 * dashboard reading it sees an account that no longer exists. Precedent: realistic, no report
 * found.
 *
 * Violates LND-013 (health factors reported for the state they describe).
 */
import { lendingEngineWith } from './support.ts';

export const healthBeforeWriteOff = lendingEngineWith({
  finish: (result) => (Object.keys(result.deficit).length > 0 && result.healthAfter === null ? { ...result, healthAfter: '0' } : result),
});
