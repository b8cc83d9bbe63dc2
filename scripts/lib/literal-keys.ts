import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/*
 * The AWS SDK's generated schemas (@aws-sdk/client-*\/dist-es/schemas/schemas_N.js)
 * write member traits with computed keys naming module constants:
 *
 *   const _xN = "xmlName";
 *   export var AcceptAddressTransferRequest$ = [3, n0, _AATR, 0, [...], [0, [() => L, { [_xN]: _TSa }]]];
 *
 * esbuild cannot tell that such a key is a plain string (turning an arbitrary
 * value into a key may run code), so it keeps every schema holding one, and all
 * they point to: the whole EC2 model (~540 KiB minified) in every bundle that
 * imports the EC2 client, for three commands. Writing those keys as the string
 * literals they name changes nothing at run time, and lets tree-shaking drop
 * the shapes no command uses. Files without the pattern are left as they are.
 */

const SCHEMA_FILE = /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;
const STRING_CONSTANT = /^const (_\w+) = ("(?:[^"\\\r\n]|\\.)*");$/gm;
const COMPUTED_KEY = /\[(_\w+)\]:/g;

/** The schema module's text with `[_name]:` keys replaced by the string literal `_name` is bound to. */
export function literalKeys(source: string): string {
  const constants = new Map<string, string>();
  for (const [, name, literal] of source.matchAll(STRING_CONSTANT))
    if (name !== undefined && literal !== undefined) constants.set(name, literal);
  return source.replace(COMPUTED_KEY, (key, name: string) => {
    const literal = constants.get(name);
    return literal === undefined ? key : `${literal}:`;
  });
}

/** An esbuild plugin applying `literalKeys` to the SDK's schema modules. */
export const literalKeysPlugin: Plugin = {
  name: 'aws-sdk-literal-schema-keys',
  setup(build) {
    build.onLoad({ filter: SCHEMA_FILE }, async (args) => ({
      contents: literalKeys(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};
