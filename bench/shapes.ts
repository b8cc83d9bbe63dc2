/** The fleet shapes the planning bench measures, each at a ladder of sizes. */
import type { RegionObservation } from '../shared/domain/fleet/fleet.js';
import type { RebalancerSpec } from '../shared/domain/spec.js';
import { benchFleet, benchSpec, BENCH_REGIONS } from './fleet.js';

export interface Shape {
  readonly name: string;
  readonly label: string;
  /** Instance counts, each twice the one before except perhaps the last. */
  readonly sizes: readonly number[];
  readonly spec: RebalancerSpec;
}

const FOUR = BENCH_REGIONS.slice(0, 4);

/**
 * Route 53 holds at most 10,000 weighted records or 100 groups of 100 per
 * regional name, so the one-service shapes top out at 10,000 instances per
 * region and service (40k over 4 regions): their ladders grow the regions,
 * which is where planning was superlinear.
 */
export const SHAPES: readonly Shape[] = [
  {
    name: 'many',
    label: '50 services x 20 regions (half weighted, half grouped)',
    sizes: [10_000, 20_000, 40_000, 100_000],
    spec: benchSpec(50, BENCH_REGIONS),
  },
  {
    name: 'weighted',
    label: '1 weighted service x 4 regions (sharded: 13 to 100 shards per region)',
    sizes: [5_000, 10_000, 20_000, 40_000],
    spec: benchSpec(1, FOUR, ['weighted']),
  },
  {
    name: 'grouped',
    label: '1 grouped service x 4 regions (1.25k to 10k instances per region)',
    sizes: [5_000, 10_000, 20_000, 40_000],
    spec: benchSpec(1, FOUR, ['grouped']),
  },
  {
    name: 'mixed',
    label: '1 weighted + 1 grouped service x 4 regions (up to 10k per region and service)',
    sizes: [10_000, 20_000, 40_000, 80_000],
    spec: benchSpec(2, FOUR),
  },
];

export function shapeNamed(name: string): Shape {
  const shape = SHAPES.find((s) => s.name === name);
  if (shape === undefined) throw new Error(`no bench shape ${name}`);
  return shape;
}

export function shapeFleet(
  shape: Shape,
  total: number,
  epoch: number,
): Map<string, RegionObservation> {
  return benchFleet(shape.spec, total, epoch);
}
