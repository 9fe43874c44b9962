/**
 * Test support: one simulation run with its trace and report bytes and the judge's verdict, for a
 * profile (or the built-in minimal-close parameters) and a configuration, optionally through a
 * wrong simulator of the zoo.
 */
import { defaultParams } from '../../../arbitraries/defaultParams.ts';
import { profileNamed } from '../../../profiles/index.ts';
import type { SimulationConfig, SimulationReport } from '../../../wire/simulation.ts';
import type { TraceEvent } from '../../../wire/simulationTrace.ts';
import { resolveSimulation, simulate } from '../../simulate.ts';
import type { WrongSimulator } from '../../zoo/index.ts';
import { judgeTrace, type Judgement } from '../judgeTrace.ts';

export interface TracedRun {
  readonly events: readonly TraceEvent[];
  readonly trace: string;
  readonly report: SimulationReport;
  readonly reportText: string;
  readonly judgement: Judgement;
}

/** Runs `config` under `profile` (null: minimal-close defaults), through `zoo` when given, and judges it. */
export async function runTraced(profile: string | null, config: SimulationConfig, zoo?: WrongSimulator): Promise<TracedRun> {
  const p = profile === null ? undefined : profileNamed(profile);
  if (profile !== null && p === undefined) throw new Error(`no profile ${profile}`);
  const r = resolveSimulation(config, p === undefined ? { params: defaultParams } : { params: p.params, policy: p.wire.policy, profile: profile! });
  if (!r.ok) throw new Error(`config refused: ${JSON.stringify(r.issues)}`);
  const options = zoo?.options(r.value) ?? {};
  const lines: string[] = [];
  const { report } = await simulate(r.value, {
    ...options,
    onEvent: (e) => {
      options.onEvent?.(e);
      lines.push(JSON.stringify(e));
    },
  });
  // The judge reads the trace as a file would give it: parsed from its bytes.
  const events = lines.map((l) => JSON.parse(l) as TraceEvent);
  return { events, trace: `${lines.join('\n')}\n`, report, reportText: JSON.stringify(report, null, 2), judgement: judgeTrace(events) };
}

/** Violation counts by invariant id. */
export function countsById(j: Judgement): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of j.violations) out[v.id] = (out[v.id] ?? 0) + 1;
  return out;
}
