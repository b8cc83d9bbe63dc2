import {
  CompleteLifecycleActionCommand,
  DescribeAutoScalingInstancesCommand,
  RecordLifecycleActionHeartbeatCommand,
  paginateDescribeAutoScalingInstances,
} from '@aws-sdk/client-auto-scaling';
import type {
  AutoScalingInstanceDetails,
  DescribeAutoScalingInstancesCommandInput,
  AutoScalingClient,
} from '@aws-sdk/client-auto-scaling';
import type { AutoScalingPort } from '../app/ports.js';
import { AwsCallError } from '../domain/errors.js';
import type { LifecycleActionRef } from '../domain/fleet/lifecycle-action.js';

/*
 * Auto Scaling for one region: the client is injected, every page is read,
 * nothing is decided here. What a lifecycle state means for serving, and when
 * to complete a hook, is the caller's business.
 */

export interface AutoScalingAdapter extends AutoScalingPort {
  /** How many requests this adapter has sent, failed ones included. */
  readonly calls: () => number;
}

// Auto Scaling's limits: DescribeAutoScalingInstances takes at most 50 InstanceIds
// and returns at most 50 records a page (MaxRecords 1..50).
const IDS_PER_CALL = 50;
const PAGE_SIZE = 50;
/** 50 ids need one page, and never more than 50 even at one record a page: beyond, the listing loops. */
const PAGE_CAP = 50;

const DESCRIBE = 'DescribeAutoScalingInstances';

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    out.push(items.slice(start, start + size));
  }
  return out;
}

/**
 * True for Auto Scaling's answer to a token that expired, was already used, or
 * whose instance has no action pending: a ValidationError worded
 * "No active Lifecycle Action found with token <token>" (or "... with instance
 * ID <id>" when asked by instance). Seen in the wild as
 * "An error occurred (ValidationError) when calling the CompleteLifecycleAction
 * operation: No active Lifecycle Action found with token f66c3d47-..."
 * (spacelift-io/terraform-aws-spacelift-workerpool-on-ec2 PR #197), and for
 * RecordLifecycleActionHeartbeat after the timeout (aws/aws-node-termination-handler,
 * pkg/monitor/sqsevent, stops heartbeating on it). Retrying cannot help.
 */
export function isNoActiveLifecycleAction(error: unknown): boolean {
  const cause = error instanceof AwsCallError ? error.cause : error;
  if (!(cause instanceof Error) || cause.name !== 'ValidationError') return false;
  return /^no active lifecycle action found\b/i.test(cause.message);
}

function paginationError(message: string): Error {
  const error = new Error(message);
  error.name = 'PaginationError';
  return error;
}

/** Auto Scaling calls for one region through the given client. */
export function createAutoScalingAdapter(
  client: AutoScalingClient,
  region: string,
): AutoScalingAdapter {
  let calls = 0;

  /** Every record for up to 50 ids; a NextToken seen before, or too many pages, fails the read. */
  async function describe(ids: readonly string[]): Promise<AutoScalingInstanceDetails[]> {
    const records: AutoScalingInstanceDetails[] = [];
    const tokens = new Set<string>();
    const pages = paginateDescribeAutoScalingInstances(
      {
        client,
        pageSize: PAGE_SIZE,
        // The paginator reuses one input object for every page, with NextToken
        // undefined on the first: each request gets its own copy, token only when set.
        withCommand: (command) => {
          calls += 1;
          const { NextToken, ...input } = command.input as DescribeAutoScalingInstancesCommandInput;
          return new DescribeAutoScalingInstancesCommand(
            NextToken === undefined ? input : { ...input, NextToken },
          );
        },
      },
      { InstanceIds: [...ids] },
    );
    try {
      for await (const page of pages) {
        records.push(...(page.AutoScalingInstances ?? []));
        const next = page.NextToken;
        if (next === undefined || next === '') break;
        if (tokens.has(next)) {
          throw paginationError(
            `NextToken ${next} came back a second time; stopped rather than loop`,
          );
        }
        if (tokens.size + 1 >= PAGE_CAP) {
          throw paginationError(`more than ${PAGE_CAP} pages for ${ids.length} instance ids`);
        }
        tokens.add(next);
      }
    } catch (error) {
      throw new AwsCallError(DESCRIBE, region, error);
    }
    return records;
  }

  async function lifecycleStates(
    instanceIds: readonly string[],
  ): Promise<ReadonlyMap<string, { readonly group: string; readonly state: string }>> {
    const wanted = [...new Set(instanceIds)];
    const asked = new Set(wanted);
    const states = new Map<string, { group: string; state: string }>();
    for (const chunk of chunks(wanted, IDS_PER_CALL)) {
      for (const record of await describe(chunk)) {
        const { InstanceId: id, AutoScalingGroupName: group, LifecycleState: state } = record;
        // All three are required in Auto Scaling's model; a record without them says nothing.
        if (id === undefined || group === undefined || state === undefined) continue;
        if (asked.has(id)) states.set(id, { group, state });
      }
    }
    return states;
  }

  /** Sends one lifecycle call: 'gone' for no active action, AwsCallError for any other failure. */
  async function lifecycleCall(
    operation: string,
    request: () => Promise<unknown>,
  ): Promise<'done' | 'gone'> {
    calls += 1;
    try {
      await request();
      return 'done';
    } catch (error) {
      if (isNoActiveLifecycleAction(error)) return 'gone';
      throw new AwsCallError(operation, region, error);
    }
  }

  function target(action: LifecycleActionRef) {
    return {
      AutoScalingGroupName: action.autoScalingGroupName,
      LifecycleHookName: action.lifecycleHookName,
      LifecycleActionToken: action.lifecycleActionToken,
      InstanceId: action.instanceId,
    };
  }

  async function completeLifecycleAction(
    action: LifecycleActionRef,
    result: 'CONTINUE' | 'ABANDON',
  ): Promise<'completed' | 'gone'> {
    const outcome = await lifecycleCall('CompleteLifecycleAction', () =>
      client.send(
        new CompleteLifecycleActionCommand({ ...target(action), LifecycleActionResult: result }),
      ),
    );
    return outcome === 'done' ? 'completed' : 'gone';
  }

  async function recordHeartbeat(action: LifecycleActionRef): Promise<'recorded' | 'gone'> {
    const outcome = await lifecycleCall('RecordLifecycleActionHeartbeat', () =>
      client.send(new RecordLifecycleActionHeartbeatCommand(target(action))),
    );
    return outcome === 'done' ? 'recorded' : 'gone';
  }

  return { lifecycleStates, completeLifecycleAction, recordHeartbeat, calls: () => calls };
}
