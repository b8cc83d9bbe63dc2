import type { Action } from '../formats/scenario.js';

/* The words of a frame's title and event line: what a step did, what its events became. */

/** A scenario action as a frame's title says it, when the step has no `say`. */
export function describeAction(action: Action): string {
  switch (action.kind) {
    case 'launch':
      return `launch ${action.count} in ${action.zone}`;
    case 'alarm':
      return `alarm ${action.name} to ALARM`;
    case 'alarm-ok':
      return `alarm ${action.name} back to OK`;
    case 'lose-zone':
      return `zone ${action.zone} lost`;
    case 'restore-zone':
      return `zone ${action.zone} restored`;
    case 'empty-region':
      return `region ${action.region} emptied`;
    case 'schedule':
      return 'scheduled reconcile';
    case 'scale-in':
      return `${action.group} scales in by ${action.count}`;
    case 'scale-out':
      return `${action.group} scales out by ${action.count} (${action.bootSeconds}s boot)`;
    default:
      return `${action.kind} ${action.instances.join(', ')}`;
  }
}

/** What the step's events did: the intake's summary, or why nothing was queued and the schedule stepped in. */
export function eventSummary(
  count: number,
  reason: string | undefined,
  ignored: readonly string[],
): string {
  if (reason !== undefined)
    return ignored.length === 0 ? reason : `${reason}; ${ignored.length} ignored`;
  if (count === 0) return 'no event for this change: the schedule catches it';
  return `${count} event${count === 1 ? '' : 's'} ignored (${ignored.map((i) => i.replace(/^[^:]+: /, '')).join('; ')}): the schedule catches the change`;
}

/** "instance booted (x10); terminate hook completed (CONTINUE) (x10)". */
export function countNotes(notes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const note of notes) counts.set(note, (counts.get(note) ?? 0) + 1);
  return [...counts].map(([note, n]) => (n === 1 ? note : `${note} (x${n})`)).join('; ');
}
