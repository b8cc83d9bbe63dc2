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
 */

export const MAX_WEIGHT = 255;
const MIN_SCALE = 128;

function weightsAt(scale: number, capacities: readonly number[], largest: number): number[] {
  return capacities.map((c) => (c > 0 ? Math.max(1, Math.round((scale * c) / largest)) : 0));
}

/** The largest distance between a weight's share and its capacity's share. */
export function shareError(weights: readonly number[], capacities: readonly number[]): number {
  const w = weights.reduce((a, b) => a + b, 0);
  const c = capacities.reduce((a, b) => a + b, 0);
  if (w === 0 || c === 0) return 0;
  let worst = 0;
  for (let i = 0; i < weights.length; i++) {
    worst = Math.max(worst, Math.abs((weights[i] ?? 0) / w - (capacities[i] ?? 0) / c));
  }
  return worst;
}

/** Weights for the given capacities: 0 for capacity 0, otherwise 1..255 and proportional. */
export function apportionWeights(capacities: readonly number[]): number[] {
  const largest = Math.max(0, ...capacities);
  if (largest <= 0) return capacities.map(() => 0);
  let best = weightsAt(MAX_WEIGHT, capacities, largest);
  let bestError = shareError(best, capacities);
  for (let scale = MAX_WEIGHT - 1; scale >= MIN_SCALE && bestError > 1e-12; scale--) {
    const candidate = weightsAt(scale, capacities, largest);
    const error = shareError(candidate, capacities);
    if (error < bestError - 1e-12) {
      best = candidate;
      bestError = error;
    }
  }
  return best;
}

/** Each weight's share of the total; all zeros when the total is zero. */
export function sharesOf(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (total === 0 ? 0 : w / total));
}
