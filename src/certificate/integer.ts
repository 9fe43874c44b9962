/**
 * The certificate's own reader of decimal strings: a decimal is an integer at a fixed scale
 * (spec §14.2), read digit by digit with no rounding and no division.
 *
 * @remarks Why its own and not the model's parser: the verifier is the template other teams port
 * to Solidity or Rust, where the whole number system is "an integer at scale s". It needs exactly
 * one operation — the mantissa of a string at a given scale, refused when the string has more
 * fraction digits than the scale holds — and the refusal is how "on the quote grid" or "on the
 * 10^−18 grid" is checked without dividing.
 * @see docs/spec.md#142-integers-and-scales
 */

const DECIMAL = /^(-?)([0-9]+)(?:\.([0-9]+))?$/;

/** `10^k` as a bigint (k ≥ 0, small). */
export function ten(k: number): bigint {
  return 10n ** BigInt(k);
}

/**
 * The integer `value · 10^scale` of a decimal string, or `undefined` when the string is not a plain
 * decimal or has a non-zero digit beyond `scale` fraction digits (it is then not on that grid).
 */
export function readAt(text: unknown, scale: number): bigint | undefined {
  if (typeof text !== 'string') return undefined;
  const m = DECIMAL.exec(text);
  if (m === null) return undefined;
  const fraction = m[3] ?? '';
  let cut = fraction.length;
  while (cut > scale && fraction.charCodeAt(cut - 1) === 48 /* '0' */) cut--;
  if (cut > scale) return undefined;
  const digits = m[2]! + fraction.slice(0, cut) + '0'.repeat(scale - cut);
  const v = BigInt(digits);
  return m[1] === '-' ? -v : v;
}

/**
 * The integer at `scale` of a decimal string, rounded toward −∞ when it has more digits: the
 * certifier's lenient reading of a wrong result (the verifier never rounds).
 */
export function readFloorAt(text: unknown, scale: number): bigint | undefined {
  if (typeof text !== 'string') return undefined;
  const m = DECIMAL.exec(text);
  if (m === null) return undefined;
  const fraction = m[3] ?? '';
  const kept = fraction.slice(0, scale).padEnd(scale, '0');
  const dropped = fraction.slice(scale);
  let v = BigInt(m[2]! + kept);
  if (m[1] === '-') v = /[1-9]/.test(dropped) ? -v - 1n : -v;
  return v;
}

const INTEGER = /^(0|-?[1-9][0-9]*)$/;

/** A witness integer of the certificate (a decimal string of an integer), or `undefined`. */
export function readInteger(text: unknown): bigint | undefined {
  return typeof text === 'string' && INTEGER.test(text) ? BigInt(text) : undefined;
}

/** The decimal string of `m · 10^−scale` (canonical, spec §1.1), for failure messages. */
export function show(m: bigint, scale: number): string {
  const neg = m < 0n;
  let digits = (neg ? -m : m).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    const int = digits.slice(0, digits.length - scale);
    const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
    digits = frac === '' ? int : `${int}.${frac}`;
  }
  return digits === '0' ? '0' : (neg ? '-' : '') + digits;
}
