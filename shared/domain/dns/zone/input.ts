/**
 * The checks Route 53 makes on a request before looking at the zone: they
 * answer InvalidInput and depend on nothing but the batch itself.
 */
import { isLatencyRegion, LATENCY_REGIONS } from '../latency-regions.js';
import type { Change, ChangeBatch, ResourceRecordSet } from '../records.js';
import { POLICY_FIELDS, routingPolicy } from '../records.js';
import { ROUTE53_LIMITS } from './limits.js';
import {
  aliasMultivalue,
  lengthAtLeast,
  lengthAtMost,
  missingSetIdentifier,
  notAnInteger,
  notInEnum,
  severalPolicies,
  shapeMismatch,
  unexpectedSetIdentifier,
  validationErrors,
  valueAtLeast,
  valueAtMost,
} from './messages.js';
import type { Rejection } from './types.js';

const MAX_TTL = 2147483647;

/**
 * InvalidInput for a batch, or undefined. Field constraints come first, as one
 * message listing them all (AWS reports them together); then one message per
 * malformed change, in batch order.
 */
export function checkInput(batch: ChangeBatch): Rejection | undefined {
  const violations = constraintViolations(batch);
  if (violations.length > 0) {
    return { code: 'InvalidInput', messages: [validationErrors(violations)] };
  }
  const messages: string[] = [];
  for (const change of batch.Changes) {
    const problem = shapeProblem(change) ?? policyShapeProblem(change.ResourceRecordSet);
    if (problem !== undefined) messages.push(problem);
  }
  return messages.length > 0 ? { code: 'InvalidInput', messages } : undefined;
}

function constraintViolations(batch: ChangeBatch): string[] {
  const found: string[] = [];
  if (batch.Changes.length === 0) {
    found.push(lengthAtLeast('[]', 'changeBatch.changes', 1));
  }
  if (batch.Comment !== undefined && batch.Comment.length > ROUTE53_LIMITS.maxCommentLength) {
    found.push(lengthAtMost(batch.Comment, 'changeBatch.comment', ROUTE53_LIMITS.maxCommentLength));
  }
  for (let index = 0; index < batch.Changes.length; index++) {
    const record = (batch.Changes[index] as Change).ResourceRecordSet;
    const weight = integerViolation(record.Weight, ROUTE53_LIMITS.maxWeight, index, 'weight');
    if (weight !== undefined) found.push(weight);
    if (record.Region !== undefined && !isLatencyRegion(record.Region)) {
      found.push(notInEnum(record.Region, fieldPath(index, 'region'), LATENCY_REGIONS));
    }
    const ttl = integerViolation(record.TTL, MAX_TTL, index, 'tTL');
    if (ttl !== undefined) found.push(ttl);
    const id = record.SetIdentifier;
    if (id !== undefined && id.length < 1)
      found.push(lengthAtLeast(id, fieldPath(index, 'setIdentifier'), 1));
    if (id !== undefined && id.length > ROUTE53_LIMITS.maxSetIdentifierLength) {
      const path = fieldPath(index, 'setIdentifier');
      found.push(lengthAtMost(id, path, ROUTE53_LIMITS.maxSetIdentifierLength));
    }
  }
  return found;
}

/** Built only for a violation: almost every change has none. */
function fieldPath(index: number, field: string): string {
  return `changeBatch.changes.${index + 1}.member.resourceRecordSet.${field}`;
}

/**
 * How an integer field breaks its bounds, as the message for its path;
 * undefined when it keeps them. No closure over the value: V8 allocates the
 * context a closure would capture at every call, made or not, and this runs
 * twice for each change of a plan (6 MiB of what a 100k-instance plan allocates).
 */
function integerViolation(
  value: number | undefined,
  max: number,
  index: number,
  field: string,
): string | undefined {
  if (value === undefined || (Number.isInteger(value) && value >= 0 && value <= max))
    return undefined;
  const path = fieldPath(index, field);
  if (!Number.isInteger(value)) return notAnInteger(value, path);
  return value > max ? valueAtMost(value, path, max) : valueAtLeast(value, path, 0);
}

function shapeProblem(change: Change): string | undefined {
  const record = change.ResourceRecordSet;
  const hasAlias = record.AliasTarget !== undefined;
  const hasTtl = record.TTL !== undefined;
  const hasValues = (record.ResourceRecords?.length ?? 0) > 0;
  if (hasAlias && (hasTtl || hasValues)) return shapeMismatch(change, 'more than one');
  if (!hasAlias && !(hasTtl && hasValues)) return shapeMismatch(change, 'none');
  return undefined;
}

/** The POLICY_FIELDS a record sets, read field by field: asked of every change. */
function policyFieldCount(record: ResourceRecordSet): number {
  return (
    Number(record.Weight !== undefined) +
    Number(record.Region !== undefined) +
    Number(record.Failover !== undefined) +
    Number(record.GeoLocation !== undefined) +
    Number(record.GeoProximityLocation !== undefined) +
    Number(record.CidrRoutingConfig !== undefined) +
    Number(record.MultiValueAnswer !== undefined)
  );
}

function policyShapeProblem(record: ResourceRecordSet): string | undefined {
  // routingPolicy() would silently pick one; the model's group accounting needs exactly one.
  if (policyFieldCount(record) > 1) {
    return severalPolicies(
      record,
      POLICY_FIELDS.filter((field) => record[field] !== undefined),
    );
  }
  const policy = routingPolicy(record);
  if (policy === 'simple' && record.SetIdentifier !== undefined) {
    return unexpectedSetIdentifier(record);
  }
  if (policy !== 'simple' && record.SetIdentifier === undefined) {
    return missingSetIdentifier(record, policy);
  }
  if (record.AliasTarget !== undefined && policy === 'multivalue') return aliasMultivalue(record);
  return undefined;
}
