import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareNames,
  displayName,
  escapeName,
  isAtOrBelow,
  normalizeName,
} from '../../../shared/domain/dns/names.js';

/** Short labels over a small alphabet, so that random names share prefixes and parents often. */
const label = fc.string({
  unit: fc.constantFrom('a', 'b', '0', '-', '_'),
  minLength: 1,
  maxLength: 3,
});
const name = fc
  .array(label, { minLength: 1, maxLength: 4 })
  .map((labels) => `${labels.join('.')}.`);

/** Raw spellings: mixed case, missing dots, specials and octal escapes (none decoding to a backslash). */
const spelling = fc
  .array(
    fc.oneof(
      fc.constantFrom('a', 'B', 'z', 'Q', '0', '9', '-', '_', '*', '.', ' ', '@', '\\'),
      fc.constantFrom('\\052', '\\101', '\\040', '\\137', '\\056', '\\177'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/** Normalised names whose labels hold characters that Route 53 escapes. */
const specialName = fc
  .array(
    fc.string({
      // A backslash never stands alone in a normal form: it stays escaped as \134.
      unit: fc.constantFrom('a', 'q', '7', '-', '_', '*', ' ', '@', '!', '/', '~', '\t', 'é'),
      minLength: 1,
      maxLength: 5,
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((labels) => `${labels.join('.')}.`);

describe('normalizeName', () => {
  it.each([
    { raw: 'api.example.com', normal: 'api.example.com.' },
    { raw: 'api.example.com.', normal: 'api.example.com.' },
    { raw: 'API.Example.COM.', normal: 'api.example.com.' },
    { raw: 'Api.Example.Com', normal: 'api.example.com.' },
    { raw: '\\052.example.com.', normal: '*.example.com.' },
    { raw: '\\052.Example.com', normal: '*.example.com.' },
    { raw: 'a\\040b.example.com.', normal: 'a b.example.com.' },
    { raw: '\\101pi.example.com.', normal: 'api.example.com.' },
    { raw: '*.example.com.', normal: '*.example.com.' },
  ])('normalises $raw to $normal', ({ raw, normal }) => {
    expect(normalizeName(raw)).toBe(normal);
  });

  it('returns a name already normal as it is, and is idempotent on any text', () => {
    // The fast path's test as the regular expression it replaced wrote it.
    const normal = (name: string) => name.endsWith('.') && !/[A-Z\\]/.test(name);
    const text = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.stringMatching(/^[a-zA-Z\\.@[\]`]{0,12}$/),
    );
    fc.assert(
      fc.property(text, (name) => {
        if (normal(name)) expect(normalizeName(name)).toBe(name);
        expect(normalizeName(normalizeName(name))).toBe(normalizeName(name));
      }),
    );
  });

  it('decodes only three-digit octal escapes and leaves other backslashes alone', () => {
    expect(normalizeName('a\\08.example.com')).toBe('a\\08.example.com.');
    expect(normalizeName('a\\05.example.com')).toBe('a\\05.example.com.');
  });

  it('decodes every escape in a name, not only the first', () => {
    expect(normalizeName('\\052.a\\100b\\041.example.com.')).toBe('*.a@b!.example.com.');
  });

  it('gives two spellings of the same name the same normal form', () => {
    expect(normalizeName('\\052.API.example.com')).toBe(normalizeName('*.api.EXAMPLE.com.'));
  });

  it.each([
    ['a\\134052.example.com.', 'an escaped backslash before digits'],
    ['a\\056b.example.com.', 'an escaped dot inside a label'],
  ])('keeps %s as it is (%s), so normalising twice changes nothing', (name) => {
    expect(normalizeName(name)).toBe(name);
    expect(normalizeName(normalizeName(name))).toBe(name);
  });

  it('is idempotent: normalising a normal form changes nothing', () => {
    fc.assert(
      fc.property(spelling, (raw) => {
        const once = normalizeName(raw);
        expect(normalizeName(once)).toBe(once);
      }),
    );
  });

  it('always ends its result with a dot and never holds an upper-case ASCII letter', () => {
    fc.assert(
      fc.property(spelling, (raw) => {
        const normal = normalizeName(raw);
        expect(normal.endsWith('.')).toBe(true);
        expect(normal).not.toMatch(/[A-Z]/);
      }),
    );
  });
});

describe('escapeName', () => {
  it.each([
    { normal: '*.example.com.', escaped: '\\052.example.com.' },
    { normal: 'a b.example.com.', escaped: 'a\\040b.example.com.' },
    { normal: 'a@b.example.com.', escaped: 'a\\100b.example.com.' },
    { normal: 'tab\t.example.com.', escaped: 'tab\\011.example.com.' },
    { normal: 'back\\slash.example.com.', escaped: 'back\\134slash.example.com.' },
    { normal: 'api-2_x.example.com.', escaped: 'api-2_x.example.com.' },
  ])('escapes $normal as $escaped', ({ normal, escaped }) => {
    expect(escapeName(normal)).toBe(escaped);
  });

  it('leaves characters beyond Latin-1, which have no three-digit escape, as they are', () => {
    expect(escapeName('\u0142\u00e9.')).toBe('\u0142\\351.');
  });

  it('pads every escape to three octal digits', () => {
    expect(escapeName('\u0001.')).toBe('\\001.');
  });

  it('leaves letters, digits, hyphens, underscores and dots as they are', () => {
    fc.assert(
      fc.property(name, (plain) => {
        expect(escapeName(plain)).toBe(plain);
      }),
    );
  });

  it('writes only letters, digits, -, _, dots and octal escapes for names in Latin-1', () => {
    fc.assert(
      fc.property(specialName, (normal) => {
        expect(escapeName(normal)).toMatch(/^(?:[a-z0-9\-_.]|\\[0-7]{3})*$/);
      }),
    );
  });

  it('round-trips with normalizeName for names holding * and other specials', () => {
    fc.assert(
      fc.property(specialName, (normal) => {
        expect(normalizeName(escapeName(normal))).toBe(normal);
      }),
    );
  });
});

describe('displayName', () => {
  it.each([
    { normal: 'api.example.com.', shown: 'api.example.com' },
    { normal: '*.example.com.', shown: '*.example.com' },
    { normal: 'api.example.com', shown: 'api.example.com' },
  ])('shows $normal as $shown', ({ normal, shown }) => {
    expect(displayName(normal)).toBe(shown);
  });

  it('removes only one trailing dot', () => {
    expect(displayName('odd..')).toBe('odd.');
  });
});

describe('compareNames', () => {
  it.each([
    { before: 'api.example.com.', after: 'a.api.example.com.' },
    { before: 'a.api.example.com.', after: 'us-east-2.api.example.com.' },
    { before: 'us-east-2.api.example.com.', after: 'api0.example.com.' },
    { before: 'api.example.com.', after: 'api0.example.com.' },
    { before: 'example.com.', after: 'api.example.com.' },
    { before: 'z.example.com.', after: 'a.example.org.' },
    { before: 'endpoint-a.r.example.com.', after: 'endpoint-b.r.example.com.' },
    { before: 'endpoint-z.r.example.com.', after: 'endpoint-za.r.example.com.' },
    // Route 53 compares com.example.api-eu. with com.example.api.: '-' sorts before '.'.
    { before: 'api-eu.example.com.', after: 'api.example.com.' },
    { before: '*.example.com.', after: 'a.example.com.' },
  ])('puts $before before $after', ({ before, after }) => {
    expect(compareNames(before, after)).toBeLessThan(0);
    expect(compareNames(after, before)).toBeGreaterThan(0);
  });

  it('sorts a shuffled list into Route 53 order by reversed labels', () => {
    const ordered = [
      'api.example.com.',
      'a.api.example.com.',
      'b.a.api.example.com.',
      'us-east-2.api.example.com.',
      'endpoint-a.us-east-2.api.example.com.',
      'api0.example.com.',
      'www.example.com.',
    ];
    const shuffled = [
      'www.example.com.',
      'endpoint-a.us-east-2.api.example.com.',
      'api0.example.com.',
      'a.api.example.com.',
      'us-east-2.api.example.com.',
      'api.example.com.',
      'b.a.api.example.com.',
    ];
    expect(shuffled.sort(compareNames)).toEqual(ordered);
  });

  it('gives 0 for the same name, with or without the trailing dot', () => {
    expect(compareNames('api.example.com.', 'api.example.com.')).toBe(0);
    expect(compareNames('api.example.com', 'api.example.com.')).toBe(0);
  });

  it('is 0 only for equal names and antisymmetric otherwise', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        const ab = Math.sign(compareNames(a, b));
        const ba = Math.sign(compareNames(b, a));
        expect(ab + ba).toBe(0);
        expect(ab === 0).toBe(a === b);
      }),
    );
  });

  it('is transitive', () => {
    fc.assert(
      fc.property(name, name, name, (a, b, c) => {
        fc.pre(compareNames(a, b) <= 0 && compareNames(b, c) <= 0);
        expect(compareNames(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('keeps a subtree contiguous, its root first, when sorting random names', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (names, pick) => {
          const sorted = [...names].sort(compareNames);
          const root = names[pick % names.length] ?? '';
          const inside = sorted.flatMap((n, i) => (isAtOrBelow(n, root) ? [i] : []));
          const first = inside[0] ?? -1;
          expect(inside).toEqual(inside.map((_, k) => first + k));
          expect(sorted[first]).toBe(root);
        },
      ),
    );
  });
});

describe('isAtOrBelow', () => {
  it.each([
    { name: 'api.example.com.', root: 'api.example.com.', below: true },
    { name: 'a.api.example.com.', root: 'api.example.com.', below: true },
    { name: 'x.y.a.api.example.com.', root: 'api.example.com.', below: true },
    { name: 'api.example.com.', root: 'example.com.', below: true },
    { name: 'example.com.', root: 'api.example.com.', below: false },
    { name: 'myapi.example.com.', root: 'api.example.com.', below: false },
    { name: 'api0.example.com.', root: 'api.example.com.', below: false },
    { name: 'api.example.org.', root: 'example.com.', below: false },
  ])('says $name is at or below $root: $below', ({ name: n, root, below }) => {
    expect(isAtOrBelow(n, root)).toBe(below);
  });
});
