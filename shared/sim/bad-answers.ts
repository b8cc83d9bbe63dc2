/*
 * The DNS client model and the bad-answers measure. Resolvers query at a
 * constant rate and cache each answer for the record's TTL, so the answers
 * served at time t are the resolutions made over [t - TTL, t], each one made
 * from the records visible (INSYNC) when it was made. An answer is bad when
 * it points to an address whose instance cannot serve at t. Integrated over
 * time the measure is in answer-seconds: a bad share of 1 for one second is
 * one answer-second. Everything here is a pure function of timelines.
 */

/** From `from` (seconds) until the next entry, what a fresh resolution returns: address -> share of the answers (summing to 1, or 0 when nothing answers). */
export interface Resolution {
  readonly from: number;
  readonly shares: ReadonlyMap<string, number>;
}

/** From `from` until the next entry, the addresses that cannot serve, each with the instance that holds it. */
export interface Serving {
  readonly from: number;
  readonly down: ReadonlyMap<string, string>;
}

export interface BadAnswers {
  /** Answer-seconds pointing to an instance that could not serve. */
  readonly answerSeconds: number;
  /** The same, per instance; only instances with some. */
  readonly byInstance: ReadonlyMap<string, number>;
}

/** The entry in force at `t`: the last whose `from` is at or before it. */
function inForce<T extends { readonly from: number }>(
  list: readonly T[],
  t: number,
): T | undefined {
  let found: T | undefined;
  for (const entry of list) {
    if (entry.from > t) break;
    found = entry;
  }
  return found;
}

/** Each resolution with the share of the answers cached at `t` that came from it (summing to 1). */
function cacheWeights(
  resolutions: readonly Resolution[],
  ttl: number,
  t: number,
): { resolution: Resolution; weight: number }[] {
  if (ttl <= 0) {
    const current = inForce(resolutions, t);
    return resolutions.map((resolution) => ({
      resolution,
      weight: resolution === current ? 1 : 0,
    }));
  }
  let until = Infinity;
  const weighted: { resolution: Resolution; weight: number }[] = [];
  for (const resolution of [...resolutions].reverse()) {
    const overlap = Math.min(until, t) - Math.max(resolution.from, t - ttl);
    weighted.push({ resolution, weight: Math.max(0, overlap) / ttl });
    until = resolution.from;
  }
  return weighted;
}

/** Bad share at `t`, added per instance into `into` scaled by `seconds`. */
function addBadAt(
  resolutions: readonly Resolution[],
  serving: readonly Serving[],
  ttl: number,
  t: number,
  seconds: number,
  into: Map<string, number>,
): void {
  const down = inForce(serving, t)?.down;
  if (down === undefined || down.size === 0) return;
  for (const { resolution, weight } of cacheWeights(resolutions, ttl, t)) {
    if (weight === 0) continue;
    for (const [address, share] of resolution.shares) {
      const instance = down.get(address);
      if (instance !== undefined)
        into.set(instance, (into.get(instance) ?? 0) + weight * share * seconds);
    }
  }
}

/** Where the bad share may change slope over [from, to], sorted, both ends included. */
function breakpoints(
  resolutions: readonly Resolution[],
  serving: readonly Serving[],
  ttl: number,
  from: number,
  to: number,
): number[] {
  const points = new Set<number>([from, to]);
  for (const r of resolutions) points.add(r.from).add(r.from + ttl);
  for (const s of serving) points.add(s.from);
  const sorted = [...points].filter((p) => Number.isFinite(p) && p >= from && p <= to);
  return sorted.sort((a, b) => a - b);
}

/**
 * The end of the last stretch of [from, to] in which some answer pointed to
 * one of `instances` while it could not serve; undefined when none did.
 */
export function lastBadAt(
  resolutions: readonly Resolution[],
  serving: readonly Serving[],
  ttl: number,
  span: { readonly from: number; readonly to: number },
  instances: ReadonlySet<string>,
): number | undefined {
  const sorted = breakpoints(resolutions, serving, ttl, span.from, span.to);
  let last: number | undefined;
  let previous = span.from;
  for (const point of sorted) {
    if (point > previous) {
      const into = new Map<string, number>();
      addBadAt(resolutions, serving, ttl, (previous + point) / 2, 1, into);
      if ([...into].some(([id, share]) => instances.has(id) && share > 1e-12)) last = point;
    }
    previous = point;
  }
  return last;
}

/**
 * Bad answer-seconds over [from, to]. Between breakpoints (a resolution
 * changing, that change leaving the caches TTL later, a serving change) the
 * bad share is linear in t, so the midpoint rule integrates it exactly.
 * Both timelines must be sorted by `from`.
 */
export function badAnswers(
  resolutions: readonly Resolution[],
  serving: readonly Serving[],
  ttl: number,
  from: number,
  to: number,
): BadAnswers {
  const sorted = breakpoints(resolutions, serving, ttl, from, to);
  const byInstance = new Map<string, number>();
  let previous = from;
  for (const point of sorted) {
    if (point > previous)
      addBadAt(resolutions, serving, ttl, (previous + point) / 2, point - previous, byInstance);
    previous = point;
  }
  for (const [id, seconds] of byInstance) if (seconds < 1e-9) byInstance.delete(id);
  const answerSeconds = [...byInstance.values()].reduce((sum, s) => sum + s, 0);
  return { answerSeconds, byInstance };
}

/** Several measures as one: answer-seconds and per-instance figures added up. */
export function sumBadAnswers(parts: readonly BadAnswers[]): BadAnswers {
  const byInstance = new Map<string, number>();
  for (const part of parts)
    for (const [id, s] of part.byInstance) byInstance.set(id, (byInstance.get(id) ?? 0) + s);
  return { answerSeconds: parts.reduce((sum, p) => sum + p.answerSeconds, 0), byInstance };
}
