import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { depthOfName, parseBinName } from '../../../shared/domain/layout/layout.js';

/** parseBinName as it was before issue 13 (a slice and two regular expressions per name). */
function referenceParseBinName(name: string, regionalName: string) {
  if (!name.endsWith(`.${regionalName}`)) return undefined;
  const label = name.slice(0, -regionalName.length - 1);
  const match = /^(endpoint|shard)-([a-z]+)$/.exec(label);
  if (match === null) return undefined;
  const text = match[2] ?? '';
  let index = 0;
  for (const char of text) index = index * 26 + (char.charCodeAt(0) - 96);
  return { kind: match[1] === 'shard' ? 'shard' : 'endpoint', index: index - 1 };
}

/** depthOfName as it was before issue 13. */
function referenceDepthOfName(name: string, latencyNames: ReadonlySet<string>): number {
  if (latencyNames.has(name)) return 0;
  const label = name.slice(0, name.indexOf('.'));
  if (/^endpoint-[a-z]+$/.test(label)) return 3;
  if (/^shard-[a-z]+$/.test(label)) return 2;
  return 1;
}

/** Names built from the pieces that matter: kinds, labels, dots, look-alike characters. */
const piece = fc.constantFrom(
  'shard-',
  'endpoint-',
  'shard',
  'endpoint',
  '-',
  'a',
  'z',
  'ab',
  'A',
  '1',
  '`',
  '{',
  '.',
  'r',
  'api.example.com.',
  'x',
);
const name = fc.array(piece, { maxLength: 7 }).map((parts) => parts.join(''));
const regional = fc.constantFrom('', 'r', 'api.example.com.', 'r.api.example.com.', 'a', '.');

describe('parseBinName and depthOfName agree with their pre-issue-13 versions', () => {
  it('parseBinName, on names below, beside and unlike the regional name', () => {
    fc.assert(
      fc.property(name, regional, fc.boolean(), (n, r, below) => {
        const full = below ? `${n}.${r}` : n;
        expect(parseBinName(full, r)).toEqual(referenceParseBinName(full, r));
      }),
      { numRuns: 3000 },
    );
  });

  it('depthOfName, on any name', () => {
    fc.assert(
      fc.property(name, regional, (n, r) => {
        for (const full of [n, `${n}.${r}`])
          expect(depthOfName(full, new Set([r]))).toBe(referenceDepthOfName(full, new Set([r])));
      }),
      { numRuns: 3000 },
    );
  });
});
