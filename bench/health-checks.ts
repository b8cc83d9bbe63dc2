/**
 * `npm run bench` part 6: the AWS calls behind owned health checks. For N
 * owned checks (plus as many of another owner's in the account), the Route 53
 * and CloudWatch requests that listOwned and statuses make against mocked
 * clients (test/support/fake-health-checks.ts, Route 53's page sizes): on a
 * cold start, in steady state (nothing changed, the tag cache warm), and the
 * per-check GetHealthCheckStatus the adapter avoids. Seconds are at Route 53's
 * account limit of 5 requests/s, which records and health checks share.
 *
 * And the time to exclusion (examples/health-checks): after an application
 * crash EC2 cannot see, how long answers still point to it, with the checks
 * (goal: at most interval x threshold + TTL) and without (until something
 * else takes it out: here, nothing does before it is restarted), with the
 * bad answer-seconds of each. Simulated time: deterministic.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { Route53Client } from '@aws-sdk/client-route-53';
import { createHealthCheckAdapter } from '../shared/aws/health-checks.js';
import { healthCheckTags } from '../shared/domain/health-checks/tag-keys.js';
import { fakeHealthChecks } from '../test/support/fake-health-checks.js';
import { loadConfig } from '../shared/formats/config/load.js';
import { loadScenario } from '../shared/formats/scenario.js';
import { loadStateFile } from '../shared/formats/state-file.js';
import type { Exclusion } from '../shared/sim/exclusion.js';
import { simulate } from '../shared/sim/simulate.js';

export const HEALTH_CHECKS_EXAMPLE = 'examples/health-checks';

export interface ExclusionFigures {
  /** interval x threshold + TTL. */
  readonly boundSeconds: number;
  readonly withChecks: Exclusion;
  readonly withoutChecks: Exclusion;
  readonly totals: { readonly withChecks: number; readonly withoutChecks: number };
}

/** The example's first application failure, replayed with and without its health checks. */
export async function exclusionFigures(dir = HEALTH_CHECKS_EXAMPLE): Promise<ExclusionFigures> {
  const [spec, state, scenario] = await Promise.all([
    loadConfig(`${dir}/config.yaml`),
    loadStateFile(`${dir}/state.json`),
    loadScenario(`${dir}/scenario.yaml`),
  ]);
  const result = await simulate(spec, state, scenario);
  const c = result.healthChecks;
  const withChecks = c?.withChecks[0];
  const withoutChecks = c?.withoutChecks[0];
  if (c === undefined || withChecks === undefined || withoutChecks === undefined)
    throw new Error(`${dir}: no application failure measured with health checks`);
  return {
    boundSeconds: c.boundSeconds,
    withChecks,
    withoutChecks,
    totals: { withChecks: result.badAnswers.answerSeconds, withoutChecks: c.withoutAnswerSeconds },
  };
}

async function benchExclusion(): Promise<void> {
  const f = await exclusionFigures();
  const time = (e: Exclusion) =>
    e.excluded ? `${e.lastBadAfter} s` : `never (${e.lastBadAfter} s, until restarted)`;
  console.log(
    `\nTime to exclusion after an application crash (${HEALTH_CHECKS_EXAMPLE}: interval 10 s x threshold 3 + TTL 60 s = goal ${f.boundSeconds} s):`,
  );
  console.table({
    'with health checks': {
      'last bad answer after': time(f.withChecks),
      'answer-seconds': f.withChecks.answerSeconds.toFixed(2),
    },
    'without (today)': {
      'last bad answer after': time(f.withoutChecks),
      'answer-seconds': f.withoutChecks.answerSeconds.toFixed(2),
    },
  });
  const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(1)}x`);
  console.log(
    `ratio without/with: ${ratio(f.withoutChecks.lastBadAfter, f.withChecks.lastBadAfter)} the time, ` +
      `${ratio(f.withoutChecks.answerSeconds, f.withChecks.answerSeconds)} the bad answers`,
  );
}

const CREDENTIALS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'never-used' };
const ROUTE53_PER_SECOND = 5;

export interface HealthCheckCalls {
  readonly n: number;
  readonly coldRoute53: number;
  readonly steadyRoute53: number;
  readonly steadyCloudWatch: number;
  /** GetHealthCheckStatus once per check, the alternative to the metric. */
  readonly perCheckStatus: number;
}

function total(calls: Record<string, number>, names: readonly string[]): number {
  return names.reduce((sum, name) => sum + (calls[name] ?? 0), 0);
}

const ROUTE53_READS = ['ListHealthChecks', 'ListTagsForResources'];

/** Counts the requests of one cold and one steady reconcile's reads for n owned checks. */
export async function healthCheckCalls(n: number): Promise<HealthCheckCalls> {
  const fake = fakeHealthChecks();
  try {
    for (let i = 0; i < 2 * n; i++) {
      const owner = i % 2 === 0 ? 'prod' : 'staging';
      const subject = { service: 'api', region: 'us-east-2', instanceId: `i-${i}` };
      fake.add(
        `hc-${i}`,
        `ref-${i}`,
        { Type: 'TCP', IPAddress: '192.0.2.1', Port: 80, RequestInterval: 30 },
        healthCheckTags(owner, subject),
      );
      fake.metric.set(`hc-${i}`, [1]);
    }
    const adapter = createHealthCheckAdapter(
      new Route53Client({ region: 'us-east-1', credentials: CREDENTIALS }),
      new CloudWatchClient({ region: 'us-east-1', credentials: CREDENTIALS }),
    );
    const reconcile = async () => {
      const owned = await adapter.listOwned('prod');
      await adapter.statuses(owned.map((c) => c.id));
      if (owned.length !== n) throw new Error(`listed ${owned.length} of ${n}`);
    };
    await reconcile();
    const coldRoute53 = total(fake.calls, ROUTE53_READS);
    const before = { ...fake.calls };
    await reconcile();
    const since = (name: string) => (fake.calls[name] ?? 0) - (before[name] ?? 0);
    return {
      n,
      coldRoute53,
      steadyRoute53: ROUTE53_READS.reduce((sum, name) => sum + since(name), 0),
      steadyCloudWatch: since('GetMetricData'),
      perCheckStatus: n,
    };
  } finally {
    fake.restore();
  }
}

export async function benchHealthChecks(): Promise<void> {
  const rows: Record<string, Record<string, string | number>> = {};
  for (const n of [100, 1_000, 10_000]) {
    const calls = await healthCheckCalls(n);
    const seconds = (requests: number) => (requests / ROUTE53_PER_SECOND).toFixed(1);
    rows[`N = ${n.toLocaleString('en-US')}`] = {
      'cold: Route 53 reqs': calls.coldRoute53,
      'cold: s at 5/s': seconds(calls.coldRoute53),
      'steady: Route 53 reqs': calls.steadyRoute53,
      'steady: s at 5/s': seconds(calls.steadyRoute53),
      'steady: GetMetricData': calls.steadyCloudWatch,
      'GetHealthCheckStatus each': calls.perCheckStatus,
    };
  }
  console.log(
    '\nHealth checks: requests per reconcile for N owned checks (and N of another owner in the account);\n' +
      'ListHealthChecks 1,000 a page (2N checks listed), ListTagsForResources 10 ids, GetMetricData 500 queries.\n' +
      'Cold: a new container reads every tag once; steady: tags cached, nothing changed.',
  );
  console.table(rows);
  await benchExclusion();
}
