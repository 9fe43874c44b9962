/**
 * A policy object (the scenario's `policy` field, a handshake's inline policy, a profile file)
 * checked against its schema and its parts' domains, and parsed (spec §10).
 * @see docs/spec.md#10-policies
 */
import type { ParseOutcome } from '../model/parseScenario.ts';
import type { Issue } from '../model/types.ts';
import { Policy } from '../wire/policy.ts';
import { validator } from '../wire/validate.ts';
import { parseCloseSize } from './closeSize/parseCloseSize.ts';
import { parseLoss } from './loss/parseLoss.ts';
import { parsePenalty } from './penalty/parsePenalty.ts';
import { isReferenceParts, nameOf, REFERENCE_POLICY, type FPolicy } from './policy.ts';
import { parsePrice } from './price/parsePrice.ts';
import { parseRequirement } from './requirement/parseRequirement.ts';
import { checkCombination } from './checkCombination.ts';
import { parseTrigger } from './trigger/parseTrigger.ts';
import { parseCollateral } from './collateral/parseCollateral.ts';

const checkPolicy = validator(Policy);

/** Parses a policy found at `path` (`policy` in a scenario; `''` for a file of its own). */
export function parsePolicy(value: unknown, path = 'policy'): ParseOutcome<FPolicy> {
  const structural = checkPolicy(value, path);
  if (!structural.ok) return structural;
  const w = structural.value;
  const issues: Issue[] = [];
  const at = (name: string): string => (path === '' ? name : `${path}.${name}`);
  const requirement = w.requirement === undefined ? REFERENCE_POLICY.requirement : parseRequirement(w.requirement, at('requirement'), issues);
  const closeSize = w.closeSize === undefined ? REFERENCE_POLICY.closeSize : parseCloseSize(w.closeSize, at('closeSize'), issues);
  const price = w.price === undefined ? REFERENCE_POLICY.price : parsePrice(w.price);
  const penalty = w.penalty === undefined ? REFERENCE_POLICY.penalty : parsePenalty(w.penalty, at('penalty'), issues);
  const loss = w.loss === undefined ? REFERENCE_POLICY.loss : parseLoss(w.loss);
  const trigger = w.trigger === undefined ? REFERENCE_POLICY.trigger : parseTrigger(w.trigger, at('trigger'), issues);
  if (requirement === undefined || closeSize === undefined || penalty === undefined || trigger === undefined) return { ok: false, issues };
  const collateral = w.collateral === undefined ? undefined : parseCollateral(w.collateral);
  const parts = { requirement, closeSize, price, penalty, loss, trigger, ...(collateral === undefined ? {} : { collateral }) };
  checkCombination(parts, path, issues);
  if (issues.length > 0) return { ok: false, issues };
  if (isReferenceParts(parts) && w.name === undefined) return { ok: true, value: REFERENCE_POLICY };
  return { ok: true, value: Object.freeze({ ...parts, name: w.name ?? nameOf(parts), isReference: isReferenceParts(parts) }) };
}
