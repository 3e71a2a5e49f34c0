/**
 * A Map used as a bounded cache (SSML of replies, connector clients, saved references, rate-limit buckets):
 * `key` is set anew at the end of the Map's order, and once there are more than `max` entries the one set
 * longest ago goes, so the memory stays flat however many conversations come.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as K);
}
