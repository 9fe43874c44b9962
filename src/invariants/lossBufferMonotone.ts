import { Dec } from '../model/decimal.ts';
import { Fixed, toDec } from '../model/fixed.ts';
import type { ParsedScenario, Scenario, Status } from '../model/types.ts';
import type { FPolicy, FRequirement } from '../policy/policy.ts';
import { promisesOf } from '../policy/promises.ts';
import { derivedInput, type CaseInput } from './caseInput.ts';
import type { Case, DerivedRun, RelationInvariant } from './invariant.ts';
import { exactOf, s } from './ledger.ts';
import { exactRunResult, resultOf } from './relationSupport.ts';

const FTWO = new Fixed(2n, 0);

interface GroupView {
  readonly group: string;
  readonly status: Status;
  readonly maintenance: Dec;
}

/** The case's requirement part when it has a loss buffer β > 0; else null (outside the domain). */
function buffered(c: Case): FRequirement | null {
  const r = c.input.policy?.requirement;
  return r !== undefined && r.lossBuffer.sign() > 0 ? r : null;
}

/** A run's groups (exact amounts when the engine recorded them, else its wire strings). */
function groupsOf(run: DerivedRun | undefined): readonly GroupView[] | string {
  const exact = exactRunResult(run);
  if (exact !== undefined) return exact.groups.map((g) => ({ group: g.group, status: g.status, maintenance: toDec(g.before.maintenance) }));
  const r = resultOf(run);
  if (typeof r === 'string') return r;
  return r.groups.map((g) => ({ group: g.group, status: g.status, maintenance: new Dec(g.before.maintenance) }));
}

/**
 * LIQ-026 — a larger loss buffer never requires less.
 *
 * @remarks Doubling β (spec §10.2) changes no equity and, for each position, adds
 * `β · max(0, −U_i) ≥ 0` again: every group's requirement before liquidation is non-decreasing, so
 * a group the engine liquidates under β it must liquidate under 2β (the trigger of §4.3 compares
 * the same equity with a requirement no smaller). Both follow from the rule's form, whatever the
 * rest of the policy: an engine that credits gains, or reads the buffer as a haircut, fails it.
 * @see docs/spec.md#102-requirement
 */
export const lossBufferMonotone: RelationInvariant = {
  kind: 'relation',
  id: 'LIQ-026',
  title: 'requirement non-decreasing in the loss buffer',
  statement: 'Doubling the loss buffer β of the policy’s requirement (same account, prices and other parts) never lowers any group’s maintenance before liquidation, and (under a policy that promises to act) never leaves healthy a group that was liquidated.',
  domain: 'Engines whose declared policy has a loss buffer β > 0 (spec §10.2), on scenarios under such a policy. An engine that ignores the scenario’s policy and keeps its declared β answers the same and holds trivially.',
  spec: '#102-requirement',
  presumes: ['loss-buffered'],
  derive: (c): CaseInput[] => {
    const r = buffered(c);
    if (r === null) return [];
    const policy = c.input.policy!;
    const more = r.lossBuffer.mul(FTWO);
    const requirement: FRequirement = { ...r, lossBuffer: more };
    const parsed: ParsedScenario = { ...c.input, policy: { ...policy, requirement } satisfies FPolicy };
    const wire = (): Scenario => {
      const w = c.scenario.policy!;
      return { ...c.scenario, policy: { ...w, requirement: { ...w.requirement!, lossBuffer: s(more) } } };
    };
    return [derivedInput(parsed, wire, [toDec(more)])];
  },
  compare: (c, runs) => {
    const now = groupsOf(runs[0]);
    if (typeof now === 'string') return [now];
    const was: GroupView[] = exactOf(c).output.groups.map((g) => ({ group: g.group, status: g.status, maintenance: toDec(g.before.maintenance) }));
    const beta = s(buffered(c)!.lossBuffer);
    // Only a policy that acts on every liquidatable group (§10.7 `acts`) must close something again.
    const acts = promisesOf(c.input.policy!).has('acts');
    const out: string[] = [];
    for (const g of was) {
      const h = now.find((x) => x.group === g.group);
      if (h === undefined) {
        out.push(`group ${g.group} is missing from the result with the loss buffer doubled`);
        continue;
      }
      if (h.maintenance.lt(g.maintenance)) out.push(`group ${g.group}: maintenance falls from ${s(g.maintenance)} to ${s(h.maintenance)} when the loss buffer doubles from ${beta}`);
      if (acts && g.status !== 'healthy' && h.status === 'healthy') out.push(`group ${g.group} is liquidated (${g.status}) with loss buffer ${beta} but left healthy with twice that`);
    }
    return out;
  },
};
