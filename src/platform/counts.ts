/**
 * How many of something each key holds, and how many in all (connections per client address, deliveries
 * in flight per endpoint, subscribers per channel): a key leaves the map when its count drops to zero, so
 * the map holds only keys in use.
 */
export class Counts<K = string> {
  private readonly byKey = new Map<K, number>();
  private sum = 0;

  get total(): number {
    return this.sum;
  }

  get(key: K): number {
    return this.byKey.get(key) ?? 0;
  }

  has(key: K): boolean {
    return this.byKey.has(key);
  }

  /** One more for `key`; answers its new count. */
  add(key: K): number {
    const count = this.get(key) + 1;
    this.byKey.set(key, count);
    this.sum++;
    return count;
  }

  /** One fewer for `key` (nothing when it holds none); answers what it still holds. */
  remove(key: K): number {
    const count = this.byKey.get(key);
    if (count === undefined) return 0;
    this.sum--;
    if (count > 1) this.byKey.set(key, count - 1);
    else this.byKey.delete(key);
    return count - 1;
  }

  keys(): IterableIterator<K> {
    return this.byKey.keys();
  }

  entries(): IterableIterator<[K, number]> {
    return this.byKey.entries();
  }
}
