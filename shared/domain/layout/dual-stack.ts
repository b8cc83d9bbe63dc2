import { normalizeName } from '../dns/names.js';
import { recordSet, type ResourceRecordSet } from '../dns/records.js';
import { isRoutable, type Member } from '../fleet/members.js';

/*
 * Dual stack: the AAAA tree is the A tree rendered again with IPv6 addresses,
 * never laid out on its own. So "the same weights and groups" means: every
 * AAAA record has the name, SetIdentifier, weight and region of its A
 * record, and holds the IPv6 addresses of exactly the members whose IPv4
 * addresses the A record holds. A member without IPv6 is left out of the
 * AAAA tree; a record left without a value goes, and so does an alias whose
 * target has no AAAA record left (Route 53 answers an alias from the
 * target's records of the same type). The ownership marker (TXT) is the A
 * tree's: one per name vouches for both.
 */

const depth = (name: string): number => name.split('.').length;

/** Values, IPv4 -> IPv6 of the member holding it; undefined when none of them has IPv6. */
function mirroredValues(
  record: ResourceRecordSet,
  ipv6Of: ReadonlyMap<string, string>,
): { Value: string }[] | undefined {
  const values = (record.ResourceRecords ?? []).flatMap((r) => {
    const v6 = ipv6Of.get(r.Value);
    return v6 === undefined ? [] : [{ Value: v6 }];
  });
  return values.length === 0 ? undefined : values.sort((a, b) => (a.Value < b.Value ? -1 : 1));
}

/** The AAAA tree mirroring the A records among `records` (latency record included), deepest names first. */
export function mirrorAaaa(
  records: readonly ResourceRecordSet[],
  members: readonly Member[],
): ResourceRecordSet[] {
  const ipv6Of = new Map<string, string>();
  for (const m of members)
    if (m.address !== undefined && m.instance.ipv6 !== undefined)
      ipv6Of.set(m.address, m.instance.ipv6);
  const a = records.filter((r) => r.Type === 'A');
  const mirrored: ResourceRecordSet[] = [];
  const answered = new Set<string>();
  // Targets lie below their aliases, so the deepest names are mirrored first.
  const order = [...a].sort((x, y) => depth(y.Name) - depth(x.Name));
  for (const record of order) {
    if (record.AliasTarget !== undefined) {
      if (!answered.has(normalizeName(record.AliasTarget.DNSName))) continue;
      mirrored.push(recordSet({ ...record, Type: 'AAAA' }));
    } else {
      const values = mirroredValues(record, ipv6Of);
      if (values === undefined) continue;
      mirrored.push(recordSet({ ...record, Type: 'AAAA', ResourceRecords: values }));
    }
    answered.add(record.Name);
  }
  return mirrored;
}

/** What the plan says about members the AAAA tree leaves out: routed, but without an IPv6 address. */
export function ipv4OnlyReasons(members: readonly Member[]): string[] {
  const missing = members.filter(
    (m) => isRoutable(m) && m.address !== undefined && m.instance.ipv6 === undefined,
  );
  if (missing.length === 0) return [];
  const shown = missing.slice(0, 10).map((m) => m.instance.id);
  const more = missing.length > shown.length ? `, and ${missing.length - shown.length} more` : '';
  return [
    `${missing.length} instance(s) without an IPv6 address are in the A records only: ${shown.join(', ')}${more}`,
  ];
}
