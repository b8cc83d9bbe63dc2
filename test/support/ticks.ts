/**
 * Virtual time for interleavings: a call wrapped by `slow` takes effect a
 * number of ticks after it starts, and the test moves time on tick by tick.
 * No timers: a tick ends once every promise it released has settled.
 */
export interface Ticks {
  /** The current tick. */
  readonly now: () => number;
  /** Resolves `ticks` ticks from now. */
  readonly after: (ticks: number) => Promise<void>;
  /** Lets what is running reach its next wait, moves to the next tick, and lets what that released run. */
  readonly advance: () => Promise<void>;
  /** Runs `call` once `ticks` ticks have passed since it was asked for: the read sees the world then. */
  readonly slow: <A extends unknown[], R>(
    ticks: number,
    call: (...args: A) => Promise<R>,
  ) => (...args: A) => Promise<R>;
}

/** Every pending promise chain settles before a macrotask runs; a few turns cover chains that schedule more. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn++)
    await new Promise<void>((resolve) => {
      setImmediate(resolve);
    });
}

export function virtualTicks(): Ticks {
  let now = 0;
  const waiting: { at: number; resolve: () => void }[] = [];
  const after = (ticks: number) =>
    new Promise<void>((resolve) => {
      waiting.push({ at: now + ticks, resolve });
    });
  return {
    now: () => now,
    after,
    advance: async () => {
      // What started during the last tick asks for its wake-up before time moves on.
      await settle();
      now++;
      for (const waiter of waiting.filter((w) => w.at <= now)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
      await settle();
    },
    slow:
      (ticks, call) =>
      async (...args) => {
        await after(ticks);
        return call(...args);
      },
  };
}
