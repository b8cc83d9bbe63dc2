import { describe, expect, it, vi } from 'vitest';
import type { AutoScalingPort } from '../../shared/app/ports.js';
import { lazyAutoScaling } from '../../shared/runtime/lazy-auto-scaling.js';

const ACTION = {
  autoScalingGroupName: 'api-prod',
  lifecycleHookName: 'launch',
  lifecycleActionToken: 'token-1',
  instanceId: 'i-0123456789abcdef0',
};

describe('lazyAutoScaling', () => {
  it('loads nothing until the first call, then loads once and forwards every call', async () => {
    const port: AutoScalingPort = {
      lifecycleStates: vi.fn(() =>
        Promise.resolve(new Map([[ACTION.instanceId, { group: 'api-prod', state: 'InService' }]])),
      ),
      completeLifecycleAction: vi.fn(() => Promise.resolve('completed' as const)),
      recordHeartbeat: vi.fn(() => Promise.resolve('gone' as const)),
    };
    const load = vi.fn(() => Promise.resolve(port));
    const lazy = lazyAutoScaling(load);
    expect(load).not.toHaveBeenCalled();

    const [states, completed] = await Promise.all([
      lazy.lifecycleStates([ACTION.instanceId]),
      lazy.completeLifecycleAction(ACTION, 'ABANDON'),
    ]);
    expect(states.get(ACTION.instanceId)).toEqual({ group: 'api-prod', state: 'InService' });
    expect(completed).toBe('completed');
    await expect(lazy.recordHeartbeat(ACTION)).resolves.toBe('gone');

    expect(load).toHaveBeenCalledTimes(1);
    expect(port.completeLifecycleAction).toHaveBeenCalledWith(ACTION, 'ABANDON');
    expect(port.recordHeartbeat).toHaveBeenCalledWith(ACTION);
  });

  it('fails the call when the client cannot be loaded', async () => {
    const lazy = lazyAutoScaling(() => Promise.reject(new Error('cannot load')));
    await expect(lazy.lifecycleStates(['i-1'])).rejects.toThrow('cannot load');
  });
});
