import { ownedSetIdentifier } from '../plan/ownership.js';
import {
  aliasTarget,
  recordSet,
  type AliasTarget,
  type ResourceRecordSet,
} from '../dns/records.js';
import type { RenderContext } from './render.js';

/** An alias to `target` in our own zone that follows the target's health. */
export function aliasTo(context: RenderContext, target: string): AliasTarget {
  return aliasTarget(context.zoneId, target, true);
}

/** The region's latency record at the service's name, set identifier `<ownerId>/<region>`, with `body`. */
export function latencyRecord(
  context: RenderContext,
  body: Partial<ResourceRecordSet>,
): ResourceRecordSet {
  const { service, region, ownerId } = context;
  return recordSet({
    Name: service.recordName,
    Type: service.type,
    SetIdentifier: ownedSetIdentifier(ownerId, region.region),
    Region: region.region,
    ...body,
  });
}
