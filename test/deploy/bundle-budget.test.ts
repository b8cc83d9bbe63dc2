import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../scripts/lib/build.js';
import { BUNDLED_CONFIG, FUNCTIONS, type Bundle } from '../../scripts/lib/bundle.js';
import { BUNDLE_BUDGET, MARGIN } from './bundle-budget.js';

/**
 * Each function's bundle against its budget (bundle-budget.ts): a change that
 * makes a cold start load more code, or the package hold more, than the figure
 * plus MARGIN fails here and has to update the figure on purpose.
 */
const CONFIG = `
hostedZoneId: Z0EXAMPLE12345
ownerId: budget
services:
  - name: api
    recordName: api.example.com
    members: { tags: { 'rebalancer:service': api } }
    health: { alarmNamePrefix: api- }
    regions: { us-east-2: { mode: weighted } }
`;

let dir: string;
let bundles: readonly Bundle[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rebalancer-budget-'));
  writeFileSync(join(dir, 'config.yml'), CONFIG);
  ({ bundles } = await buildAll({
    stage: 'budget',
    config: join(dir, 'config.yml'),
    outDir: join(dir, 'dist'),
  }));
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The bytes of every file the function's zip holds, its config aside (that is the stage's, not code). */
function packagedBytes(bundle: Bundle): number {
  return readdirSync(bundle.dir)
    .filter((file) => file !== BUNDLED_CONFIG)
    .reduce((sum, file) => sum + statSync(join(bundle.dir, file)).size, 0);
}

function measured(name: string) {
  const bundle = bundles.find((b) => b.name === name);
  if (bundle === undefined) throw new Error(`no bundle for ${name}`);
  return { startup: bundle.startupBytes, packaged: packagedBytes(bundle) };
}

describe('the bundle-size budget', () => {
  it.each(FUNCTIONS)('%s: cold-start code and package within budget + margin', (name) => {
    const sizes = measured(name);
    const budget = BUNDLE_BUDGET[name];
    const what = `${name} now ${JSON.stringify(sizes)}, budget ${JSON.stringify(budget)} + ${MARGIN * 100} % (test/deploy/bundle-budget.ts says how to update it)`;
    expect(sizes.startup, what).toBeLessThanOrEqual(Math.round(budget.startup * (1 + MARGIN)));
    expect(sizes.packaged, what).toBeLessThanOrEqual(Math.round(budget.packaged * (1 + MARGIN)));
  });

  it('has a figure for every function and no other', () => {
    expect(Object.keys(BUNDLE_BUDGET).sort()).toEqual([...FUNCTIONS].sort());
  });
});
