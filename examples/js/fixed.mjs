/**
 * Exact decimals on BigInt, the way fixed-point engines compute: a value is `m · 10^−e` with an
 * integer mantissa `m` and a scale `e ≥ 0`. Addition, subtraction and multiplication are exact;
 * the only division is the truncated integer quotient {@link divInt}, on which every rounding the
 * spec allows (docs/spec.md §1.3) is built explicitly. No dependency, no floating point.
 */

const POW10 = [1n];
/** `10^k` as a BigInt, cached. */
function pow10(k) {
  while (POW10.length <= k) POW10.push(POW10[POW10.length - 1] * 10n);
  return POW10[k];
}

const DECIMAL = /^-?(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

export class Fx {
  /** @param {bigint} m @param {number} e */
  constructor(m, e) {
    this.m = m;
    this.e = e;
  }

  /** Parses a decimal string of spec §1.1 (the caller has checked its syntax). */
  static parse(s) {
    const match = DECIMAL.exec(s);
    if (match === null) throw new Error(`not a decimal string: ${s}`);
    const dot = s.indexOf('.');
    return dot < 0 ? new Fx(BigInt(s), 0) : new Fx(BigInt(s.slice(0, dot) + s.slice(dot + 1)), s.length - dot - 1);
  }

  static int(n) {
    return new Fx(BigInt(n), 0);
  }

  add(b) {
    if (this.e === b.e) return new Fx(this.m + b.m, this.e);
    return this.e < b.e ? new Fx(this.m * pow10(b.e - this.e) + b.m, b.e) : new Fx(this.m + b.m * pow10(this.e - b.e), this.e);
  }

  sub(b) {
    if (this.e === b.e) return new Fx(this.m - b.m, this.e);
    return this.e < b.e ? new Fx(this.m * pow10(b.e - this.e) - b.m, b.e) : new Fx(this.m - b.m * pow10(this.e - b.e), this.e);
  }

  mul(b) {
    return new Fx(this.m * b.m, this.e + b.e);
  }

  neg() {
    return new Fx(-this.m, this.e);
  }

  abs() {
    return this.m < 0n ? this.neg() : this;
  }

  /** `this · 10^k` for an integer k (exact). */
  shift(k) {
    return k >= 0 ? new Fx(this.m * pow10(k), this.e) : new Fx(this.m, this.e - k);
  }

  cmp(b) {
    let x = this.m;
    let y = b.m;
    if (this.e < b.e) x *= pow10(b.e - this.e);
    else if (this.e > b.e) y *= pow10(this.e - b.e);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  lt(b) { return this.cmp(b) < 0; }
  lte(b) { return this.cmp(b) <= 0; }
  gt(b) { return this.cmp(b) > 0; }
  gte(b) { return this.cmp(b) >= 0; }
  eq(b) { return this.cmp(b) === 0; }
  isZero() { return this.m === 0n; }
  isPos() { return this.m > 0n; }
  isNeg() { return this.m < 0n; }

  /** Canonical string (spec §1.1): plain notation, no trailing fraction zeros, "0" for zero. */
  toString() {
    let { m, e } = this;
    if (m === 0n) return '0';
    while (e > 0 && m % 10n === 0n) {
      m /= 10n;
      e--;
    }
    const neg = m < 0n;
    let digits = (neg ? -m : m).toString();
    if (e > 0) {
      digits = digits.padStart(e + 1, '0');
      digits = `${digits.slice(0, digits.length - e)}.${digits.slice(digits.length - e)}`;
    }
    return neg ? `-${digits}` : digits;
  }

  /** Number of fraction digits once trailing zeros are stripped. */
  scale() {
    let { m, e } = this;
    while (e > 0 && m % 10n === 0n) {
      m /= 10n;
      e--;
    }
    return e;
  }
}

export const ZERO = Fx.int(0);
export const ONE = Fx.int(1);

/** Integer part of `a / b`, truncated toward zero (exact). */
export function divInt(a, b) {
  return new Fx((a.m * pow10(b.e)) / (b.m * pow10(a.e)), 0);
}

/** `x` rounded down (toward −∞) to a multiple of `step > 0`. */
export function floorTo(x, step) {
  const down = divInt(x, step).mul(step);
  return x.lt(down) ? down.sub(step) : down;
}

/** `x` rounded up (toward +∞) to a multiple of `step > 0`. */
export function ceilTo(x, step) {
  const down = divInt(x, step).mul(step);
  return x.gt(down) ? down.add(step) : down;
}

/** `x` rounded to the nearest multiple of `step`, ties up (a bug variant uses it). */
export function nearestTo(x, step) {
  const down = floorTo(x, step);
  return x.sub(down).mul(Fx.int(2)).gte(step) ? down.add(step) : down;
}

/** `⌊a / b⌋` for `b > 0`. */
export function floorDiv(a, b) {
  const q = divInt(a, b);
  return a.lt(q.mul(b)) ? q.sub(ONE) : q;
}

/** `⌈a / b⌉` for `b > 0`. */
export function ceilDiv(a, b) {
  const q = divInt(a, b);
  return a.gt(q.mul(b)) ? q.add(ONE) : q;
}

export function isMultipleOf(x, step) {
  return divInt(x, step).mul(step).eq(x);
}

export function min(a, b) {
  return a.lt(b) ? a : b;
}

export function max(a, b) {
  return a.gt(b) ? a : b;
}
