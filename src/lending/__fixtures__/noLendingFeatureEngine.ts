/**
 * A module engine that declares the aave-v3 profile but lists no `lending` feature: the gate must
 * refuse to judge it (exit 2), naming the field (properties/lendingGate.test.ts).
 */
import { liquidateLending } from '../liquidateLending.ts';

export const name = 'no-lending-feature';
export const policy = 'aave-v3';
export const features = ['cross'];
export const liquidate = liquidateLending;
