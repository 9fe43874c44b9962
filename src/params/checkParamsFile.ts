/**
 * Everything `liqcheck params check` says about a well-formed parameter set: the parameter
 * invariants of the catalog (PAR-001…004), the domain rules of spec §2–§3 no PAR id covers, and
 * the risk advisories (RSK-00x).
 * @see docs/params.md#findings
 */
import { checkParams } from '../invariants/checkParams.ts';
import { parseParams } from '../model/parseScenario.ts';
import type { RiskParams } from '../model/types.ts';
import { ADVISORIES } from './advisories.ts';
import type { Finding } from './finding.ts';
import { locate } from './locate.ts';

/** Every finding, errors first (catalog order), then warnings. */
export function checkParamsFile(params: RiskParams): Finding[] {
  const par: Finding[] = checkParams(params).map((v) => ({ id: v.invariant, severity: 'error', where: locate(v.message), reason: v.message }));
  const parsed = parseParams(params);
  if (!parsed.ok) {
    // The parser checks the same rules field by field; report what no PAR finding already covers.
    const covered = (path: string) => par.some((f) => path === f.where || path.startsWith(`${f.where}.`) || path.startsWith(`${f.where}[`));
    const spec: Finding[] = parsed.issues
      .filter((i) => !covered(i.path))
      .map((i) => ({ id: 'SPEC', severity: 'error', where: i.path, reason: `expected ${i.expected}, received ${i.received}` }));
    return [...par, ...spec];
  }
  const warnings: Finding[] = ADVISORIES.flatMap((a) => a.check(parsed.value).map((w) => ({ id: a.id, severity: 'warning' as const, ...w })));
  return [...par, ...warnings];
}
