/**
 * Rationing of the long side at the marginal price of a call, in whole units (lots divided by the
 * venue's lot size), conserving the allocated quantity exactly.
 * @module
 */

/** What the rationing needs to know about one marginal order. */
export interface RationedOrder {
  /** Units wanted (remaining quantity divided by the lot size). */
  units: number;
  /** Index of the call at which the order arrived; smaller = earlier batch. */
  entry: number;
}

/** `floor(a * b / c)` and the remainder `a * b mod c`, exact for safe integers. */
function mulDivFloor(a: number, b: number, c: number): [number, number] {
  const prod = a * b;
  if (Number.isSafeInteger(prod)) return [Math.floor(prod / c), prod % c];
  const big = BigInt(a) * BigInt(b);
  const bc = BigInt(c);
  return [Number(big / bc), Number(big % bc)];
}

/**
 * Pro-rata allocation with largest remainders: each order gets `floor(amount * units_i / total)`,
 * then the units left over go one each to the orders with the largest remainders, ties broken by
 * position (earlier first). Requires `amount <= total`. Writes into `out[from..to)`.
 */
function proRata(orders: readonly RationedOrder[], from: number, to: number, amount: number, out: number[]): void {
  let total = 0;
  for (let i = from; i < to; i++) total += orders[i]!.units;
  if (amount >= total) {
    for (let i = from; i < to; i++) out[i] = orders[i]!.units;
    return;
  }
  const rem: number[] = [];
  let given = 0;
  for (let i = from; i < to; i++) {
    const [q, r] = mulDivFloor(amount, orders[i]!.units, total);
    out[i] = q;
    rem.push(r);
    given += q;
  }
  let left = amount - given;
  if (left === 0) return;
  const idx: number[] = [];
  for (let i = 0; i < rem.length; i++) if (rem[i]! > 0) idx.push(i);
  idx.sort((x, y) => rem[y]! - rem[x]! || x - y);
  for (let j = 0; j < idx.length && left > 0; j++, left--) out[from + idx[j]!]! += 1;
}

/**
 * Pro-rata with priority for earlier batches: orders are taken in tiers of equal `entry`, oldest
 * first; a tier is filled in full while the amount lasts, and the tier where it runs out is
 * rationed pro-rata by largest remainder. `orders` must be in arrival order (so tiers are
 * contiguous and ties go to the earlier arrival).
 * @returns units allocated to each order, in the same order
 */
export function rationProRataEarlierFirst(orders: readonly RationedOrder[], amount: number): number[] {
  const out = new Array<number>(orders.length).fill(0);
  let left = amount;
  let i = 0;
  while (i < orders.length && left > 0) {
    let j = i;
    let tier = 0;
    while (j < orders.length && orders[j]!.entry === orders[i]!.entry) tier += orders[j++]!.units;
    const give = tier < left ? tier : left;
    proRata(orders, i, j, give, out);
    left -= give;
    i = j;
  }
  return out;
}

/**
 * Strict time priority: orders are served in arrival order until the amount runs out.
 * @returns units allocated to each order, in the same order
 */
export function rationStrictTime(orders: readonly RationedOrder[], amount: number): number[] {
  const out = new Array<number>(orders.length).fill(0);
  let left = amount;
  for (let i = 0; i < orders.length && left > 0; i++) {
    const g = orders[i]!.units < left ? orders[i]!.units : left;
    out[i] = g;
    left -= g;
  }
  return out;
}
