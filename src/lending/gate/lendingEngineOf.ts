/**
 * An engine behind the gate's adapters (subprocess, module, HTTP: src/adapters/) as a lending
 * engine: its handshake must list the protocol feature `lending` and declare the lending profile's
 * name as its `policy`; its answers are read as lending outcomes. A `result` reply crosses the
 * adapters as the object the engine sent, so the lending catalog judges it unchanged (LND-000
 * first); a crash, a timeout or a broken protocol is no answer at all.
 * @see docs/protocol.md#lending-scenarios-feature-lending
 */
import type { EngineHandle } from '../../adapters/engineHandle.ts';
import type { Scenario } from '../../model/types.ts';
import type { AsyncLendingEngine } from '../invariants/checkLendingCase.ts';
import type { LendingAnswer } from '../invariants/invariant.ts';

/** The protocol feature a lending engine lists in `hello_ok.features` (a module: its `features` export). */
export const LENDING_FEATURE = 'lending';

/** Answers that are the adapter's, not the engine's (src/adapters/protocol.ts `failed`). */
const NO_ANSWER = new Set(['crash', 'timeout', 'protocol-error']);

/**
 * Why `h` cannot be judged under the lending profile `profile`, one `path: expected …, received …`
 * line each; empty when it can.
 */
export function lendingHandshakeProblems(h: Pick<EngineHandle, 'kind' | 'features' | 'policy'>, profile: string): string[] {
  const at = (field: string): string => (h.kind === 'module' ? `the module's \`${field}\` export` : `hello_ok.${field}`);
  const problems: string[] = [];
  if (!h.features.includes(LENDING_FEATURE)) {
    problems.push(`${at('features')}: expected a list naming "${LENDING_FEATURE}" (the engine answers lending scenarios, docs/protocol.md#lending-scenarios-feature-lending), received ${JSON.stringify(h.features)}`);
  }
  if (h.policy !== profile) {
    problems.push(`${at('policy')}: expected ${JSON.stringify(profile)} (the lending profile's name: the engine declares the market it implements), received ${JSON.stringify(h.policy)}`);
  }
  return problems;
}

/** `h` as an {@link AsyncLendingEngine}: an adapter failure becomes an engine failure, never a violation. */
export function lendingEngineOf(h: Pick<EngineHandle, 'run'>): AsyncLendingEngine {
  return async (scenario) => {
    const answer = await h.run(scenario as unknown as Scenario);
    if (!answer.ok && NO_ANSWER.has(answer.error.code)) {
      const message = 'message' in answer.error ? answer.error.message : '';
      return { ok: false, error: { code: 'engine-threw', message: `${answer.error.code}: ${message}` } };
    }
    return answer as unknown as LendingAnswer;
  };
}
