import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleOptions, NODE_TARGET } from '../../scripts/lib/bundle.js';

/**
 * One Node major everywhere: the Lambda runtime in serverless.yml, the target
 * the bundles are compiled for, package.json's engines, the `node` and
 * `@types/node` devDependencies, and the Node that runs the tests when npm
 * runs them (npm puts node_modules/.bin, and so the `node` devDependency,
 * first on PATH). Moving to another runtime means changing all of them.
 */
const text = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface PackageJson {
  readonly engines: { readonly node: string };
  readonly devDependencies: Record<string, string>;
}
const pkg = JSON.parse(text('package.json')) as PackageJson;

/** The majors of every `runtime: nodejsNN.x` line, at provider or function level. */
function runtimeMajors(path: string): string[] {
  return [...text(path).matchAll(/^\s*runtime:\s*(\S+)/gm)].map(([, runtime]) => {
    const major = /^nodejs(\d+)\.x$/.exec(runtime ?? '')?.[1];
    if (major === undefined) throw new Error(`${path}: runtime ${runtime ?? ''} is not nodejsNN.x`);
    return major;
  });
}

/** The major of a range like ">=22", "^22.23.3" or "22.x". */
const rangeMajor = (range: string | undefined) =>
  /^(?:>=|\^|~)?(\d+)(?:\.|$)/.exec(range ?? '')?.[1];

describe('the Node version', () => {
  const lambda = runtimeMajors('serverless.yml');

  it('is one Lambda runtime in serverless.yml', () => {
    expect(lambda.length).toBeGreaterThan(0);
    expect(new Set(lambda).size).toBe(1);
  });

  it('is the same major in the runtime, the bundle target, engines and the Node devDependencies', () => {
    const majors = {
      'serverless.yml runtime': lambda[0],
      // The forwarder deploys no function today; a runtime added there must agree.
      ...Object.fromEntries(
        runtimeMajors('forwarder/serverless.yml').map((m, i) => [`forwarder runtime ${i}`, m]),
      ),
      'esbuild target': /^node(\d+)$/.exec(NODE_TARGET)?.[1],
      'bundleOptions target': /^node(\d+)$/.exec(
        String(bundleOptions('dist', 'manual').target),
      )?.[1],
      // The command line's own bundle (bin/cli-bundle.js) runs on the user's Node: engines.node.
      'CLI bundle target': /target: 'node(\d+)'/.exec(
        readFileSync(new URL('../../bin/cli-bundle.js', import.meta.url), 'utf8'),
      )?.[1],
      'package.json engines.node': rangeMajor(pkg.engines.node),
      'devDependencies.node': rangeMajor(pkg.devDependencies.node),
      'devDependencies.@types/node': rangeMajor(pkg.devDependencies['@types/node']),
      // Under npm (npm test, npm run, npx) the tests run on the `node` devDependency.
      ...(process.env.npm_lifecycle_event === undefined
        ? {}
        : {
            [`process.version under npm (${process.version})`]: rangeMajor(
              process.version.slice(1),
            ),
          }),
    };
    expect(majors).toEqual(Object.fromEntries(Object.keys(majors).map((k) => [k, lambda[0]])));
  });

  it('is a floor in engines, not an exact version', () => {
    expect(pkg.engines.node).toBe(`>=${lambda[0] ?? ''}`);
  });
});
