/// <reference lib="dom" />
/** Formatting values, and change lines as the CLI prints them. */
import type { SimulationFrame } from '../../frames.js';

type Change = SimulationFrame['written'][number]['Changes'][number];

/** A share (0..1) as a percentage with one decimal. */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** A share as a CSS width, clamped to 0..100%. */
export function barWidth(share: number): string {
  return `${Math.max(0, Math.min(100, share * 100)).toFixed(2)}%`;
}

/** Seconds since the start, as the CLI shows them. */
export function at(seconds: number): string {
  return `t+${seconds}s`;
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Text fit for a class name or an id. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

function displayName(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** One change as `rebalancer plan` prints it. */
export function describeChange(change: Change): string {
  const r = change.ResourceRecordSet;
  const parts = [
    change.Action === 'DELETE' ? '-' : '+',
    change.Action.padEnd(6),
    displayName(r.Name),
    r.Type,
  ];
  if (r.SetIdentifier !== undefined) parts.push(r.SetIdentifier);
  if (r.Region !== undefined) parts.push(`region ${r.Region}`);
  if (r.Weight !== undefined) parts.push(`weight ${r.Weight}`);
  if (r.TTL !== undefined) parts.push(`ttl ${r.TTL}`);
  if (r.AliasTarget !== undefined) parts.push(`-> alias ${displayName(r.AliasTarget.DNSName)}`);
  if (r.ResourceRecords !== undefined) {
    parts.push(`-> ${r.ResourceRecords.map((v) => v.Value).join(' ')}`);
  }
  return parts.join(' ');
}
