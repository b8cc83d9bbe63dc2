import { resolveShares } from '../domain/dns/resolve.js';
import type { RebalancerSpec } from '../domain/spec.js';
import { badAnswers, sumBadAnswers, type Serving } from './bad-answers.js';
import type { SimulationFrame, StepBadAnswers } from './frames.js';
import type { VisibleRecords } from './propagation.js';

/** A frame before its bad answers are known: they need the frames after it. */
export type UnmeasuredFrame = Omit<SimulationFrame, 'badAnswers'>;

/**
 * Each frame with the bad answers from it to the next frame (the last one's
 * until `end`), every service's answers counted, each at its own TTL.
 */
export function measureFrames(
  spec: RebalancerSpec,
  history: readonly VisibleRecords[],
  serving: readonly Serving[],
  frames: readonly UnmeasuredFrame[],
  end: number,
): SimulationFrame[] {
  const services = spec.services.map((service) => {
    const clients = service.regions.map((r) => r.region);
    const resolutions = history.map((h) => ({
      from: h.visibleAt,
      shares: resolveShares(
        h.records,
        spec.hostedZoneId,
        service.recordName,
        service.type,
        clients,
      ),
    }));
    return { ttl: service.ttl, resolutions };
  });
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
