/**
 * One pending lifecycle action of an Auto Scaling group: an instance held in
 * Pending:Wait or Terminating:Wait by a hook until someone completes it. The
 * four names are exactly what CompleteLifecycleAction and
 * RecordLifecycleActionHeartbeat take, and what the lifecycle event carries.
 */
export interface LifecycleActionRef {
  readonly autoScalingGroupName: string;
  readonly lifecycleHookName: string;
  readonly lifecycleActionToken: string;
  readonly instanceId: string;
}
