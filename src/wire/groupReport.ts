/** The report of one margin group (spec §8). @see docs/spec.md#8-output */
import { Type } from 'typebox';
import { CLOSED, Status, wireId, type Wire } from './common.ts';
import { Snapshot } from './snapshot.ts';

export const GroupReport = Type.Object(
  { group: Type.String({ description: '"cross" or the market id of an isolated position.' }), status: Status, before: Snapshot, after: Snapshot },
  { ...CLOSED, $id: wireId('group'), title: 'Group report', description: 'A margin group (cross, or one isolated position): its status and figures before and after.' },
);
export type GroupReport = Wire<typeof GroupReport>;
