import { ceilTo, Dec, floorDiv, floorTo } from '../../model/decimal.ts';
import type { AuctionSpec } from './replayTrace.ts';

const PHI = 12n;
const SCALE = 10n ** PHI;
const UNIT = new Dec(10).pow(-Number(PHI));

/** S6's curve value c(d), truncated to Φ = 12 digits (the judge's own). */
export function judgeCurve(spec: AuctionSpec, age: number): Dec {
  if (spec.curve.kind === 'linear') {
    const dur = BigInt(spec.curve.duration);
    return new Dec(((BigInt(spec.curve.duration - age) * SCALE) / dur).toString()).mul(UNIT);
  }
  return floorTo(spec.curve.cut.pow(Math.floor(age / spec.curve.step)), UNIT);
}

/** S6's start price of a kick or reset at mark m. */
export function judgeStart(spec: AuctionSpec, side: 'long' | 'short', mark: Dec, tick: Dec): Dec {
  return side === 'long' ? ceilTo(mark.mul(spec.premium.add(1)), tick) : floorTo(mark.mul(new Dec(1).sub(spec.premium)), tick);
}

/** S6's price from a start and a curve value. */
export function judgePrice(side: 'long' | 'short', start: Dec, c: Dec, tick: Dec): Dec {
  return side === 'long' ? ceilTo(start.mul(c), tick) : floorDiv(start, c.mul(tick)).mul(tick);
}
