import { FZERO } from '../model/fixed.ts';
import { marginRatio, type FHealth } from '../model/fixedCore.ts';
import type { Status } from '../model/types.ts';
import type { ExactSnapshot } from './exactCase.ts';
import { exactOf, healthOf, holdsAssets, ledger, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';

const SEVERITY: Readonly<Record<Status, number>> = { healthy: 0, partial: 1, full: 2, bankrupt: 3 };

function differences(where: string, got: ExactSnapshot, equity: FHealth): string[] {
  const out: string[] = [];
  const ratio = marginRatio(equity.equity, equity.maintenance);
  const pairs: [string, ExactSnapshot['equity'], ExactSnapshot['equity']][] = [
    ['equity', got.equity, equity.equity],
    ['maintenance', got.maintenance, equity.maintenance],
    ['target', got.target, equity.target],
  ];
  for (const [name, reported, actual] of pairs) {
    if (!reported.eq(actual)) out.push(`${where} ${name} is reported as ${s(reported)} but is ${s(actual)}`);
  }
  const same = ratio === null ? got.marginRatio === null : got.marginRatio !== null && got.marginRatio.eq(ratio);
  if (!same) out.push(`${where} margin ratio is reported as ${got.marginRatio === null ? 'null' : s(got.marginRatio)} but is ${ratio === null ? 'null' : s(ratio)}`);
  return out;
}

/**
 * LIQ-017 — the diagnostics tell the truth.
 *
 * @see docs/spec.md#8-result
 */
export const reportConsistent: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-017',
  title: 'diagnostics and statuses consistent',
  statement: 'The result reports every margin group once, in processing order, with its true equity, maintenance, target and margin ratio before and after, and a status that matches its fills (healthy: none on a group that does not meet the trigger; partial: positions left, also by a group that meets the trigger but gets no fill under a policy that does not promise acts; full: flat; bankrupt: flat with a deficit); the account status is the most severe.',
  domain: 'All scenarios. Dashboards and SDKs that recompute margin with their own rounding are where these drift in practice (e.g. drift-rs vs the on-chain program).',
  spec: '#8-result',
  presumes: [],
  check: (c) => {
    const out: string[] = [];
    const groups = ledger(c);
    const reported = exactOf(c).output.groups;
    const ids = groups.map((g) => g.id);
    if (reported.map((g) => g.group).join() !== ids.join()) {
      return [`groups reported as [${reported.map((g) => g.group).join(', ')}], expected [${ids.join(', ')}]`];
    }
    let worst: Status = 'healthy';
    groups.forEach((g, i) => {
      const r = reported[i]!;
      out.push(...differences(`group ${g.id} before:`, r.before, g.healthBefore));
      out.push(...differences(`group ${g.id} after:`, r.after, healthOf(c, g.after)));
      const status: Status =
        // A liquidatable group may get no fill under a policy that does not act (requested, §10.3): partial.
        g.fills.length === 0 && !g.liquidatable ? 'healthy'
        : g.after.positions.length > 0 ? 'partial'
        // §13.3: a negative balance with an asset left is borrowed quote, not bad debt.
        : g.impliedCollateral.lt(FZERO) && !holdsAssets(g.after) ? 'bankrupt'
        : 'full';
      if (r.status !== status) out.push(`group ${g.id} status is ${r.status} but its fills make it ${status}`);
      if (SEVERITY[status] > SEVERITY[worst]) worst = status;
    });
    const accountStatus = exactOf(c).output.status;
    if (accountStatus !== worst) out.push(`account status is ${accountStatus} but its groups make it ${worst}`);
    return out;
  },
};
