/**
 * Integer Route 53 weights (0..255) proportional to capacity.
 *
 * Each weight is round(M × capacity / largest capacity), at least 1, for the
 * scale M in 128..255 whose rounding puts every share closest to its capacity
 * share (ties go to the larger M). So equal capacities always get equal
 * weights, whole-number ratios come out exact (2:2:1 -> 254:254:127), and the
 * largest instance keeps at least 128 steps of resolution.
 *
 * Bound (pinned in the tests): with W the sum of the weights and t_i the
 * capacity share of instance i, each weight is within δ_i of its exact value
 * (δ = 1/2 when rounded, < 1 when raised to the minimum of 1), so every share
 * w_i / W is within (δ_i + t_i·Σδ) / W of t_i; with nobody raised that is
 * (1 + n·t_i) / 2W. And never further than plain rounding at M = 255. An
 * instance with capacity is never rounded to 0: that would silently take a
 * healthy instance out of rotation.
 *
 * Scale-safe: capacities are divided by the largest before anything is summed
 * or multiplied, so any finite capacities (1e308 included) give finite
 * weights; a capacity that is not a finite number above 0 gets weight 0.
 */

export const MAX_WEIGHT = 255;
const MIN_SCALE = 128;

/*
 * Arrays here are built at their final length and walked by index: up to 128
 * scales are tried per set of 100, and arrays grown by push, or walked by an
 * iterator, were a tenth of what a weighted plan allocates.
 */

/** Each capacity as a fraction of the largest (0..1); 0 for anything not a finite number above 0. */
export function relativeCapacities(capacities: readonly number[]): number[] {
  const n = capacities.length;
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const c = capacities[i] as number;
    if (Number.isFinite(c) && c > largest) largest = c;
  }
  const relative = new Array<number>(n).fill(0);
  if (largest > 0) {
    for (let i = 0; i < n; i++) {
      const c = capacities[i] as number;
      if (Number.isFinite(c) && c > 0) relative[i] = c / largest;
    }
  }
  return relative;
}

function weightsAt(scale: number, relative: readonly number[]): number[] {
  const weights = new Array<number>(relative.length).fill(0);
  for (let i = 0; i < relative.length; i++) weights[i] = weightAt(scale, relative[i] as number);
  return weights;
}

function weightAt(scale: number, r: number): number {
  return r > 0 ? Math.max(1, Math.round(scale * r)) : 0;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  return total;
}

/**
 * The largest distance between a weight's share, at this scale, and its
 * capacity's share, without building the weights: up to 128 scales are tried
 * per set, and `relative` (largest 1) is its own normalisation, so `c`, its
 * sum, is computed once.
 */
function errorAt(scale: number, relative: readonly number[], c: number): number {
  const n = relative.length;
  let w = 0;
  for (let i = 0; i < n; i++) w += weightAt(scale, relative[i] as number);
  if (w === 0 || c === 0) return 0;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const r = relative[i] as number;
    worst = Math.max(worst, Math.abs(weightAt(scale, r) / w - r / c));
  }
  return worst;
}

/** Weights for the given capacities: 0 for capacity 0, otherwise 1..255 and proportional. */
export function apportionWeights(capacities: readonly number[]): number[] {
  const relative = relativeCapacities(capacities);
  const c = sum(relative);
  // Relative capacities are 0 or above: a sum of 0 means no capacity at all.
  if (c === 0) return relative;
  let best = MAX_WEIGHT;
  let bestError = errorAt(MAX_WEIGHT, relative, c);
  for (let scale = MAX_WEIGHT - 1; scale >= MIN_SCALE && bestError > 1e-12; scale--) {
    const error = errorAt(scale, relative, c);
    if (error < bestError - 1e-12) {
      best = scale;
      bestError = error;
    }
  }
  return weightsAt(best, relative);
}

/** Each weight's share of the total; all zeros when the total is zero. */
export function sharesOf(weights: readonly number[]): number[] {
  const total = sum(weights);
  const shares = new Array<number>(weights.length).fill(0);
  if (total !== 0)
    for (let i = 0; i < weights.length; i++) shares[i] = (weights[i] as number) / total;
  return shares;
}
