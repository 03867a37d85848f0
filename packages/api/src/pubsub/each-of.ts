import { Repeater } from "@graphql-yoga/subscription";

/**
 * A subscription to a topic whose messages are lists (one message per batch written): yields each
 * item `pick` keeps, as `pick` returns it, in order. Ending the subscription ends the source's.
 */
export function eachOf<T, U>(source: AsyncIterable<T[]>, pick: (item: T) => U | null): AsyncIterable<U> {
  return new Repeater<U>(async (push, stop) => {
    const iterator = source[Symbol.asyncIterator]();
    void stop.then(() => iterator.return?.());
    let latest: IteratorResult<T[]>;
    while (!(latest = await iterator.next()).done) {
      for (const item of latest.value) {
        const kept = pick(item);
        if (kept !== null) await push(kept);
      }
    }
    stop();
  });
}
