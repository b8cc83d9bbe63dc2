/*
 * REFERENCE, for tests only: shared/domain/dns/zone/depth.ts as it was before
 * the state indexed records by name, type and set identifier (concatenated
 * string keys, chains listed for every measure). zone-equivalence.property.test.ts
 * checks the model against it.
 */
/**
 * Route 53 follows at most three levels of alias recursion (alias -> alias ->
 * records; "Managing over 100 weighted records" in the Developer Guide). The
 * model measures, for each name+type a batch adds a record to, the longest
 * answer path through it: the same-zone aliases above it, itself, and the
 * names its aliases lead to. Whether Route 53 refuses such a write or only
 * fails to answer is not documented, so this is a strict-mode rule: the
 * rebalancer's invariant, checked before every write.
 */
import type { Change } from '../../../../../shared/domain/dns/records.js';
import { rrsetKey } from '../../../../../shared/domain/dns/records.js';
import { ROUTE53_LIMITS } from '../../../../../shared/domain/dns/zone/limits.js';
import { aliasTooDeep } from '../../../../../shared/domain/dns/zone/messages.js';
import type { ZoneState } from './state.js';

const MAX = ROUTE53_LIMITS.maxAliasLevels;

function nameOf(rrset: string): string {
  return rrset.slice(0, rrset.lastIndexOf('|'));
}

/** Measures chains on one state; memoised, so measure before and after a batch with two gauges. */
function gauge(state: ZoneState) {
  const down = new Map<string, string[]>();
  const up = new Map<string, string[]>();
  // Chains are cut at MAX + 1 names: enough to tell too deep. A name met again
  // on its own path is a loop: endless, shown as `…`.
  const cut = (chain: string[]) => chain.slice(0, MAX + 1);
  const loop = (rrset: string) => [nameOf(rrset), ...Array<string>(MAX).fill('…')];

  function below(rrset: string, path: ReadonlySet<string>): string[] {
    const known = down.get(rrset);
    if (known !== undefined) return known;
    if (path.has(rrset)) return loop(rrset);
    const inner = new Set(path).add(rrset);
    let longest: string[] = [];
    for (const target of state.targetsOf(rrset)?.keys() ?? []) {
      const chain = below(target, inner);
      if (chain.length > longest.length) longest = chain;
    }
    const chain = cut([nameOf(rrset), ...longest]);
    down.set(rrset, chain);
    return chain;
  }

  function above(rrset: string, path: ReadonlySet<string>): string[] {
    const known = up.get(rrset);
    if (known !== undefined) return known;
    if (path.has(rrset)) return loop(rrset).reverse();
    const inner = new Set(path).add(rrset);
    let longest: string[] = [];
    for (const key of state.aliasesOf(rrset) ?? []) {
      const alias = state.get(key);
      if (alias === undefined) continue;
      const parent = rrsetKey(alias);
      const chain = [...above(parent, inner), nameOf(parent)];
      if (chain.length > longest.length) longest = chain;
    }
    const chain = longest.slice(-(MAX + 1));
    up.set(rrset, chain);
    return chain;
  }

  return (rrset: string): string[] => [...above(rrset, new Set()), ...below(rrset, new Set())];
}

/** The name+types a batch adds records to: only they can lengthen a path. */
export function growingRrsets(changes: readonly Change[]): string[] {
  const rrsets = new Set<string>();
  for (const change of changes) {
    if (change.Action !== 'DELETE') rrsets.add(rrsetKey(change.ResourceRecordSet));
  }
  return [...rrsets];
}

/** The longest path through each name+type, in names; read before a batch is applied. */
export function pathLengths(state: ZoneState, rrsets: readonly string[]): Map<string, number> {
  const through = gauge(state);
  return new Map(rrsets.map((rrset) => [rrset, through(rrset).length]));
}

/**
 * One message per name+type whose longest answer path the batch made longer
 * than Route 53 follows. A path that already was too long and did not grow is
 * left alone: it is not this batch's doing (someone's alias above ours).
 */
export function aliasDepthProblems(
  state: ZoneState,
  rrsets: readonly string[],
  before: ReadonlyMap<string, number>,
): string[] {
  const through = gauge(state);
  const problems: string[] = [];
  for (const rrset of rrsets) {
    const chain = through(rrset);
    if (chain.length > MAX && chain.length > (before.get(rrset) ?? 0)) {
      problems.push(aliasTooDeep(nameOf(rrset), rrset.slice(nameOf(rrset).length + 1), chain, MAX));
    }
  }
  return problems;
}
