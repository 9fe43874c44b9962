/**
 * The lending reference as a module engine for the aave-v3 profile: the gate must pass it,
 * LREF-001 included (properties/lendingGate.test.ts).
 */
import { liquidateLending } from '../liquidateLending.ts';

export const name = 'reference-lending-module';
export const policy = 'aave-v3';
export const features = ['lending'];
export const liquidate = liquidateLending;
