#!/usr/bin/env node
// Runs the bundled command line, dist/cli/rebalancer.mjs, on plain Node: no
// TypeScript loader at run time. In a fresh clone, or after cli/ or shared/
// changed, it is built first (esbuild, about a second), said in one line on stderr.
import { pathToFileURL } from 'node:url';
import { freshBundle } from './cli-bundle.js';

let entry;
try {
  entry = await freshBundle();
} catch (error) {
  process.stderr.write(`rebalancer: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
if (entry !== undefined) await import(pathToFileURL(entry).href);
