/** An in-process engine in TypeScript: the reference itself, behind a default export, with handshake exports. */
import { liquidate } from '../../model/liquidate.ts';
import type { Scenario } from '../../model/types.ts';

export const name = 'reference-as-module';
export const version = '9.9.9';
export const policy = 'minimal-close';
export const features = ['cross', 'tiers'];

export default function engine(s: Scenario) {
  return liquidate(s);
}
