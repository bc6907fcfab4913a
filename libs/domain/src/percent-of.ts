/** How a fractional count is turned into a whole number of devices. */
export type PercentRounding = 'floor' | 'ceil';

interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

/**
 * The exact decimal an operator wrote (`12.5` is 125 × 10⁻¹), recovered from the shortest
 * string JavaScript prints for the number. Binary floating point cannot hold most decimal
 * fractions, and `0.07 * 100` is 7.000000000000001: rounding that up would put one device
 * too many in a wave or tolerate one failure too few. Ansible's `max_fail_percentage` has
 * shipped exactly such off-by-one bugs.
 */
function toDecimal(value: number): Decimal {
  const [coefficient = '0', exponentText = '0'] = String(value).split('e');
  const [whole = '0', fraction = ''] = coefficient.split('.');
  const scale = fraction.length - Number(exponentText);
  const digits = BigInt(whole + fraction);
  if (scale >= 0) return { digits, scale };
  return { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

/**
 * `pct` percent of `count`, rounded down or up to a whole number, computed exactly in
 * decimal (see {@link toDecimal}). Both arguments must be finite and non-negative; `count`
 * must be an integer.
 */
export function percentOf(pct: number, count: number, rounding: PercentRounding): number {
  const { digits, scale } = toDecimal(pct);
  const numerator = digits * BigInt(count);
  const denominator = 100n * 10n ** BigInt(scale);
  const quotient = numerator / denominator;
  const exact = quotient * denominator === numerator;
  return Number(rounding === 'ceil' && !exact ? quotient + 1n : quotient);
}
