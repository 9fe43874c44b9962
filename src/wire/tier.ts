/** One maintenance-margin bracket of a market (spec §3). @see docs/spec.md#3-maintenance-margin-tiers */
import { Type } from 'typebox';
import { CLOSED, InputDecimal, wireId, type Wire } from './common.ts';

export const Tier = Type.Object(
  { notionalFloor: InputDecimal, maintenanceRate: InputDecimal, maintenanceAmount: InputDecimal, initialRate: InputDecimal },
  { ...CLOSED, $id: wireId('tier'), title: 'Tier', description: 'A maintenance-margin bracket: from notionalFloor on, MM = notional × maintenanceRate − maintenanceAmount (spec §3).' },
);
export type Tier = Wire<typeof Tier>;
