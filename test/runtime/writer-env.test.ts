import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/domain/errors.js';
import { memoryOf } from '../../shared/runtime/writer-env.js';

describe('memoryOf', () => {
  it('reads the memory Lambda passes in, in MiB', () => {
    expect(memoryOf({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256' })).toBe(256);
    expect(memoryOf({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '10240' })).toBe(10240);
  });

  it('none outside Lambda: no sizing check', () => {
    expect(memoryOf({})).toBeUndefined();
    expect(memoryOf({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '' })).toBeUndefined();
  });

  it.each(['12', 'lots', '256.5', '20000'])('refuses %s, naming the variable', (text) => {
    expect(() => memoryOf({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: text })).toThrow(InputError);
    expect(() => memoryOf({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: text })).toThrow(
      `AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "${text}" is not a memory size in MiB (128 to 10240)`,
    );
  });
});
