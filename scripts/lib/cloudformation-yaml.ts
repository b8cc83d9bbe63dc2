import { parse, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';

/*
 * A serverless.yml (CloudFormation in YAML) read as the framework reads it:
 * the short-form intrinsics (`!Sub x`, `!If [a, b, c]`) become their long
 * forms (`{ "Fn::Sub": "x" }`); the framework's own `${...}` variables are
 * left as text.
 */

const INTRINSICS = [
  'And',
  'Base64',
  'Cidr',
  'Condition',
  'Equals',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Not',
  'Or',
  'Ref',
  'Select',
  'Split',
  'Sub',
] as const;

const longForm = (name: string): string =>
  name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;

const TAGS: (ScalarTag | CollectionTag)[] = INTRINSICS.flatMap((name) => {
  const key = longForm(name);
  // As the framework reads it: `!GetAtt Resource.Attribute` is the pair.
  const scalar: ScalarTag = {
    tag: `!${name}`,
    resolve: (value) => ({
      [key]: name === 'GetAtt' ? [value.split('.')[0], value.split('.').slice(1).join('.')] : value,
    }),
  };
  const collection = (kind: 'seq' | 'map'): CollectionTag => ({
    tag: `!${name}`,
    collection: kind,
    resolve: (value: YAMLSeq | YAMLMap) => ({ [key]: value.toJSON() as unknown }),
  });
  return [scalar, collection('seq'), collection('map')];
});

/** The document's value, intrinsics in their long forms. */
export function parseCloudFormationYaml(text: string): unknown {
  return parse(text, { customTags: TAGS }) as unknown;
}
