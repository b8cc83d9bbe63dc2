/**
 * The RDATA checks Route 53 makes on the types the rebalancer writes. Other
 * types pass unchecked: the model is an oracle for our plans, not a resolver.
 */
import type { ResourceRecordSet } from '../records.js';
import { ROUTE53_LIMITS } from './limits.js';
import { textOctets } from './name-rules.js';
import { characterStringTooLong, illegalIPv4, illegalIPv6 } from './messages.js';

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** True for a dotted-quad IPv4 address, each octet 0..255 (one to three digits). */
export function isIPv4Address(value: string): boolean {
  // One pass, no match array: it is asked of every address of every plan.
  let octets = 0;
  let digits = 0;
  let octet = 0;
  for (let i = 0; i <= value.length; i++) {
    const code = i === value.length ? 0x2e : value.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      octet = octet * 10 + (code - 0x30);
      if (++digits > 3) return false;
    } else if (code === 0x2e) {
      if (digits === 0 || octet > 255 || ++octets > 4) return false;
      digits = 0;
      octet = 0;
    } else return false;
  }
  return octets === 4;
}

/** True for an IPv6 address in any RFC 4291 text form (`::` once, dotted IPv4 tail allowed). */
export function isIPv6Address(value: string): boolean {
  let text = value;
  const lastColon = text.lastIndexOf(':');
  if (lastColon < 0) return false;
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4Address(tail)) return false;
    // A dotted IPv4 tail stands for the last two groups.
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  if (!groups.every((list) => list.every((group) => HEX_GROUP.test(group)))) return false;
  const count = groups.reduce((sum, list) => sum + list.length, 0);
  return halves.length === 2 ? count <= 7 : count === 8;
}

/**
 * The octets of each character-string of a TXT value: each quoted string
 * (`\"`, `\\` and `\ddd` escapes one octet each), else each word between
 * spaces. An unterminated quote runs to the end of the value.
 */
export function characterStringOctets(value: string): number[] {
  const lengths: number[] = [];
  let i = 0;
  while (i < value.length) {
    if (value[i] === ' ' || value[i] === '\t') {
      i++;
      continue;
    }
    const quoted = value[i] === '"';
    let end = quoted ? i + 1 : i;
    while (end < value.length) {
      const char = value[end];
      if (char === '\\') end += 2;
      else if (quoted ? char === '"' : char === ' ' || char === '\t') break;
      else end++;
    }
    lengths.push(textOctets(value.slice(quoted ? i + 1 : i, Math.min(end, value.length))));
    i = end + (quoted ? 1 : 0);
  }
  return lengths;
}

/** No character-string of a value this short can pass the limit: a character is at most three octets. */
const SURELY_SHORT = Math.floor(ROUTE53_LIMITS.maxCharacterStringOctets / 3);

function txtTooLong(value: string): boolean {
  // Almost every TXT value (ownership tags) is short: decided without splitting it.
  if (value.length <= SURELY_SHORT) return false;
  return characterStringOctets(value).some((n) => n > ROUTE53_LIMITS.maxCharacterStringOctets);
}

/** Shared by every record without a problem: no array is built for each of a plan's changes. */
const NO_PROBLEMS: readonly string[] = Object.freeze([]);

const holdsIPv4Address = (v: { readonly Value: string }) => isIPv4Address(v.Value);

/** One message per value Route 53 would refuse, in value order; empty for unchecked types. */
export function rdataProblems(record: ResourceRecordSet): readonly string[] {
  const values = record.ResourceRecords ?? [];
  if (record.Type === 'A') {
    // Almost always all valid: checked without building the lists.
    if (values.every(holdsIPv4Address)) return NO_PROBLEMS;
    return values.filter((v) => !isIPv4Address(v.Value)).map((v) => illegalIPv4(v.Value));
  }
  if (record.Type === 'AAAA') {
    return values.filter((v) => !isIPv6Address(v.Value)).map((v) => illegalIPv6(v.Value));
  }
  if (record.Type === 'TXT') {
    if (!values.some((v) => txtTooLong(v.Value))) return NO_PROBLEMS;
    return values.filter((v) => txtTooLong(v.Value)).map((v) => characterStringTooLong(v.Value));
  }
  return NO_PROBLEMS;
}
