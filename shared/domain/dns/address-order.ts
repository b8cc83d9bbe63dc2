/**
 * Addresses in code-unit order (the order of `addresses.sort()`), found for
 * dotted-quad IPv4 addresses without comparing strings: a group's sort
 * compared each address's characters again and again, scattered as they are
 * over the heap, and showed as a tenth of a grouped plan.
 *
 * '.' sorts before every digit, and the end of a string before anything, so
 * two dotted quads compare as their octets' decimal strings do, first octet
 * first. Each octet 0-255 is replaced by its rank among those 256 strings in
 * code-unit order, and the four ranks make one 32-bit key per address that
 * sorts as the string does.
 */

/** OCTET_RANK[n] is the rank of String(n) among the strings "0".."255" in code-unit order. */
const OCTET_RANK = ((): Uint8Array => {
  const strings = Array.from({ length: 256 }, (_, n) => String(n)).sort();
  const rank = new Uint8Array(256);
  strings.forEach((s, r) => (rank[Number(s)] = r));
  return rank;
})();

const DOT = 46;
const ZERO = 48;
const NINE = 57;

/** The sort key of a canonical dotted quad (no leading zeros), or -1 for anything else. */
export function ipv4OrderKey(address: string): number {
  let key = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (c === DOT) {
      if (digits === 0 || dots === 3) return -1;
      key = key * 256 + (OCTET_RANK[octet] ?? 0);
      dots++;
      octet = 0;
      digits = 0;
    } else if (c >= ZERO && c <= NINE) {
      // A leading zero ("01") has no rank among "0".."255".
      if (digits > 0 && octet === 0) return -1;
      octet = octet * 10 + c - ZERO;
      if (++digits > 3 || octet > 255) return -1;
    } else return -1;
  }
  if (digits === 0 || dots !== 3) return -1;
  return key * 256 + (OCTET_RANK[octet] ?? 0);
}

/** Beyond this many, key * count + index would lose integer precision. */
const MAX_KEYED = 2 ** 20;

/** The addresses in code-unit order; sorts in place and returns them, as Array.prototype.sort does. */
export function sortAddresses(addresses: string[]): string[] {
  const count = addresses.length;
  if (count < 2) return addresses;
  if (count > MAX_KEYED) return addresses.sort();
  const keyed = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const key = ipv4OrderKey(addresses[i] ?? '');
    // IPv6, a name, a leading zero: the strings themselves decide.
    if (key < 0) return addresses.sort();
    keyed[i] = key * count + i;
  }
  keyed.sort();
  const original = addresses.slice();
  for (let j = 0; j < count; j++) {
    const k = keyed[j] ?? 0;
    addresses[j] = original[k % count] ?? '';
  }
  return addresses;
}
