import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { bar } from '../../cli/render/frame-text.js';
import type { SimulationResult } from '../../shared/sim/frames.js';

const dir = 'examples/grouped';
const args = [
  'simulate',
  '-c',
  `${dir}/config.yaml`,
  '-s',
  `${dir}/state.json`,
  '--scenario',
  `${dir}/scenario.yaml`,
];

async function run(extra: string[] = [], base = args) {
  const io = bufferIo();
  const code = await main([...base, ...extra], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('rebalancer simulate', () => {
  it('prints each step: what happened, what was written, and the traffic per instance with a bar', async () => {
    const { code, out } = await run();
    expect(code).toBe(0);
    expect(out).toContain('scenario: Keeping groups spread across zones');
    expect(out).toContain('── step 5 · t+240s · zone eu-west-1a is lost');
    expect(out).toContain('   events: no event for this change: the schedule catches it');
    expect(out).toMatch(/endpoint-a {2}255 {5}100\.0% {2}eu-west-1b/);
    expect(out).toContain(`${bar(1 / 7)}  14.3%`);
  });

  it('prints every step as JSON with --json', async () => {
    const { out } = await run(['--json']);
    const result = JSON.parse(out) as SimulationResult;
    expect(result.frames).toHaveLength(8);
    expect(result.frames[7]?.regions[0]?.groups).toHaveLength(3);
  });

  it("names the scenario's file and the bad step in one clear error", async () => {
    const scenario = join(mkdtempSync(join(tmpdir(), 'rebalancer-sim-')), 'bad.yaml');
    writeFileSync(scenario, 'name: bad\nsteps:\n  - { at: 1, stop: nobody }\n');
    const { code, err } = await run(
      [],
      ['simulate', '-c', `${dir}/config.yaml`, '-s', `${dir}/state.json`, '--scenario', scenario],
    );
    expect(code).toBe(1);
    const expected = `error: ${scenario}: steps[0]: no instance nobody (known: `;
    expect(err.slice(0, expected.length)).toBe(expected);
    expect(err.split('\n').filter((l) => l !== '')).toHaveLength(1);
  });

  it('requires a scenario', async () => {
    const { code, err } = await run(
      [],
      ['simulate', '-c', `${dir}/config.yaml`, '-s', `${dir}/state.json`],
    );
    expect(code).toBe(1);
    expect(err).toContain("required option '--scenario <file>' not specified");
  });
});

describe('bar', () => {
  it('fills the width in proportion to the share', () => {
    expect(bar(0)).toBe('·'.repeat(30));
    expect(bar(0.5)).toBe(`${'█'.repeat(15)}${'·'.repeat(15)}`);
    expect(bar(1.2)).toBe('█'.repeat(30));
  });
});

describe('rebalancer simulate: bad answers', () => {
  const lifecycle = [
    'simulate',
    '-c',
    'examples/lifecycle/config.yaml',
    '-s',
    'examples/lifecycle/state.json',
    '--scenario',
    'examples/lifecycle/scenario.yaml',
  ];

  it('prints each frame’s bad answers and a table of them per step, with the total', async () => {
    const { code, out } = await run([], lifecycle);
    expect(code).toBe(0);
    expect(out).toContain('   bad answers: none until t+');
    expect(out).toMatch(
      /bad answers: 4\.14 answer-seconds until t\+1200s \(i-0c5e9a2d7b4f31012 \(api-prod-12\) 4\.14\)/,
    );
    expect(out).toContain('clock: terminate hook completed (CONTINUE) (x10)');
    expect(out).toMatch(/bad answers \(design\): .*INSYNC \(30s\)/);
    expect(out).toMatch(/ {2}total +4\.14\n/);
  });

  it('runs the handling of before lifecycle hooks and readiness with --state-change-only', async () => {
    const { code, out } = await run(['--state-change-only'], lifecycle);
    expect(code).toBe(0);
    expect(out).toContain('bad answers (state-change-only)');
    expect(out).toContain(
      '1 event ignored (no rule for it under state-change-only handling): the schedule catches the change',
    );
    expect(out).toMatch(/ {2}total +36\.18\n/);
  });
});

describe('rebalancer simulate with several hosted zones', () => {
  const zoned = [
    'simulate',
    '-c',
    'examples/multi-zone/config.yaml',
    '-s',
    'examples/multi-zone/state.json',
    '--scenario',
    'examples/multi-zone/scenario.yaml',
  ];

  it('replays the scenario in each zone, under its heading', async () => {
    const { code, out } = await run([], zoned);
    expect(code).toBe(0);
    expect(out).toContain('Hosted zone Z0PUBLIC0EXAMPLE1 (example.com)');
    expect(out).toContain('Hosted zone Z0PRIVATE0EXAMPLE2 (example.com)');
  });

  it('asks for --zone before writing a report, which shows one zone', async () => {
    const { code, err } = await run(
      ['--report', join(mkdtempSync(join(tmpdir(), 'r-')), 'r.html')],
      zoned,
    );
    expect(code).toBe(1);
    expect(err).toContain('--report: a report shows one hosted zone; choose it with --zone');
  });
});
