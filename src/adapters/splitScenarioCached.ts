/**
 * The scenario split for a `params-ref` request (protocol 1.1), with the params text of a deeply
 * frozen params object written once per object instead of once per request.
 */
import { isDeepFrozen } from '../model/frozen.ts';
import { splitScenario, type SplitScenario } from './protocol.ts';

/**
 * JSON text of deeply frozen params objects, by identity. A generated params set is frozen and
 * shared by every scenario derived from it, so its text — most of a request's bytes — is written
 * once; handing back the same string object also makes the `ParamsSlots` lookup (paramsSlots.ts) cheap (its
 * hash is computed once, and the key compares by identity). A frozen object cannot change, so its
 * text cannot go stale; any other object is written anew on every request.
 */
const frozenParamsText = new WeakMap<object, string>();

/**
 * {@link splitScenario}, with the params text of a deeply frozen params object written only once.
 * The same split, byte for byte.
 */
export function splitScenarioCached(scenario: unknown): SplitScenario | null {
  if (scenario !== null && typeof scenario === 'object' && Object.hasOwn(scenario, 'params')) {
    const params = (scenario as { readonly params: unknown }).params;
    const known = params !== null && typeof params === 'object' ? frozenParamsText.get(params) : undefined;
    // A cached params object passed splitScenario's checks when cached, and being frozen it still
    // does; the scenario around it may be new and is checked as splitScenario checks it.
    if (known !== undefined && Object.getPrototypeOf(scenario) === Object.prototype && !('toJSON' in scenario)) {
      const { params: _, ...rest } = scenario as { readonly params: unknown };
      return { paramsJson: known, restJson: JSON.stringify(rest) };
    }
  }
  const split = splitScenario(scenario);
  if (split !== null) {
    const params = (scenario as { readonly params: object }).params;
    if (isDeepFrozen(params)) frozenParamsText.set(params, split.paramsJson);
  }
  return split;
}
