/**
 * Route 53 follows at most three levels of alias recursion (alias -> alias ->
 * records; "Managing over 100 weighted records" in the Developer Guide). The
 * model measures, for each name+type a batch adds a record to, the longest
 * answer path through it: the same-zone aliases above it, itself, and the
 * names its aliases lead to. Whether Route 53 refuses such a write or only
 * fails to answer is not documented, so this is a strict-mode rule: the
 * rebalancer's invariant, checked before every write.
 *
 * An alias targets a name of its own type, so a path never leaves its type:
 * paths are followed by name within one type.
 */
import type { Change, ResourceRecordSet } from '../records.js';
import { ROUTE53_LIMITS } from './limits.js';
import { aliasTooDeep } from './messages.js';
import type { ZoneState } from './state.js';

const MAX = ROUTE53_LIMITS.maxAliasLevels;

/** A name+type, as the record that named it first. */
export type Rrset = Pick<ResourceRecordSet, 'Name' | 'Type'>;

/** Memo tables for one type, by name. */
interface Memo<T> {
  readonly down: Map<string, T>;
  readonly up: Map<string, T>;
}

function memoFor<T>(memos: Map<string, Memo<T>>, type: string): Memo<T> {
  let memo = memos.get(type);
  if (memo === undefined) memos.set(type, (memo = { down: new Map(), up: new Map() }));
  return memo;
}

/**
 * Path lengths on one state, in names: the same walk, in the same order and
 * with the same memo as the chains of chainGauge, counting names instead of
 * listing them (a chain is cut at MAX + 1 names, a loop counts MAX + 1), so
 * each length is its chain's length without building a chain. Module-level
 * functions over the walk's data, not closures made per batch (see state.ts).
 */
interface LengthWalk {
  readonly state: ZoneState;
  readonly memos: Map<string, Memo<number>>;
  /** The names on the walk's current path, to tell a loop; each walk starts empty and ends so. */
  readonly path: Set<string>;
}

function lengthWalk(state: ZoneState): LengthWalk {
  return { state, memos: new Map(), path: new Set() };
}

// A name with no alias below (above) is one name (none) whatever the path,
// as it is never on a path it extends: answered first, without the memo.
function lengthBelow(walk: LengthWalk, memo: Memo<number>, type: string, name: string): number {
  const targets = walk.state.targetsOf(name, type);
  if (targets === undefined || targets.size === 0) return 1;
  const known = memo.down.get(name);
  if (known !== undefined) return known;
  const { path } = walk;
  if (path.has(name)) return MAX + 1;
  path.add(name);
  let longest = 0;
  for (const target of targets.keys())
    longest = Math.max(longest, lengthBelow(walk, memo, type, target));
  path.delete(name);
  const length = Math.min(MAX + 1, 1 + longest);
  memo.down.set(name, length);
  return length;
}

function lengthAbove(walk: LengthWalk, memo: Memo<number>, type: string, name: string): number {
  const aliases = walk.state.aliasesOf(name, type);
  if (aliases === undefined || aliases.size === 0) return 0;
  const known = memo.up.get(name);
  if (known !== undefined) return known;
  const { path } = walk;
  if (path.has(name)) return MAX + 1;
  path.add(name);
  let longest = 0;
  for (const alias of aliases)
    longest = Math.max(longest, lengthAbove(walk, memo, type, alias.Name) + 1);
  path.delete(name);
  const length = Math.min(MAX + 1, longest);
  memo.up.set(name, length);
  return length;
}

function lengthThrough(walk: LengthWalk, rrset: Rrset): number {
  const memo = memoFor(walk.memos, rrset.Type);
  return (
    lengthAbove(walk, memo, rrset.Type, rrset.Name) +
    lengthBelow(walk, memo, rrset.Type, rrset.Name)
  );
}

/** The chains themselves, for the messages; memoised, so measure before and after a batch with two gauges. */
function chainGauge(state: ZoneState): (rrset: Rrset) => string[] {
  const memos = new Map<string, Memo<string[]>>();
  // Chains are cut at MAX + 1 names: enough to tell too deep. A name met again
  // on its own path is a loop: endless, shown as `…`.
  const cut = (chain: string[]) => chain.slice(0, MAX + 1);
  const loop = (name: string) => [name, ...Array<string>(MAX).fill('…')];

  function below(memo: Memo<string[]>, type: string, name: string, path: ReadonlySet<string>) {
    const known = memo.down.get(name);
    if (known !== undefined) return known;
    if (path.has(name)) return loop(name);
    const inner = new Set(path).add(name);
    let longest: string[] = [];
    for (const target of state.targetsOf(name, type)?.keys() ?? []) {
      const chain = below(memo, type, target, inner);
      if (chain.length > longest.length) longest = chain;
    }
    const chain = cut([name, ...longest]);
    memo.down.set(name, chain);
    return chain;
  }

  function above(memo: Memo<string[]>, type: string, name: string, path: ReadonlySet<string>) {
    const known = memo.up.get(name);
    if (known !== undefined) return known;
    if (path.has(name)) return loop(name).reverse();
    const inner = new Set(path).add(name);
    let longest: string[] = [];
    for (const alias of state.aliasesOf(name, type) ?? []) {
      const chain = [...above(memo, type, alias.Name, inner), alias.Name];
      if (chain.length > longest.length) longest = chain;
    }
    const chain = longest.slice(-(MAX + 1));
    memo.up.set(name, chain);
    return chain;
  }

  return (rrset) => {
    const memo = memoFor(memos, rrset.Type);
    const { Name: name, Type: type } = rrset;
    return [...above(memo, type, name, new Set()), ...below(memo, type, name, new Set())];
  };
}

/** The name+types a batch adds records to, each as its first record, in batch order: only they can lengthen a path. */
export function growingRrsets(changes: readonly Change[]): Rrset[] {
  const namesByType = new Map<string, Set<string>>();
  const growing: Rrset[] = [];
  for (const change of changes) {
    if (change.Action === 'DELETE') continue;
    const record = change.ResourceRecordSet;
    let names = namesByType.get(record.Type);
    if (names === undefined) namesByType.set(record.Type, (names = new Set()));
    if (names.has(record.Name)) continue;
    names.add(record.Name);
    growing.push(record);
  }
  return growing;
}

/** The longest path through each name+type, in names, in the order given; read before a batch is applied. */
export function pathLengths(state: ZoneState, rrsets: readonly Rrset[]): number[] {
  const walk = lengthWalk(state);
  const lengths: number[] = [];
  for (const rrset of rrsets) lengths.push(lengthThrough(walk, rrset));
  return lengths;
}

/** Whether the ith path, now `length` names, is too long and longer than it was. */
function grewPast(length: number, before: readonly number[], i: number): boolean {
  return length > MAX && length > (before[i] ?? 0);
}

/**
 * One message per name+type whose longest answer path the batch made longer
 * than Route 53 follows. A path that already was too long and did not grow is
 * left alone: it is not this batch's doing (someone's alias above ours).
 */
export function aliasDepthProblems(
  state: ZoneState,
  rrsets: readonly Rrset[],
  before: readonly number[],
): string[] {
  const walk = lengthWalk(state);
  let any = false;
  for (let i = 0; i < rrsets.length && !any; i++)
    any = grewPast(lengthThrough(walk, rrsets[i] as Rrset), before, i);
  if (!any) return [];
  // Rare: walked again listing the chains, every one in the same order, so the same memo picks the same path.
  const chains = rrsets.map(chainGauge(state));
  const problems: string[] = [];
  chains.forEach((chain, i) => {
    const rrset = rrsets[i];
    if (rrset !== undefined && grewPast(chain.length, before, i))
      problems.push(aliasTooDeep(rrset.Name, rrset.Type, chain, MAX));
  });
  return problems;
}
