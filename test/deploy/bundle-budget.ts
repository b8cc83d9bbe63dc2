import type { FunctionName } from '../../scripts/lib/bundle.js';

/**
 * The size budget of each function's bundle, in bytes, as measured when it was
 * set (esbuild 0.28.2, @aws-sdk/client-* 3.1169, the lockfile of that commit):
 * - `startup`: the code a cold start loads, the entry and every chunk it
 *   imports statically (Bundle.startupBytes); what a cold start pays for;
 * - `packaged`: every file of dist/<name>/ but the bundled config: all code
 *   chunks and their source maps, what the function's zip holds.
 *
 * bundle-budget.test.ts fails when a bundle grows past its figure by more than
 * MARGIN. To change a figure deliberately (a dependency worth its weight, an
 * SDK upgrade), run `npx vitest run test/deploy/bundle-budget.test.ts`, copy
 * the measured sizes its failure prints, and say in the commit why the bundle
 * grew. When a bundle shrinks, lower its figure the same way, so that the
 * margin keeps guarding the smaller size.
 */
export const MARGIN = 0.1;

export const BUNDLE_BUDGET: Record<FunctionName, { startup: number; packaged: number }> = {
  intake: { startup: 144_590, packaged: 893_554 },
  schedule: { startup: 136_000, packaged: 871_869 },
  reconcile: { startup: 475_109, packaged: 1_521_623 },
  manual: { startup: 461_986, packaged: 1_488_910 },
};
