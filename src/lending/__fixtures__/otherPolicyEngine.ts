/**
 * A lending module engine that declares the morpho-blue profile: run under --profile aave-v3 the
 * gate must refuse it (exit 2), naming the field, expected and received (properties/lendingGate.test.ts).
 */
import { liquidateLending } from '../liquidateLending.ts';

export const name = 'other-policy';
export const policy = 'morpho-blue';
export const features = ['lending'];
export const liquidate = liquidateLending;
