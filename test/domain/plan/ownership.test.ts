import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HERITAGE,
  isOwnershipMarker,
  ownedKey,
  ownedSetIdentifier,
  ownershipMarker,
  ownershipMarkerType,
} from '../../../shared/domain/plan/ownership.js';
import { recordSet, type ResourceRecordSet } from '../../../shared/domain/dns/records.js';
import { OWNER } from '../../support/builders.js';

const NAME = 'endpoint-a.us-east-2.api.example.com.';

/** Owner ids as the configuration allows them (no slash), over a small alphabet so that prefixes are common. */
const ownerId = fc.string({
  unit: fc.constantFrom('a', 'p', '1', '-', '.', '_'),
  minLength: 1,
  maxLength: 5,
});

describe('ownedSetIdentifier', () => {
  it('prefixes the key with the owner id and a slash', () => {
    expect(ownedSetIdentifier(OWNER, 'us-east-2')).toBe('api-prod/us-east-2');
    expect(ownedSetIdentifier(OWNER, 'i-0123456789abcdef0')).toBe('api-prod/i-0123456789abcdef0');
  });
});

describe('ownedKey', () => {
  it('gives back the key of a set identifier this owner wrote', () => {
    expect(ownedKey('api-prod/us-east-2', OWNER)).toBe('us-east-2');
  });

  it('round-trips with ownedSetIdentifier for any owner and key', () => {
    fc.assert(
      fc.property(ownerId, fc.string(), (owner, key) => {
        expect(ownedKey(ownedSetIdentifier(owner, key), owner)).toBe(key);
      }),
    );
  });

  it('keeps slashes inside the key', () => {
    expect(ownedKey('api-prod/endpoint/a', OWNER)).toBe('endpoint/a');
  });

  it.each([
    { setIdentifier: 'api-prod-eu/x', why: "another owner's whose id starts with ours" },
    { setIdentifier: 'api/prod/x', why: "another owner's whose id is a prefix of ours" },
    { setIdentifier: 'web/api-prod/x', why: 'one that holds our id after another owner' },
    { setIdentifier: 'api-prod', why: 'our id without the slash' },
    { setIdentifier: 'API-PROD/x', why: 'our id in another case' },
    { setIdentifier: 'us-east-2', why: 'one written by hand' },
    { setIdentifier: undefined, why: 'a record without a set identifier' },
  ])('gives undefined for $why ($setIdentifier)', ({ setIdentifier }) => {
    expect(ownedKey(setIdentifier, OWNER)).toBeUndefined();
  });

  it('never claims a set identifier written for a different owner id (ids hold no slash)', () => {
    fc.assert(
      fc.property(ownerId, ownerId, fc.string(), (mine, theirs, key) => {
        fc.pre(mine !== theirs);
        expect(ownedKey(ownedSetIdentifier(theirs, key), mine)).toBeUndefined();
      }),
    );
  });
});

describe('ownershipMarker', () => {
  it('is a TXT record at the name with the heritage and owner in one quoted value', () => {
    expect(ownershipMarker(NAME, OWNER, 300)).toEqual({
      Name: NAME,
      Type: 'TXT',
      TTL: 300,
      ResourceRecords: [{ Value: '"heritage=route53-rebalancer,owner=api-prod"' }],
    });
    expect(ownershipMarkerType).toBe('TXT');
    expect(HERITAGE).toBe('route53-rebalancer');
  });

  it("has its fields in Route 53's API order, as recordSet lays them out", () => {
    const marker = ownershipMarker(NAME, OWNER, 300);
    expect(JSON.stringify(marker)).toBe(JSON.stringify(recordSet(marker)));
    expect(Object.keys(marker)).toEqual(['Name', 'Type', 'TTL', 'ResourceRecords']);
  });

  it('has no set identifier, so it can sit beside simple records', () => {
    expect(ownershipMarker(NAME, OWNER, 60).SetIdentifier).toBeUndefined();
  });
});

describe('isOwnershipMarker', () => {
  const marker = ownershipMarker(NAME, OWNER, 60);

  it("recognises this owner's marker, whatever its name and TTL", () => {
    expect(isOwnershipMarker(marker, OWNER)).toBe(true);
    expect(isOwnershipMarker(ownershipMarker('other.example.com.', OWNER, 5), OWNER)).toBe(true);
  });

  it.each<{ why: string; record: ResourceRecordSet }>([
    { why: "another owner's marker", record: ownershipMarker(NAME, 'web-prod', 60) },
    {
      why: 'the marker of an owner whose id starts with ours',
      record: ownershipMarker(NAME, 'api-prod-eu', 60),
    },
    {
      why: 'the marker of an owner whose id is a prefix of ours',
      record: ownershipMarker(NAME, 'api', 60),
    },
    { why: 'a marker with a set identifier', record: { ...marker, SetIdentifier: 'api-prod/x' } },
    { why: 'a record of another type', record: { ...marker, Type: 'SPF' } },
    {
      why: 'a TXT record with a second value',
      record: {
        ...marker,
        ResourceRecords: [...(marker.ResourceRecords ?? []), { Value: '"v=spf1 -all"' }],
      },
    },
    { why: 'a TXT record without values', record: { Name: NAME, Type: 'TXT', TTL: 60 } },
    {
      why: 'a TXT record with the value unquoted',
      record: {
        ...marker,
        ResourceRecords: [{ Value: 'heritage=route53-rebalancer,owner=api-prod' }],
      },
    },
  ])('rejects $why', ({ record }) => {
    expect(isOwnershipMarker(record, OWNER)).toBe(false);
  });
});
