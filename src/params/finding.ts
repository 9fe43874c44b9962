/**
 * A finding of `liqcheck params check`: which rule (`PAR-00x` catalog, `SPEC` a domain rule of spec
 * §2–§3 no PAR id covers, `RSK-00x` advisory), how bad (`error`: the set breaks a rule the model or
 * the catalog relies on, exit 1; `warning`: a risk advisory), where in the file (a path such as
 * `params.markets["BTC-PERP"].tiers[1]`) and why. The shape is the params-report schema's
 * (src/wire/paramsReport.ts).
 * @see docs/params.md#findings
 */
export type { Finding, Severity } from '../wire/paramsReport.ts';
