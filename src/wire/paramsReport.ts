/**
 * The report of `liqcheck params check --json`: the file checked, the verdict and every finding.
 * Shipped as fixtures/schema/params-report-1.schema.json.
 *
 * `Finding` (re-exported by src/params/finding.ts, where the checks build them) is this file's
 * static type.
 *
 * @see docs/params.md#findings
 */
import { Type } from 'typebox';
import { CLOSED, Count, patterned, wireId, type Wire } from './common.ts';


export const Severity = Type.Union([Type.Literal('error'), Type.Literal('warning')], {
  expected: '"error" or "warning"',
  description: 'error: the set breaks a rule the model or the catalog relies on (exit 1); warning: a risk advisory',
});
export type Severity = Wire<typeof Severity>;

export const Finding = Type.Object(
  {
    id: patterned('^(PAR-[0-9]{3}|RSK-[0-9]{3}|SPEC)$', 'PAR-0xx, RSK-0xx or SPEC', 'the rule: PAR-00x (catalog), SPEC (a domain rule of spec §2–§3 no PAR id covers) or RSK-00x (advisory)'),
    severity: Severity,
    where: Type.String({ description: 'the offending field, tier or step, as a path into the file: params.markets["BTC-PERP"].tiers[1]' }),
    reason: Type.String(),
  },
  { ...CLOSED, description: 'one finding of params check' },
);
export type Finding = Wire<typeof Finding>;

export const ParamsReport = Type.Object(
  {
    file: Type.String({ description: 'the risk-parameters file checked' }),
    ok: Type.Boolean({ description: 'no error (warnings allowed unless --strict)' }),
    errors: Count('findings of severity error'),
    warnings: Count('findings of severity warning'),
    findings: Type.Array(Finding),
  },
  {
    ...CLOSED,
    expected: 'a params check report (a JSON object)',
    $id: wireId('params-report'),
    title: 'liqcheck params check report, format 1',
    description: 'The --json report of liqcheck params check (docs/params.md#findings). A file the reference model cannot accept gets no report: the command exits 2.',
  },
);
export type ParamsReport = Wire<typeof ParamsReport>;
