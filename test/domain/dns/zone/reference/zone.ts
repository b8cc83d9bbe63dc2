/*
 * REFERENCE, for tests only: shared/domain/dns/zone/zone.ts as it was before
 * the state indexed records by name, type and set identifier (concatenated
 * string keys, chains listed for every measure). zone-equivalence.property.test.ts
 * checks the model against it.
 */
/**
 * A model of one Route 53 hosted zone: the project's oracle for what Route 53
 * accepts. The planner pre-flights every plan against it, what-if simulation
 * runs on it, and the fake Route 53 clients in tests keep their state in it.
 */
import { InputError, InvalidChangeBatchError } from '../../../../../shared/domain/errors.js';
import { normalizeName } from '../../../../../shared/domain/dns/names.js';
import type {
  Change,
  ChangeBatch,
  ResourceRecordSet,
} from '../../../../../shared/domain/dns/records.js';
import { describeRecord, recordKey } from '../../../../../shared/domain/dns/records.js';
import { aliasDepthProblems, growingRrsets, pathLengths } from './depth.js';
import { checkInput } from '../../../../../shared/domain/dns/zone/input.js';
import { batchLimitProblems } from '../../../../../shared/domain/dns/zone/limits.js';
import type { SortedRecords } from '../../../../../shared/domain/dns/zone/list.js';
import { listPage, sortRecords } from '../../../../../shared/domain/dns/zone/list.js';
import {
  danglingAlias,
  alreadyExists,
  noSuchHealthCheck,
} from '../../../../../shared/domain/dns/zone/messages.js';
import { nameProblems } from '../../../../../shared/domain/dns/zone/name-rules.js';
import {
  normalizeChanges,
  normalizeRecord,
  stripZoneId,
} from '../../../../../shared/domain/dns/zone/normalize.js';
import { rdataProblems } from '../../../../../shared/domain/dns/zone/rdata.js';
import type { ZoneIdentity } from './rules.js';
import { additionProblem, deletionProblem, placementProblem } from './rules.js';
import type { ZoneState } from './state.js';
import { createZoneState } from './state.js';
import type {
  HostedZone,
  HostedZoneOptions,
  Rejection,
} from '../../../../../shared/domain/dns/zone/types.js';

interface ZoneConfig extends ZoneIdentity {
  readonly strict: boolean;
  readonly healthCheckIds: ReadonlySet<string> | undefined;
}

/** Route 53 refuses the whole request when a record it would write names a check that does not exist. */
function missingHealthChecks(config: ZoneConfig, batch: ChangeBatch): Rejection | undefined {
  const known = config.healthCheckIds;
  if (known === undefined) return undefined;
  const missing = batch.Changes.flatMap((c) => {
    const id = c.ResourceRecordSet.HealthCheckId;
    return c.Action !== 'DELETE' && id !== undefined && !known.has(id) ? [id] : [];
  });
  const [first] = missing;
  return first === undefined
    ? undefined
    : { code: 'NoSuchHealthCheck', messages: [noSuchHealthCheck(first)] };
}

/**
 * A zone holding `records` as given (they are what Route 53 already has, so
 * only their names are normalised, never judged); throws on a repeated key.
 */
export function createHostedZone(
  options: HostedZoneOptions,
  records: Iterable<ResourceRecordSet> = [],
): HostedZone {
  const config: ZoneConfig = {
    zoneId: stripZoneId(options.zoneId),
    zoneName: options.zoneName === undefined ? undefined : normalizeName(options.zoneName),
    strict: options.strict ?? false,
    healthCheckIds: options.healthCheckIds,
  };
  const state = createZoneState(config.zoneId);
  const duplicates: string[] = [];
  for (const given of records) {
    const record = normalizeRecord(given);
    const key = recordKey(record);
    if (state.get(key) === undefined) state.insert(record, key);
    else duplicates.push(`duplicate record ${describeRecord(record)}`);
  }
  state.commit();
  if (duplicates.length > 0) throw new InputError(`hosted zone ${config.zoneId}`, duplicates);
  return makeZone(config, state, undefined);
}

/** Applies a batch the model accepts; otherwise throws what Route 53 would and changes nothing. */
export function applyOrThrow(zone: HostedZone, batch: ChangeBatch): void {
  const rejection = zone.apply(batch);
  if (rejection !== undefined)
    throw new InvalidChangeBatchError(rejection.code, rejection.messages);
}

function makeZone(
  config: ZoneConfig,
  state: ZoneState,
  initialOrder: SortedRecords | undefined,
): HostedZone {
  // Sorted lazily for list() and records(); replaced, never mutated, so clones may share it.
  let sorted = initialOrder;
  const ordered = (): SortedRecords => (sorted ??= sortRecords(state.values()));

  /** Applies one change to the live state, or leaves it untouched and says why not. */
  function applyChange(change: Change, messages: string[]): void {
    const record = change.ResourceRecordSet;
    const key = recordKey(record);
    // A name Route 53 cannot parse is refused whatever the action.
    const unparsable = nameProblems(record.Name);
    if (unparsable.length > 0) {
      messages.push(...unparsable);
      return;
    }
    const placement = placementProblem(record, config);
    if (placement !== undefined) {
      messages.push(placement);
      return;
    }
    if (change.Action === 'DELETE') {
      const problem = deletionProblem(record, state.get(key));
      if (problem === undefined) state.remove(key);
      else messages.push(problem);
      return;
    }
    const rdata = rdataProblems(record);
    if (rdata.length > 0) {
      messages.push(...rdata);
      return;
    }
    if (change.Action === 'CREATE' && state.get(key) !== undefined) {
      messages.push(alreadyExists(record));
      return;
    }
    // An UPSERT is judged against its group without the record it replaces.
    const mark = state.mark();
    // A CREATE got here with its key free: nothing to remove.
    if (change.Action !== 'CREATE') state.remove(key);
    const problem = additionProblem(state, record, config);
    if (problem === undefined) {
      state.insert(record, key);
    } else {
      state.rollback(mark);
      messages.push(problem);
    }
  }

  /** The rebalancer's invariant: only groups this batch emptied can strand an alias. */
  function danglingAliases(): string[] {
    const stranded: ResourceRecordSet[] = [];
    for (const rrset of state.emptied()) {
      if (state.group(rrset) !== undefined) continue;
      for (const key of state.aliasesOf(rrset) ?? []) {
        const alias = state.get(key);
        if (alias !== undefined) stranded.push(alias);
      }
    }
    return sortRecords(stranded).records.map((alias) =>
      danglingAlias(alias, alias.AliasTarget?.DNSName ?? ''),
    );
  }

  function run(batch: ChangeBatch, commit: boolean): Rejection | undefined {
    const normalised: ChangeBatch = { ...batch, Changes: normalizeChanges(batch.Changes) };
    const invalid = checkInput(normalised);
    if (invalid !== undefined) return invalid;
    const noCheck = missingHealthChecks(config, normalised);
    if (noCheck !== undefined) return noCheck;
    const limits = batchLimitProblems(normalised);
    if (limits.length > 0) return { code: 'InvalidChangeBatch', messages: limits };

    const growing = config.strict ? growingRrsets(normalised.Changes) : [];
    const before = pathLengths(state, growing);
    const messages: string[] = [];
    for (const change of normalised.Changes) applyChange(change, messages);
    if (messages.length === 0 && config.strict) messages.push(...danglingAliases());
    if (messages.length === 0 && config.strict) {
      messages.push(...aliasDepthProblems(state, growing, before));
    }

    if (messages.length > 0 || !commit) {
      state.rollback(0);
    } else {
      if (state.mark() > 0) sorted = undefined;
      state.commit();
    }
    return messages.length > 0 ? { code: 'InvalidChangeBatch', messages } : undefined;
  }

  return {
    zoneId: config.zoneId,
    zoneName: config.zoneName,
    records: () => ordered().records.slice(),
    get: (name, type, setIdentifier) =>
      state.get(recordKey({ Name: normalizeName(name), Type: type, SetIdentifier: setIdentifier })),
    validate: (batch) => run(batch, false),
    apply: (batch) => run(batch, true),
    list: (params) => listPage(ordered(), params),
    clone: () => makeZone(config, state.clone(), sorted),
  };
}
