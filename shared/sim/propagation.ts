import type { ResourceRecordSet } from '../domain/dns/records.js';
import type { HostedZone } from '../domain/dns/zone/index.js';
import type { ZonePort } from '../app/ports.js';
import { memoryZone } from './memory-zone.js';

/**
 * Seconds from a change batch being accepted to its being INSYNC: answered by
 * every Route 53 server. AWS says changes generally propagate within 60
 * seconds; 30 s is a typical figure, and the simulator counts a change as
 * seen by no resolver before it is INSYNC (the conservative reading).
 */
export const PROPAGATION_SECONDS = 30;

/** The records resolvers get from `visibleAt` on (seconds since the start). */
export interface VisibleRecords {
  readonly visibleAt: number;
  readonly records: readonly ResourceRecordSet[];
}

/**
 * The hosted-zone model behind a propagation delay: writes are accepted at
 * once (the writer reads its own writes), a change is INSYNC `delay` seconds
 * later, and what resolvers see is kept as a timeline.
 */
export function propagatingZone(zone: HostedZone, now: () => number, delay: number) {
  const inner = memoryZone(zone);
  const writtenAt = new Map<string, number>();
  // Before the first write: the records the state file showed, answered since before the start.
  const history: VisibleRecords[] = [{ visibleAt: -Infinity, records: zone.records() }];
  const port: ZonePort = {
    ...inner,
    changeRecords: async (batch) => {
      const id = await inner.changeRecords(batch);
      writtenAt.set(id, now());
      history.push({ visibleAt: now() + delay, records: zone.records() });
      return id;
    },
  };
  return {
    port,
    /** INSYNC once `delay` has passed since the write; an id we never wrote is not ours to wait for. */
    isInSync: (changeId: string) =>
      Promise.resolve(now() >= (writtenAt.get(changeId) ?? -Infinity) + delay),
    history: (): readonly VisibleRecords[] => history,
  };
}
