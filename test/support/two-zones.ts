/** Two hosted zones (public and private) over the zone model, behind the writer's ports, for tests of work keyed by zone. */
import { memoryLogger } from '../../shared/app/log.js';
import type { ZonePort } from '../../shared/app/ports.js';
import type { QueuedWorkDeps } from '../../shared/app/queued-work.js';
import type { ChangeBatch } from '../../shared/domain/dns/records.js';
import { createHostedZone, type HostedZone } from '../../shared/domain/dns/zone/index.js';
import type { RebalancerSpec } from '../../shared/domain/spec.js';
import { instance, observation, regionSpec, serviceSpec } from './builders.js';

export const PUBLIC = 'Z0PUBLIC1';
export const PRIVATE = 'Z0PRIVATE2';

/** api in both zones (public, private IPv4); admin in the private zone only. */
export const twoZoneSpec: RebalancerSpec = {
  hostedZoneId: PUBLIC,
  ownerId: 'api-prod',
  zones: [
    { id: PUBLIC, name: 'example.com.', private: false },
    { id: PRIVATE, name: 'example.com.', private: true },
  ],
  services: [
    serviceSpec({
      regions: [regionSpec('us-east-2'), regionSpec('eu-west-1')],
      zones: [
        { zone: PUBLIC, address: 'public' },
        { zone: PRIVATE, address: 'private' },
      ],
    }),
    serviceSpec({
      name: 'admin',
      recordName: 'admin.example.com.',
      regions: [regionSpec('eu-west-1', {}, 'admin.example.com.')],
      zones: [{ zone: PRIVATE, address: 'private' }],
    }),
  ],
};

/** A Route 53 port over the zone model that notes when it is read and written. */
function zonePort(zone: HostedZone, events: string[], failRead = false): ZonePort {
  let changes = 0;
  return {
    readRecords: async () => {
      events.push(`${zone.zoneId} read`);
      // Yields, so that a second reconcile running beside this one gets its turn.
      await Promise.resolve();
      if (failRead) throw new Error('Throttling: Rate exceeded');
      return zone.records();
    },
    changeRecords: async (batch: ChangeBatch) => {
      events.push(`${zone.zoneId} write`);
      await Promise.resolve();
      const rejection = zone.apply(batch);
      if (rejection !== undefined) throw new Error(rejection.messages.join('; '));
      return `C${++changes}`;
    },
    waitInSync: () => Promise.resolve(true),
  };
}

export function twoZoneWorld(options: { failPrivate?: boolean } = {}) {
  const events: string[] = [];
  const zones = new Map([
    [PUBLIC, createHostedZone({ zoneId: PUBLIC }, [])],
    [PRIVATE, createHostedZone({ zoneId: PRIVATE }, [])],
  ]);
  const ports = new Map(
    [...zones].map(([id, zone]) => [
      id,
      zonePort(zone, events, id === PRIVATE && options.failPrivate === true),
    ]),
  );
  const fleets = new Map([
    ['us-east-2', [instance({ n: 901 }), instance({ n: 902, zone: 'us-east-2b' })]],
    ['eu-west-1', [instance({ n: 903, zone: 'eu-west-1a' })]],
  ]);
  const log = memoryLogger();
  const deps: QueuedWorkDeps = {
    spec: () => Promise.resolve(twoZoneSpec),
    zone: ports.get(PUBLIC) as ZonePort,
    zoneFor: (id) => ports.get(id) as ZonePort,
    readRegion: (region) => {
      events.push(`read ${region}`);
      return Promise.resolve(observation(region, fleets.get(region) ?? []));
    },
    retry: { send: () => Promise.resolve() },
    log,
    now: () => new Date(Date.UTC(2026, 10, 22, 12)),
  };
  return { events, zones, deps, log, fleets };
}
