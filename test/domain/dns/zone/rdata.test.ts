import { describe, expect, it } from 'vitest';
import { isIPv4Address, isIPv6Address } from '../../../../shared/domain/dns/zone/index.js';

describe('isIPv4Address', () => {
  it.each(['0.0.0.0', '192.0.2.1', '255.255.255.255', '10.0.0.01'])('accepts %s', (value) => {
    expect(isIPv4Address(value)).toBe(true);
  });

  it.each([
    '300.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '1.2.3.a',
    ' 1.2.3.4',
    '1.2.3.4 ',
    '',
    '1..2.3',
    '1234.1.1.1',
  ])('rejects %j', (value) => {
    expect(isIPv4Address(value)).toBe(false);
  });
});

describe('isIPv6Address', () => {
  it.each([
    '2001:db8::1',
    '::',
    '::1',
    '1::',
    '2001:0db8:0000:0000:0000:ff00:0042:8329',
    'FE80::1',
    '::ffff:192.0.2.1',
    '1:2:3:4:5:6:192.0.2.1',
    '1:2:3:4:5:6:7::',
  ])('accepts %s', (value) => {
    expect(isIPv6Address(value)).toBe(true);
  });

  it.each([
    '2001:db8::g',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1::2::3',
    ':::',
    '1:::2',
    ':1:2:3:4:5:6:7',
    '12345::',
    '192.0.2.1',
    '::1.2.3',
    '1:2:3:4:5:6:7:192.0.2.1',
    'fe80::1%eth0',
    '',
  ])('rejects %j', (value) => {
    expect(isIPv6Address(value)).toBe(false);
  });
});
