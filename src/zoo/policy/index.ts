/**
 * The policy zoo: deliberately wrong engines that declare a policy other than minimal-close, each
 * a realistic bug in one part. Every invariant that presumes a promise only such a policy makes is
 * violated by at least one of them (properties/policyZoo.test.ts).
 */
import { BOOK_ZOO } from './bookZoo.ts';
import { CLOSE_SIZE_ZOO } from './closeSizeZoo.ts';
import { PENALTY_ZOO } from './penaltyZoo.ts';
import type { PolicyZooEntry } from './policyZooEntry.ts';
import { PRICE_ZOO } from './priceZoo.ts';
import { REQUIREMENT_ZOO } from './requirementZoo.ts';
import { TRIGGER_ZOO } from './triggerZoo.ts';

export type { PolicyZooEntry };

export const POLICY_ZOO: readonly PolicyZooEntry[] = [...CLOSE_SIZE_ZOO, ...BOOK_ZOO, ...PENALTY_ZOO, ...PRICE_ZOO, ...REQUIREMENT_ZOO, ...TRIGGER_ZOO];
