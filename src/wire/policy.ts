/**
 * A liquidation policy (spec §10): one option for each part, with its parameters. Every part is
 * optional and defaults to the reference's (spec §3–§7), so `{}` is the minimal-close policy.
 * @see docs/spec.md#10-policies
 */
import { Type } from 'typebox';
import { CLOSED, wireId, type Wire } from './common.ts';
import { CloseSize } from './policy/closeSize.ts';
import { Collateral } from './policy/collateral.ts';
import { ExecutionPrice } from './policy/executionPrice.ts';
import { Loss } from './policy/loss.ts';
import { Penalty } from './policy/penalty.ts';
import { Requirement } from './policy/requirement.ts';
import { Trigger } from './policy/trigger.ts';

export const Policy = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, description: 'a label for reports (a profile name); not part of the rules' })),
    requirement: Type.Optional(Requirement),
    closeSize: Type.Optional(CloseSize),
    price: Type.Optional(ExecutionPrice),
    penalty: Type.Optional(Penalty),
    loss: Type.Optional(Loss),
    trigger: Type.Optional(Trigger),
    collateral: Type.Optional(Collateral),
  },
  {
    ...CLOSED,
    $id: wireId('policy'),
    title: 'liqcheck liquidation policy',
    description: 'One option per part (requirement, close size, execution price, penalty, loss, trigger), each defaulting to the reference policy (spec §10). {} is "minimal-close".',
  },
);
export type Policy = Wire<typeof Policy>;
