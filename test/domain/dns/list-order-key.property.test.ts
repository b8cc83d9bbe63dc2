/** listOrderKey's label scan against the split it replaced: the same key for any string. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listOrderKey } from '../../../shared/domain/dns/names.js';
import { referenceListOrderKey } from './reference-names.js';

describe('listOrderKey', () => {
  it('gives the key of the split-and-reverse it replaced, dots anywhere, trailing or not', () => {
    const text = fc.string({ unit: fc.constantFrom('.', '.', 'a', 'b', '-', '\\', '\u0000') });
    fc.assert(
      fc.property(text, (name) => {
        expect(listOrderKey(name)).toBe(referenceListOrderKey(name));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['www.example.com.', 'com.example.www.'],
    ['www.example.com', 'com.example.www.'],
    ['.', '.'],
    ['', '.'],
    ['a..', '.a.'],
    ['.a.', 'a..'],
  ])('turns %j into %j', (name, key) => {
    expect(listOrderKey(name)).toBe(key);
  });
});
