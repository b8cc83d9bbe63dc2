import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../scripts/lib/build.js';
import type { Metafile } from 'esbuild';
import { BUNDLED_CONFIG, FUNCTIONS, METAFILE, type Bundle } from '../../scripts/lib/bundle.js';
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

function bundleNamed(name: string): Bundle {
  const bundle = bundles.find((b) => b.name === name);
  if (bundle === undefined) throw new Error(`no bundle for ${name}`);
  return bundle;
}

/** esbuild's metafile of the function's build, every file it wrote included. */
function metafileOf(name: string): Metafile | undefined {
  const meta = JSON.parse(readFileSync(join(dir, 'dist', METAFILE), 'utf8')) as Record<
    string,
    Metafile
  >;
  return meta[name];
}

function measured(name: string) {
  const bundle = bundleNamed(name);
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

describe('what a cold start of the reconcile does not load', () => {
  const loaded = (name: string) => Object.keys(bundleNamed(name).inputs);
  /** Every input of every file built for the function, chunks loaded on demand included. */
  const packaged = (name: string) =>
    Object.values(metafileOf(name)?.outputs ?? {}).flatMap((o) => Object.keys(o.inputs));

  it('SQS: loaded with the first message a writer sends, after its Route 53 writes', () => {
    expect(loaded('reconcile').some((input) => input.includes('@aws-sdk/client-sqs/'))).toBe(false);
    expect(loaded('reconcile').some((input) => input.includes('@aws-sdk/client-route-53/'))).toBe(
      true,
    );
    expect(packaged('reconcile').some((input) => input.includes('@aws-sdk/client-sqs/'))).toBe(
      true,
    );
  });

  it('Auto Scaling: loaded with the first lifecycle read, after an EC2 page named a group', () => {
    const autoScaling = (input: string) => input.includes('@aws-sdk/client-auto-scaling/');
    expect(loaded('reconcile').some(autoScaling)).toBe(false);
    expect(loaded('reconcile').some((input) => input.includes('@aws-sdk/client-ec2/'))).toBe(true);
    expect(packaged('reconcile').some(autoScaling)).toBe(true);
  });

  it('the configuration loader: the build ships the spec it validated, run as it is', () => {
    expect(loaded('reconcile')).not.toContain('shared/formats/config/load.ts');
    expect(loaded('reconcile')).toContain('shared/formats/built-spec.ts');
  });

  it('Route 53 health checks: loaded at the first call, which only health.route53 makes', () => {
    expect(loaded('reconcile')).not.toContain('shared/aws/health-checks.ts');
    expect(loaded('reconcile')).toContain('shared/aws/route53.ts');
    expect(packaged('reconcile')).toContain('shared/aws/health-checks.ts');
  });
});

describe('source maps', () => {
  const outputs = (name: string) =>
    Object.entries(metafileOf(name)?.outputs ?? {}).filter(([path]) => path.endsWith('.mjs'));
  const ofPackagesAlone = (inputs: object) =>
    Object.keys(inputs).every((input) => input.includes('node_modules/'));

  it.each(FUNCTIONS)(
    '%s: every file with the project’s code names its map; chunks of packages alone have none',
    (name) => {
      const kinds = new Set<boolean>();
      for (const [path, output] of outputs(name)) {
        const file = resolve(path);
        const named = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(file, 'utf8'));
        const packagesAlone = ofPackagesAlone(output.inputs);
        kinds.add(packagesAlone);
        expect(named === null, path).toBe(packagesAlone);
        expect(existsSync(`${file}.map`), path).toBe(!packagesAlone);
      }
      expect([...kinds].sort()).toEqual([false, true]);
    },
  );

  it('maps a failure’s frames in the project’s code to its TypeScript sources', () => {
    const bundle = join(dir, 'dist', 'reconcile');
    const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(bundle, 'index.mjs')).href)});
await handler({ Records: 'not a list' }, { awsRequestId: 'req', invokedFunctionArn: 'arn:aws:lambda:us-east-2:123456789012:function:x' });`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        PATH: process.env.PATH,
        NODE_OPTIONS: '--enable-source-maps',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        LAMBDA_TASK_ROOT: bundle,
        REBALANCER_CONFIG: BUNDLED_CONFIG,
        AWS_REGION: 'us-east-2',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
      },
      encoding: 'utf8',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/\(.*(shared|functions)\/[\w/-]+\.ts:\d+:\d+\)/);
  });
});
