/**
 * apportionWeights as it was before issue 13 (every candidate scale's weights
 * built as an array, and the capacities normalised again for each one), kept
 * as the reference that shared/domain/layout/weights.ts must agree with.
 */
import { MAX_WEIGHT, relativeCapacities } from '../../../shared/domain/layout/weights.js';

const MIN_SCALE = 128;

/** The largest distance between a weight's share and its capacity's share; finite for any finite input. */
export function shareError(weights: readonly number[], capacities: readonly number[]): number {
  const relative = relativeCapacities(capacities);
  const w = weights.reduce((a, b) => a + b, 0);
  const c = relative.reduce((a, b) => a + b, 0);
  if (w === 0 || c === 0) return 0;
  let worst = 0;
  for (let i = 0; i < weights.length; i++) {
    worst = Math.max(worst, Math.abs((weights[i] ?? 0) / w - (relative[i] ?? 0) / c));
  }
  return worst;
}

function weightsAt(scale: number, relative: readonly number[]): number[] {
  return relative.map((r) => (r > 0 ? Math.max(1, Math.round(scale * r)) : 0));
}

/** The pre-issue-13 apportionWeights(): the weights the optimised one must give. */
export function referenceApportionWeights(capacities: readonly number[]): number[] {
  const relative = relativeCapacities(capacities);
  if (!relative.some((r) => r > 0)) return capacities.map(() => 0);
  let best = weightsAt(MAX_WEIGHT, relative);
  let bestError = shareError(best, relative);
  for (let scale = MAX_WEIGHT - 1; scale >= MIN_SCALE && bestError > 1e-12; scale--) {
    const candidate = weightsAt(scale, relative);
    const error = shareError(candidate, relative);
    if (error < bestError - 1e-12) {
      best = candidate;
      bestError = error;
    }
  }
  return best;
}
