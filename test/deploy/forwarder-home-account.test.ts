import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/*
 * forwarder/home-account.cjs, the framework's resolver for the forwarder's
 * homeAccountId param: empty or 12 digits, else one line naming the value.
 * test/deploy/package.test.ts runs it through the framework itself.
 */

type Resolver = ((framework: {
  resolveVariable: (variable: string) => Promise<unknown>;
}) => Promise<string>) & { homeAccountIdProblem: (value: string) => string | undefined };

const resolver = createRequire(import.meta.url)('../../forwarder/home-account.cjs') as Resolver;
const given = (value: unknown) => ({
  resolveVariable: (variable: string) =>
    variable === 'param:homeAccountId'
      ? Promise.resolve(value)
      : Promise.reject(new Error(`unexpected ${variable}`)),
});
const message = (got: string) =>
  `param homeAccountId: expected the home account's 12-digit id (or nothing, when this is the home account), got ${got}`;

describe('the forwarder’s homeAccountId', () => {
  it('passes 12 digits, and nothing (the home account itself)', async () => {
    expect(await resolver(given('999988887777'))).toBe('999988887777');
    expect(await resolver(given(''))).toBe('');
    expect(await resolver(given(null))).toBe('');
    // Unquoted in a params block, YAML reads it as a number.
    expect(await resolver(given(999988887777))).toBe('999988887777');
  });

  it.each([
    ['12345', '"12345"'],
    ['9999888877770', '"9999888877770"'],
    ['9999-8888-7777', '"9999-8888-7777"'],
    [' 999988887777', '" 999988887777"'],
    ['arn:aws:iam::999988887777:root', '"arn:aws:iam::999988887777:root"'],
  ])('refuses %s, naming it, with the message as its whole stack', async (bad, shown) => {
    const error: unknown = await resolver(given(bad)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(message(shown));
    expect((error as Error).stack).toBe(message(shown));
  });

  it('refuses a list or mapping', async () => {
    await expect(resolver(given(['999988887777']))).rejects.toThrow(
      message('"[\\"999988887777\\"]"'),
    );
  });
});
