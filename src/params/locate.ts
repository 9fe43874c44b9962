/**
 * Where a parameter invariant's message points: the PAR checks name a market and tier, or a
 * step, at the start of each message; this turns that prefix into a path into the params file.
 * @internal
 */
import { fieldPath, indexPath, keyPath } from '../model/parseScenario.ts';

const ROOT = 'params';
const PATTERNS: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/^(.*) tier (\d+): /, (m) => indexPath(`${keyPath(fieldPath(ROOT, 'markets'), m[1]!)}.tiers`, Number(m[2]))],
  [/^(.*): no tiers$/, (m) => `${keyPath(fieldPath(ROOT, 'markets'), m[1]!)}.tiers`],
  [/^step (\d+): /, (m) => indexPath(`${ROOT}.penalty.steps`, Number(m[1]))],
  [/^penalty schedule /, () => `${ROOT}.penalty.steps`],
  [/^liquidator share /, () => `${ROOT}.penalty.liquidatorShare`],
  [/^target buffer /, () => `${ROOT}.targetBuffer`],
];

/** The path a PAR message is about; the root when it names nothing more precise. */
export function locate(message: string): string {
  for (const [re, path] of PATTERNS) {
    const m = re.exec(message);
    if (m !== null) return path(m);
  }
  return ROOT;
}
