/**
 * A module engine (docs/protocol.md#in-process-modules) made from the lending zoo's `triggerAtOne`
 * (liquidates at HF ≤ 1 instead of HF < 1): a lending engine for the aave-v3 profile whose bug the
 * gate must find (LND-001/LND-002 and LREF-001). properties/lendingGate.test.ts runs it.
 */
import { triggerAtOne } from '../zoo/triggerAtOne.ts';

export const name = 'trigger-at-one';
export const version = '0.0.1';
export const policy = 'aave-v3';
export const features = ['lending'];
export const liquidate = triggerAtOne;
