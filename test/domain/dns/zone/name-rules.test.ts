import { describe, expect, it } from 'vitest';
import { characterStringOctets } from '../../../../shared/domain/dns/zone/rdata.js';
import { textOctets } from '../../../../shared/domain/dns/zone/name-rules.js';
import { batch, create, remove, simple, weighted, zoneOf } from './fixtures.js';

/** A name below example.com. whose wire form is exactly `octets` long (labels of 50 or fewer). */
function nameOfWireLength(octets: number): string {
  // example.com. is 13 octets in wire form (7+1, 3+1, root 1).
  let left = octets - 13;
  const labels: string[] = [];
  while (left > 0) {
    const size = Math.min(50, left - 1);
    labels.push('a'.repeat(size));
    left -= size + 1;
  }
  return `${labels.join('.')}.example.com.`;
}

const label63 = 'a'.repeat(63);
const label64 = 'a'.repeat(64);

describe('names (InvalidChangeBatch)', () => {
  it.each<[string, string, string]>([
    [
      'a label of 64 octets',
      `${label64}.example.com.`,
      `FATAL problem: DomainLabelTooLong (Domain label is too long) encountered with '${label64}'`,
    ],
    [
      'a label of 64 octets written with an escape',
      `${'a'.repeat(61)}\\056bc.example.com.`,
      `FATAL problem: DomainLabelTooLong (Domain label is too long) encountered with '${'a'.repeat(61)}\\056bc'`,
    ],
    [
      'an empty label',
      'a..example.com.',
      "FATAL problem: DomainLabelEmpty (Domain label is empty) encountered with 'a..example.com.'",
    ],
    [
      'a name of 256 octets in wire form',
      nameOfWireLength(256),
      `FATAL problem: DomainNameTooLong (Domain name is too long) encountered with '${nameOfWireLength(256)}'`,
    ],
  ])('rejects %s, whatever the action', (_, name, message) => {
    for (const change of [create(simple(name)), remove(simple(name))]) {
      expect(zoneOf().apply(batch(change))).toEqual({
        code: 'InvalidChangeBatch',
        messages: [message],
      });
    }
  });

  it('accepts a label of 63 octets and a name of 255', () => {
    expect(nameOfWireLength(255)).toHaveLength(254);
    const zone = zoneOf();
    expect(
      zone.apply(
        batch(create(simple(`${label63}.example.com.`)), create(simple(nameOfWireLength(255)))),
      ),
    ).toBeUndefined();
    expect(zone.records()).toHaveLength(2);
  });

  it('judges each name of a batch, however many changes before it passed at another name', () => {
    // The model checks a name once for a run of changes at it: the run must end at the next name.
    const good = weighted('w.example.com.', 'a', 1, ['192.0.2.1']);
    const good2 = weighted('w.example.com.', 'b', 1, ['192.0.2.2']);
    expect(
      zoneOf().apply(batch(create(good), create(good2), create(simple(`${label64}.example.com.`))))
        ?.messages,
    ).toEqual([
      `FATAL problem: DomainLabelTooLong (Domain label is too long) encountered with '${label64}'`,
    ]);
    const outside = zoneOf().apply(
      batch(create(good), create(simple('www.example.org.')), create(good2)),
    );
    expect(outside?.messages).toHaveLength(1);
    expect(outside?.messages[0]).toContain('www.example.org.');
  });

  it('normalises each name of a batch, a run of changes at one name or not', () => {
    const zone = zoneOf();
    expect(
      zone.apply(
        batch(
          create(weighted('W.Example.com', 'a', 1, ['192.0.2.1'])),
          create(weighted('W.Example.com', 'b', 1, ['192.0.2.2'])),
          create(simple('API.example.com')),
          create(weighted('w.example.com.', 'c', 1, ['192.0.2.3'])),
        ),
      ),
    ).toBeUndefined();
    expect(zone.records().map((r) => `${r.Name} ${r.SetIdentifier ?? ''}`)).toEqual([
      'api.example.com. ',
      'w.example.com. a',
      'w.example.com. b',
      'w.example.com. c',
    ]);
  });

  it('counts an escape as one octet and other characters by their UTF-8 length', () => {
    expect(textOctets('a\\056b')).toBe(3);
    expect(textOctets('a\\"b')).toBe(3);
    expect(textOctets('é')).toBe(2);
    expect(textOctets('😀')).toBe(4);
  });
});

describe('TXT values (InvalidChangeBatch)', () => {
  const txt = (...values: string[]) => simple('t.example.com', values, { Type: 'TXT' });
  const tooLong = (value: string) =>
    `Invalid Resource Record: 'FATAL problem: CharacterStringTooLong (Value is too long) encountered with '${value}''`;

  it('rejects a character-string of 256 octets, quoting the whole value', () => {
    const value = `"ok" "${'x'.repeat(256)}"`;
    expect(zoneOf().apply(batch(create(txt('"fine"', value))))).toEqual({
      code: 'InvalidChangeBatch',
      messages: [tooLong(value)],
    });
  });

  it('rejects an unquoted word of 256 octets', () => {
    const value = 'y'.repeat(256);
    expect(zoneOf().apply(batch(create(txt(value))))?.messages).toEqual([tooLong(value)]);
  });

  it('accepts strings of 255 octets, as many as a value holds, escapes counted as one', () => {
    const escaped = `"${'x'.repeat(253)}\\"\\065"`;
    expect(characterStringOctets(escaped)).toEqual([255]);
    const value = `"${'x'.repeat(255)}" "${'z'.repeat(255)}"`;
    expect(characterStringOctets(value)).toEqual([255, 255]);
    expect(zoneOf().apply(batch(create(txt(value, escaped))))).toBeUndefined();
  });

  it('splits a value into its strings: quoted ones, and words between spaces', () => {
    expect(characterStringOctets('"a b" c  "d\\"e" "unterminated')).toEqual([3, 1, 3, 12]);
    expect(characterStringOctets('')).toEqual([]);
  });
});
