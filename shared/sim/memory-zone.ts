import { isAtOrBelow, normalizeName } from '../domain/dns/names.js';
import { staleMessages } from '../domain/dns/zone/stale.js';
import type { HostedZone } from '../domain/dns/zone/index.js';
import { InvalidChangeBatchError, StaleWriteError } from '../domain/errors.js';
import type { ZonePort } from '../app/ports.js';

/**
 * The hosted-zone model standing in for Route 53 behind the reconcile loop:
 * the same reads and writes, the same rejections, the same compare-and-swap
 * failures, with no AWS account.
 */
export function memoryZone(zone: HostedZone): ZonePort {
  let changes = 0;
  return {
    readRecords: (roots, names = []) => {
      const normal = roots.map(normalizeName);
      const alone = new Set(names.map(normalizeName));
      return Promise.resolve(
        zone
          .records()
          .filter((r) => alone.has(r.Name) || normal.some((root) => isAtOrBelow(r.Name, root))),
      );
    },
    changeRecords: (batch) => {
      const rejection = zone.apply(batch);
      if (rejection === undefined)
        return Promise.resolve(`/change/CSIM${String(++changes).padStart(6, '0')}`);
      const stale = staleMessages(rejection.messages);
      return Promise.reject(
        stale === undefined
          ? new InvalidChangeBatchError(rejection.code, rejection.messages)
          : new StaleWriteError(stale),
      );
    },
    waitInSync: () => Promise.resolve(true),
  };
}
