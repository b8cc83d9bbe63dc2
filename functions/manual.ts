import { planSummary, type PlanSummary } from '../shared/app/plan-view.js';
import { reconcile } from '../shared/app/reconcile.js';
import { workByZone } from '../shared/app/zone-work.js';
import type { RebalancerSpec } from '../shared/domain/spec.js';
import { zoneSpec } from '../shared/domain/zones.js';
import { writtenSummary, type WrittenBatch } from '../shared/app/reconcile-log.js';
import { parseInvokePayload } from '../shared/formats/invoke-payload.js';
import { lambdaHandler } from '../shared/runtime/middleware.js';
import { writerEnvironment, type WriterDeps } from '../shared/runtime/writer-env.js';

export type ManualDeps = WriterDeps;

export interface ManualResponse {
  readonly dryRun: boolean;
  /** What was planned: per region the instances, weights, shares and status. */
  readonly summary: Omit<PlanSummary, 'changeBatches'>;
  /** The batches, as ChangeResourceRecordSets takes them: planned (dry run) or written. */
  readonly changeBatches: PlanSummary['changeBatches'];
  readonly batchesWritten: number;
  /** The batches Route 53 accepted, in order (none on a dry run). */
  readonly written: readonly WrittenBatch[];
  readonly conflicts: number;
  readonly readFailures: readonly string[];
  /** With several hosted zones: each zone's own answer (the fields above join them). */
  readonly zones?: readonly (ManualResponse & { readonly zone: string })[];
}

/**
 * Rebalance now: `{"service": "api", "region": "us-east-2", "dryRun": true}`,
 * every key optional. A dry run reads and plans only and returns the batches.
 * Writes go straight to Route 53, beside the queued writer: the zone is read
 * before the fleet and every write is compare-and-swap, so neither can undo
 * what the other wrote from a newer read (see shared/app/read-world.ts). A
 * batch Route 53 rejects fails the invocation, saying which batches were
 * written before it.
 */
export async function handleManual(payload: unknown, deps: ManualDeps): Promise<ManualResponse> {
  const spec = await deps.spec();
  const request = parseInvokePayload(payload, spec);
  if (spec.zones === undefined) return manualZone(spec, request, deps);
  // Zone by zone, each through its own port: a zone that fails fails the invocation after those before it.
  const item = { scope: request.scope, reason: 'manual invoke', events: 0 };
  const zones: (ManualResponse & { zone: string })[] = [];
  for (const { zone = spec.hostedZoneId } of workByZone(item, spec)) {
    const one = zoneSpec(spec, zone) as RebalancerSpec;
    const zoneDeps = deps.zoneFor === undefined ? deps : { ...deps, zone: deps.zoneFor(zone) };
    zones.push({ zone, ...(await manualZone(one, request, zoneDeps)) });
  }
  return { ...merged(request.dryRun, zones), zones };
}

/** The zones' answers as one: lists joined in zone order, counts summed; each zone's own beside it. */
function merged(dryRun: boolean, zones: readonly ManualResponse[]): ManualResponse {
  const all = <T>(pick: (z: ManualResponse) => readonly T[]): T[] => zones.flatMap(pick);
  const sum = (pick: (z: ManualResponse) => number): number =>
    zones.reduce((n, z) => n + pick(z), 0);
  return {
    dryRun,
    summary: {
      totals: {
        creates: sum((z) => z.summary.totals.creates),
        deletes: sum((z) => z.summary.totals.deletes),
        batches: sum((z) => z.summary.totals.batches),
      },
      services: all((z) => z.summary.services),
      orphans: all((z) => z.summary.orphans),
      stranded: all((z) => z.summary.stranded),
      warnings: all((z) => z.summary.warnings),
      // health.route53 is refused with several zones: at most one zone has checks.
      healthChecks:
        zones.find((z) => z.summary.healthChecks !== null)?.summary.healthChecks ?? null,
    },
    changeBatches: all((z) => z.changeBatches),
    batchesWritten: sum((z) => z.batchesWritten),
    written: all((z) => z.written),
    conflicts: sum((z) => z.conflicts),
    readFailures: all((z) => z.readFailures),
  };
}

async function manualZone(
  spec: RebalancerSpec,
  request: ReturnType<typeof parseInvokePayload>,
  deps: ManualDeps,
): Promise<ManualResponse> {
  const result = await reconcile(
    {
      spec,
      scope: request.scope,
      dryRun: request.dryRun,
      force: request.force,
      reason: request.dryRun ? 'manual dry run' : 'manual invoke',
    },
    deps,
  );
  const { changeBatches, ...summary } = planSummary(result.plan);
  return {
    dryRun: request.dryRun,
    summary,
    changeBatches: request.dryRun ? changeBatches : result.written,
    batchesWritten: result.written.length,
    written: writtenSummary(result.written),
    conflicts: result.conflicts,
    readFailures: result.readFailures,
  };
}

const live = writerEnvironment();
export const handler = lambdaHandler<unknown, ManualResponse>(live.logger, async (payload) =>
  handleManual(payload, await live.deps()),
);
