import type { Plan } from '../domain/plan/plan.js';
import { plan } from '../domain/plan/planner.js';
import type { RebalancerSpec } from '../domain/spec.js';
import type { FrameTrigger, SimulationFrame } from './frames.js';
import { frameOf } from './frames-of.js';
import { healthAt } from './health-watch.js';
import type { UnmeasuredFrame } from './measure.js';
import type { SimWorld } from './sim-world.js';

/** The converged view of every region, with the statuses of what the reconcile did. */
export function viewFrame(
  world: SimWorld,
  spec: RebalancerSpec,
  header: { step: number; trigger: FrameTrigger; title: string; events: string },
  done: Plan | undefined,
  written: SimulationFrame['written'],
): UnmeasuredFrame {
  const regions = new Map(
    spec.services.flatMap((s) =>
      s.regions.flatMap((r) => {
        const observed = world.fleet.observe(r.region);
        return observed === undefined ? [] : [[r.region, observed] as const];
      }),
    ),
  );
  const view = plan({
    spec,
    records: world.zone.records(),
    regions,
    reason: 'view',
    ...(world.health !== undefined && { healthChecks: world.health.world(spec.ownerId) }),
  });
  const happened = new Map(
    (done?.services ?? []).flatMap((s) =>
      s.regions.map((r) => [`${s.name}|${r.region}`, r] as const),
    ),
  );
  const merged: Plan = {
    ...view,
    services: view.services.map((s) => ({
      ...s,
      regions: s.regions.map((r) => {
        const did = happened.get(`${s.name}|${r.region}`);
        return did === undefined ? r : { ...r, status: did.status, reasons: did.reasons };
      }),
    })),
  };
  const { trigger, ...rest } = header;
  const health = world.health?.timeline();
  const frame = frameOf(
    spec,
    merged,
    world.zone.records(),
    { ...rest, at: world.clock.now, written },
    health === undefined ? undefined : healthAt(health, world.clock.now),
  );
  return { ...frame, trigger };
}
