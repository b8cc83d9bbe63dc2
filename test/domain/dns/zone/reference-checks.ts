/**
 * The name and address checks as they were before their one-pass fast paths:
 * kept as the reference the fast ones are tested against.
 */
import { ROUTE53_LIMITS } from '../../../../shared/domain/dns/zone/limits.js';
import {
  domainLabelEmpty,
  domainLabelTooLong,
  domainNameTooLong,
} from '../../../../shared/domain/dns/zone/messages.js';
import { textOctets } from '../../../../shared/domain/dns/zone/name-rules.js';
import { characterStringOctets } from '../../../../shared/domain/dns/zone/rdata.js';

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function referenceIsIPv4Address(value: string): boolean {
  const match = DOTTED_QUAD.exec(value);
  return match !== null && match.slice(1).every((octet) => Number(octet) <= 255);
}

export function referenceNameProblems(name: string): string[] {
  if (name === '.') return [];
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

/** The TXT rule before its short-value fast path: every character-string measured. */
export function referenceTxtTooLong(value: string): boolean {
  return characterStringOctets(value).some((n) => n > ROUTE53_LIMITS.maxCharacterStringOctets);
}
