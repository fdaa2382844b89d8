import { isIPv6 } from 'node:net';

/**
 * What a per-address limit counts by: an IPv4 address itself (an IPv4-mapped IPv6 one as its IPv4), an IPv6
 * address its /64. One subscriber is usually given a whole /64, so counting single IPv6 addresses would hand
 * a client as many fresh addresses as it cares to use. Anything else (no address known) is its own key.
 */
export function addressGroup(address: string): string {
  const plain = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain);
  if (mapped) return mapped[1];
  if (!isIPv6(plain)) return address;
  const [head, tail] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // Only the first four groups matter; an IPv4 tail (two groups written as one) can only shift later ones.
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
