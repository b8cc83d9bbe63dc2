/*
 * The simulator's discrete-event clock: what is due when. Timers are the
 * fleet's own transitions (a boot ending, a Spot instance taken, a hook timing
 * out); mail is what reaches the intake (events emitted outside a step,
 * follow-ups the writer queued with a delay). Ties keep the order they were
 * added in.
 */

export interface Timer {
  readonly at: number;
  readonly note: string;
  readonly run: () => unknown[] | undefined;
}

export interface Mail {
  readonly at: number;
  readonly body: string;
}

export interface Agenda {
  /** Seconds since the start. */
  now: number;
  readonly timers: Timer[];
  readonly mail: Mail[];
}

export function agenda(): Agenda {
  return { now: 0, timers: [], mail: [] };
}

/** Takes out what is due at or before `now`, earliest first, ties in the order added. */
export function takeDue<T extends { readonly at: number }>(list: T[], now: number): T[] {
  const due = list.filter((x) => x.at <= now);
  const rest = list.filter((x) => x.at > now);
  list.splice(0, list.length, ...rest);
  return due
    .map((x, i) => ({ x, i }))
    .sort((a, b) => a.x.at - b.x.at || a.i - b.i)
    .map((e) => e.x);
}

/** When the next timer or mail is due; undefined when nothing is. */
export function nextDue(a: Agenda): number | undefined {
  const times = [...a.timers, ...a.mail].map((x) => x.at);
  return times.length === 0 ? undefined : Math.min(...times);
}
