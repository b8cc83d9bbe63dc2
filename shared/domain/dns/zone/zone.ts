/**
 * A model of one Route 53 hosted zone: the project's oracle for what Route 53
 * accepts. The planner pre-flights every plan against it, what-if simulation
 * runs on it, and the fake Route 53 clients in tests keep their state in it.
 */
import { InputError, InvalidChangeBatchError } from '../../errors.js';
import { normalizeName } from '../names.js';
import type { Change, ChangeBatch, ResourceRecordSet } from '../records.js';
import { describeRecord } from '../records.js';
import { aliasDepthProblems, growingRrsets, pathLengths } from './depth.js';
import { checkInput } from './input.js';
import { batchLimitProblems } from './limits.js';
import type { SortedRecords } from './list.js';
import { listPage, sortRecords } from './list.js';
import { danglingAlias, alreadyExists, noSuchHealthCheck } from './messages.js';
import { nameProblems } from './name-rules.js';
import { normalizeChanges, normalizeRecord, stripZoneId } from './normalize.js';
import { rdataProblems } from './rdata.js';
import type { ZoneIdentity } from './rules.js';
import { additionProblem, deletionProblem, placementProblem } from './rules.js';
import type { ZoneState } from './state.js';
import { createZoneState } from './state.js';
import type { HostedZone, HostedZoneOptions, ListPage, ListParams, Rejection } from './types.js';

interface ZoneConfig extends ZoneIdentity {
  readonly strict: boolean;
  readonly healthCheckIds: ReadonlySet<string> | undefined;
}

/** Route 53 refuses the whole request when a record it would write names a check that does not exist. */
function missingHealthChecks(config: ZoneConfig, batch: ChangeBatch): Rejection | undefined {
  const known = config.healthCheckIds;
  if (known === undefined) return undefined;
  for (const change of batch.Changes) {
    const id = change.ResourceRecordSet.HealthCheckId;
    if (change.Action !== 'DELETE' && id !== undefined && !known.has(id))
      return { code: 'NoSuchHealthCheck', messages: [noSuchHealthCheck(id)] };
  }
  return undefined;
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
    if (state.get(record.Name, record.Type, record.SetIdentifier) === undefined)
      state.insert(record);
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

/**
 * A zone's data. Its operations are module-level functions over it, shared by
 * every zone, not closures made per zone: V8 compiled closures made per
 * pre-flight afresh in every plan (see state.ts).
 */
interface Zone extends HostedZone {
  readonly config: ZoneConfig;
  readonly state: ZoneState;
  /** Sorted lazily for list() and records(); replaced, never mutated, so clones may share it. */
  sorted: SortedRecords | undefined;
  /**
   * The last name found parsable and in the zone: a batch's changes come name
   * by name, and both checks depend on the name alone.
   */
  placedName: string | undefined;
}

function makeZone(
  config: ZoneConfig,
  state: ZoneState,
  initialOrder: SortedRecords | undefined,
): HostedZone {
  const zone: Zone = {
    config,
    state,
    sorted: initialOrder,
    placedName: undefined,
    zoneId: config.zoneId,
    zoneName: config.zoneName,
    records,
    get,
    validate,
    apply,
    list,
    clone,
  };
  return zone;
}

function ordered(zone: Zone): SortedRecords {
  return (zone.sorted ??= sortRecords(zone.state.values()));
}

/** Applies one change to the live state, or leaves it untouched and says why not. */
function applyChange(zone: Zone, change: Change, messages: string[]): void {
  const { config, state } = zone;
  const record = change.ResourceRecordSet;
  if (record.Name !== zone.placedName) {
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
    zone.placedName = record.Name;
  }
  if (change.Action === 'DELETE') {
    const problem = deletionProblem(
      record,
      state.get(record.Name, record.Type, record.SetIdentifier),
    );
    if (problem === undefined) state.remove(record);
    else messages.push(problem);
    return;
  }
  const rdata = rdataProblems(record);
  if (rdata.length > 0) {
    messages.push(...rdata);
    return;
  }
  if (
    change.Action === 'CREATE' &&
    state.get(record.Name, record.Type, record.SetIdentifier) !== undefined
  ) {
    messages.push(alreadyExists(record));
    return;
  }
  // An UPSERT is judged against its group without the record it replaces.
  const mark = state.mark();
  // A CREATE got here with its key free: nothing to remove.
  if (change.Action !== 'CREATE') state.remove(record);
  const problem = additionProblem(state, record, config);
  if (problem === undefined) {
    state.insert(record);
  } else {
    state.rollback(mark);
    messages.push(problem);
  }
}

/** The rebalancer's invariant: only groups this batch emptied can strand an alias. */
function danglingAliases(state: ZoneState): string[] {
  const stranded: ResourceRecordSet[] = [];
  for (const [name, types] of state.emptied()) {
    for (const type of types) {
      if (state.group(name, type) === undefined)
        stranded.push(...(state.aliasesOf(name, type) ?? []));
    }
  }
  return sortRecords(stranded).records.map((alias) =>
    danglingAlias(alias, alias.AliasTarget?.DNSName ?? ''),
  );
}

function run(zone: Zone, batch: ChangeBatch, commit: boolean): Rejection | undefined {
  const { config, state } = zone;
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
  for (const change of normalised.Changes) applyChange(zone, change, messages);
  if (messages.length === 0 && config.strict) messages.push(...danglingAliases(state));
  if (messages.length === 0 && config.strict) {
    messages.push(...aliasDepthProblems(state, growing, before));
  }

  if (messages.length > 0 || !commit) {
    state.rollback(0);
  } else {
    if (state.mark() > 0) zone.sorted = undefined;
    state.commit();
  }
  return messages.length > 0 ? { code: 'InvalidChangeBatch', messages } : undefined;
}

function records(this: Zone): ResourceRecordSet[] {
  return ordered(this).records.slice();
}

function get(
  this: Zone,
  name: string,
  type: string,
  setIdentifier?: string,
): ResourceRecordSet | undefined {
  return this.state.get(normalizeName(name), type, setIdentifier);
}

function validate(this: Zone, batch: ChangeBatch): Rejection | undefined {
  return run(this, batch, false);
}

function apply(this: Zone, batch: ChangeBatch): Rejection | undefined {
  return run(this, batch, true);
}

function list(this: Zone, params?: ListParams): ListPage {
  return listPage(ordered(this), params);
}

function clone(this: Zone): HostedZone {
  return makeZone(this.config, this.state.clone(), this.sorted);
}
