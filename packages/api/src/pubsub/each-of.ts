/**
 * A subscription to a topic whose messages are lists (one message per batch written): yields each
 * item `pick` keeps, as `pick` returns it, in order. Ending it (return) ends the source's
 * subscription, also while waiting for the next message.
 *
 * Written as a plain async iterator: it is on the path of every live event to every subscriber, and
 * items already read are handed out without waiting on anything.
 */
export function eachOf<T, U>(source: AsyncIterable<T[]>, pick: (item: T) => U | null): AsyncIterableIterator<U> {
  const iterator = source[Symbol.asyncIterator]();
  let kept: U[] = [];
  let next = 0;
  let ended = false;
  const end = async (): Promise<IteratorResult<U>> => {
    if (!ended) {
      ended = true;
      kept = [];
      await iterator.return?.();
    }
    return { value: undefined, done: true };
  };
  const self: AsyncIterableIterator<U> = {
    async next(): Promise<IteratorResult<U>> {
      for (;;) {
        if (next < kept.length) return { value: kept[next++]!, done: false };
        if (ended) return { value: undefined, done: true };
        const message = await iterator.next();
        if (message.done) return end();
        kept = [];
        next = 0;
        for (const item of message.value) {
          const value = pick(item);
          if (value !== null) kept.push(value);
        }
      }
    },
    return: end,
    async throw(error: unknown): Promise<IteratorResult<U>> {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]: () => self,
  };
  return self;
}
