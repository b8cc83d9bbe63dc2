import type { AutoScalingPort } from '../app/ports.js';
import { once } from './env.js';

/**
 * A region's Auto Scaling port, its adapter and client loaded at the first
 * call (clients.ts: autoScalingClient says when that is), once.
 */
export function lazyAutoScaling(load: () => Promise<AutoScalingPort>): AutoScalingPort {
  const port = once(load);
  return {
    lifecycleStates: async (ids) => (await port()).lifecycleStates(ids),
    completeLifecycleAction: async (action, result) =>
      (await port()).completeLifecycleAction(action, result),
    recordHeartbeat: async (action) => (await port()).recordHeartbeat(action),
  };
}
