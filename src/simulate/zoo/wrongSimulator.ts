/**
 * A wrong simulator of the system zoo (docs/simulation.md S10): the reference simulation with one
 * piece swapped — a driver rule (src/simulate/rules.ts) or the step engine's ADL/result pieces
 * (referenceStepEngine's options) — so that exactly one system invariant is its target. The judge
 * must catch each (properties/simulationZoo.test.ts).
 * @see docs/simulation.md#s10-system-invariants
 */
import type { SimulateOptions } from '../simulate.ts';
import type { SimulationSetup } from '../simulationSetup.ts';

export interface WrongSimulator {
  readonly name: string;
  /** the invariant it is built to break */
  readonly breaks: `SYS-${string}`;
  /** the bug, as it would read in a bug report */
  readonly description: string;
  /**
   * The simulate options that make the bug, for a setup (a wrong engine is built on the setup).
   * An `onEvent` returned here is the bug's own watcher: a caller that traces must call both.
   */
  readonly options: (setup: SimulationSetup) => SimulateOptions;
}
