import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/domain/errors.js';
import { parseInvokePayload } from '../../shared/formats/invoke-payload.js';
import { regionSpec, serviceSpec, spec } from '../support/builders.js';

const config = spec([serviceSpec({ regions: [regionSpec('us-east-2'), regionSpec('eu-west-1')] })]);

function problems(payload: unknown): readonly string[] {
  try {
    parseInvokePayload(payload, config);
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseInvokePayload', () => {
  it.each([
    [{}, { scope: [], dryRun: false, force: false }],
    [null, { scope: [], dryRun: false, force: false }],
    [{ dryRun: true }, { scope: [], dryRun: true, force: false }],
    [
      { service: 'api', region: 'us-east-2', dryRun: true },
      { scope: [{ service: 'api', region: 'us-east-2' }], dryRun: true, force: false },
    ],
    [
      { region: 'eu-west-1', force: true },
      { scope: [{ service: undefined, region: 'eu-west-1' }], dryRun: false, force: true },
    ],
  ])('reads %j', (payload, request) => {
    expect(parseInvokePayload(payload, config)).toEqual(request);
  });

  it('names an unknown service and lists the configured ones', () => {
    expect(problems({ service: 'apj' })).toEqual([
      'service: unknown service apj (configured: api)',
    ]);
  });

  it('names a region the service does not run in', () => {
    expect(problems({ service: 'api', region: 'ap-south-1' })).toEqual([
      'region: ap-south-1 is not configured for api (configured: us-east-2, eu-west-1)',
    ]);
  });

  it('lists every bad key at once, suggesting the right spelling', () => {
    expect(problems({ dryrun: true, force: 'yes' })).toEqual([
      'force: expected true or false',
      'dryrun: unknown key (did you mean dryRun?)',
    ]);
  });

  it('rejects a payload that is not an object', () => {
    expect(problems('rebalance please')).toEqual(['expected a mapping']);
  });
});
