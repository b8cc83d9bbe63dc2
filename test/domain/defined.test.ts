import { describe, expect, it } from 'vitest';
import { defined } from '../../shared/domain/defined.js';

describe('defined', () => {
  it('gives back any value that is there, falsy ones included', () => {
    expect(defined(0, 'a count')).toBe(0);
    expect(defined('', 'a label')).toBe('');
    expect(defined(null, 'a cursor')).toBeNull();
  });

  it('throws an internal error naming what is missing', () => {
    expect(() =>
      defined(new Map<string, number>().get('x'), 'the unit of api in us-east-2'),
    ).toThrow(new Error('internal error: the unit of api in us-east-2 is missing'));
  });
});
