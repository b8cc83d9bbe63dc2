/**
 * The checks Route 53 makes on a record's name before anything else: labels
 * of 1..63 octets, the whole name at most 255 octets in wire form (each label
 * with its length octet, plus the root). Names are normalised: the escapes
 * left in them (`\056` for a dot inside a label) stand for one octet each.
 */
import { ROUTE53_LIMITS } from './limits.js';
import { domainLabelEmpty, domainLabelTooLong, domainNameTooLong } from './messages.js';

const ENCODER = new TextEncoder();

/** Octets of DNS text (a label, a TXT string): `\ddd` and `\c` are one octet, other characters their UTF-8 length. */
export function textOctets(label: string): number {
  let octets = 0;
  for (let i = 0; i < label.length; i++) {
    if (label[i] === '\\') {
      i += /^\d{3}/.test(label.slice(i + 1, i + 4)) ? 3 : 1;
      octets++;
    } else {
      const code = label.codePointAt(i) ?? 0;
      if (code > 0xffff) i++;
      octets += code < 0x80 ? 1 : ENCODER.encode(String.fromCodePoint(code)).length;
    }
  }
  return octets;
}

/**
 * True when a plain name (ASCII, no escapes: one octet a character) has
 * labels of 1..63 octets and fits in 255 wire octets: what almost every name
 * checked is, found in one pass without splitting it.
 */
function plainNameFits(name: string): boolean {
  let start = 0;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code === 0x5c || code >= 0x80) return false;
    if (code !== 0x2e) continue;
    const octets = i - start;
    if (octets === 0 || octets > ROUTE53_LIMITS.maxLabelOctets) return false;
    start = i + 1;
  }
  // Normalised: the last character is the root's dot; wire form adds one octet.
  return start === name.length && start > 0 && name.length + 1 <= ROUTE53_LIMITS.maxNameOctets;
}

/** Shared by every name without a problem: no array is built for each of a plan's changes. */
const NO_PROBLEMS: readonly string[] = Object.freeze([]);

/** The problems of a normalised name (trailing dot), in label order; empty when Route 53 would parse it. */
export function nameProblems(name: string): readonly string[] {
  if (name === '.' || plainNameFits(name)) return NO_PROBLEMS;
  const labels = name.slice(0, -1).split('.');
  const problems: string[] = [];
  let wire = 1;
  let empty = false;
  for (const label of labels) {
    const octets = textOctets(label);
    wire += octets + 1;
    if (octets === 0) empty = true;
    else if (octets > ROUTE53_LIMITS.maxLabelOctets) problems.push(domainLabelTooLong(label));
  }
  if (empty) problems.unshift(domainLabelEmpty(name));
  if (wire > ROUTE53_LIMITS.maxNameOctets) problems.push(domainNameTooLong(name));
  return problems;
}
