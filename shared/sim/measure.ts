import { resolveShares } from '../domain/dns/resolve.js';
import type { RebalancerSpec } from '../domain/spec.js';
import { badAnswers, sumBadAnswers, type Resolution, type Serving } from './bad-answers.js';
import type { SimulationFrame, StepBadAnswers } from './frames.js';
import type { VisibleRecords } from './propagation.js';
import { healthAt, type HealthStatuses } from './health-watch.js';

/** A frame before its bad answers are known: they need the frames after it. */
export type UnmeasuredFrame = Omit<SimulationFrame, 'badAnswers'>;

/** The records in force at each moment either they or a check's status changed, sorted. */
function moments(
  history: readonly VisibleRecords[],
  health: readonly HealthStatuses[] | undefined,
): { from: number; records: VisibleRecords['records'] }[] {
  if (health === undefined) return history.map((h) => ({ from: h.visibleAt, records: h.records }));
  const times = [...new Set([...history.map((h) => h.visibleAt), ...health.map((h) => h.from)])];
  times.sort((a, b) => a - b);
  return times.map((from) => ({
    from,
    records: history.filter((h) => h.visibleAt <= from).at(-1)?.records ?? [],
  }));
}

/** Each service's TTL and what a fresh resolution returns over time, with the checks' statuses when given. */
export function resolutionsOf(
  spec: RebalancerSpec,
  history: readonly VisibleRecords[],
  health?: readonly HealthStatuses[],
): { ttl: number; resolutions: Resolution[] }[] {
  const at = moments(history, health);
  return spec.services.map((service) => {
    const clients = service.regions.map((r) => r.region);
    const resolutions = at.map((m) => ({
      from: m.from,
      shares: resolveShares(
        m.records,
        spec.hostedZoneId,
        service.recordName,
        service.type,
        clients,
        health === undefined ? undefined : healthAt(health, m.from),
      ),
    }));
    return { ttl: service.ttl, resolutions };
  });
}

/**
 * Each frame with the bad answers from it to the next frame (the last one's
 * until `end`), every service's answers counted, each at its own TTL; with
 * `health`, a resolution skips what Route 53's checks found unhealthy.
 */
export function measureFrames(
  spec: RebalancerSpec,
  history: readonly VisibleRecords[],
  serving: readonly Serving[],
  frames: readonly UnmeasuredFrame[],
  end: number,
  health?: readonly HealthStatuses[],
): SimulationFrame[] {
  const services = resolutionsOf(spec, history, health);
  return frames.map((frame, i) => {
    const until = Math.max(frame.at, frames[i + 1]?.at ?? end);
    const measured = sumBadAnswers(
      services.map((s) => badAnswers(s.resolutions, serving, s.ttl, frame.at, until)),
    );
    const instances = [...measured.byInstance]
      .map(([id, answerSeconds]) => ({ id, answerSeconds }))
      .sort((a, b) => b.answerSeconds - a.answerSeconds || a.id.localeCompare(b.id));
    return { ...frame, badAnswers: { until, answerSeconds: measured.answerSeconds, instances } };
  });
}

/** The start and each scenario step, with the bad answers of its frames and of the clock's frames after it. */
export function stepBadAnswers(frames: readonly SimulationFrame[]): StepBadAnswers[] {
  const steps: StepBadAnswers[] = [];
  for (const frame of frames) {
    const last = steps.at(-1);
    if (frame.trigger === 'clock' && last !== undefined) {
      steps[steps.length - 1] = {
        ...last,
        until: frame.badAnswers.until,
        answerSeconds: last.answerSeconds + frame.badAnswers.answerSeconds,
      };
      continue;
    }
    steps.push({
      step: frame.step,
      at: frame.at,
      until: frame.badAnswers.until,
      title: frame.title,
      answerSeconds: frame.badAnswers.answerSeconds,
    });
  }
  return steps;
}
