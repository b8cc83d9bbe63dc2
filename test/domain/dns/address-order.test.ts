import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipv4OrderKey, sortAddresses } from '../../../shared/domain/dns/address-order.js';

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));
/** What else a value can be: none of these has a key, so the strings decide. */
const other = fc.constantFrom(
  '01.2.3.4',
  '1.2.3.04',
  '1.2.3',
  '1.2.3.4.5',
  '256.1.1.1',
  '1..2.3',
  '.1.2.3',
  '1.2.3.',
  '1.2.3.4 ',
  '2001:db8::1',
  '::1',
  'a.b.c.d',
  '',
);

describe('sortAddresses', () => {
  it('puts dotted quads in the order Array.prototype.sort gives strings', () => {
    fc.assert(
      fc.property(fc.array(ipv4, { maxLength: 120 }), (addresses) => {
        expect(sortAddresses([...addresses])).toEqual([...addresses].sort());
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the strings order when any value is not a canonical dotted quad', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(ipv4, other), { maxLength: 40 }), (addresses) => {
        expect(sortAddresses([...addresses])).toEqual([...addresses].sort());
      }),
    );
  });

  it('orders octets by their decimal strings, not their values', () => {
    // "10" < "9" as strings, and "1.x" < "10.x" since '.' sorts before every digit.
    expect(sortAddresses(['9.0.0.1', '10.0.0.1', '1.0.0.1', '100.0.0.1'])).toEqual([
      '1.0.0.1',
      '10.0.0.1',
      '100.0.0.1',
      '9.0.0.1',
    ]);
    expect(sortAddresses(['1.2.3.40', '1.2.3.4', '1.2.3.255', '1.2.3.3'])).toEqual([
      '1.2.3.255',
      '1.2.3.3',
      '1.2.3.4',
      '1.2.3.40',
    ]);
  });

  it('keeps duplicates and sorts in place, returning the array it was given', () => {
    const addresses = ['10.0.0.2', '10.0.0.1', '10.0.0.2'];
    expect(sortAddresses(addresses)).toBe(addresses);
    expect(addresses).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.2']);
  });
});

describe('ipv4OrderKey', () => {
  it('orders two dotted quads as their strings compare', () => {
    fc.assert(
      fc.property(ipv4, ipv4, (a, b) => {
        const order = Math.sign(ipv4OrderKey(a) - ipv4OrderKey(b));
        expect(order).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('has no key for anything but a canonical dotted quad', () => {
    fc.assert(
      fc.property(other, (value) => {
        expect(ipv4OrderKey(value)).toBe(-1);
      }),
    );
    expect(ipv4OrderKey('0.0.0.0')).toBeGreaterThanOrEqual(0);
    expect(ipv4OrderKey('255.255.255.255')).toBeGreaterThan(ipv4OrderKey('0.0.0.0'));
  });
});
