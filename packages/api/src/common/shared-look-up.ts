/**
 * `load()`, or the look-up of the same key already under way: requests that arrive together for a
 * key not cached (or whose entry just expired) wait for one look-up instead of each making their own.
 */
export function sharedLookUp<K, V>(underWay: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  let lookUp = underWay.get(key);
  if (!lookUp) {
    lookUp = load().finally(() => underWay.delete(key));
    underWay.set(key, lookUp);
  }
  return lookUp;
}
