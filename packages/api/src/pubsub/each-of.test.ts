import { describe, expect, it } from "vitest";
import { createPubSub } from "@graphql-yoga/subscription";
import { eachOf } from "./each-of.js";

type Topics = { BATCHES: [number[]] };

describe("eachOf", () => {
  it("yields the kept items of each message, in order, as pick shapes them", async () => {
    const pubsub = createPubSub<Topics>();
    const odd = eachOf(pubsub.subscribe("BATCHES"), (n: number) => (n % 2 ? `#${n}` : null));
    const first = odd.next();
    pubsub.publish("BATCHES", [1, 2, 3]);
    pubsub.publish("BATCHES", [4, 6]); // nothing kept: skipped
    pubsub.publish("BATCHES", [5]);
    const seen = [await first, await odd.next(), await odd.next()].map((r) => r.value as string);
    expect(seen).toEqual(["#1", "#3", "#5"]);
    await odd.return!();
  });

  it("ends the source's subscription when ended, also while it waits for a message", async () => {
    let returned = 0;
    let release: (r: IteratorResult<number[]>) => void = () => {};
    const source: AsyncIterable<number[]> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<number[]>>((resolve) => (release = resolve)),
        return: async () => {
          returned++;
          release({ value: undefined, done: true });
          return { value: undefined, done: true };
        },
      }),
    };
    const items = eachOf(source, (n: number) => n);
    const waiting = items.next();
    expect(await items.return!()).toEqual({ value: undefined, done: true });
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(returned).toBe(1);
    expect(await items.next()).toEqual({ value: undefined, done: true });
    await items.return!();
    expect(returned).toBe(1);
  });

  it("stops delivering to a subscriber that ended (the pubsub keeps no listener for it)", async () => {
    const pubsub = createPubSub<Topics>();
    const items = eachOf(pubsub.subscribe("BATCHES"), (n: number) => n);
    const first = items.next();
    pubsub.publish("BATCHES", [1, 2]);
    expect((await first).value).toBe(1);
    await items.return!();
    pubsub.publish("BATCHES", [3]);
    expect(await items.next()).toEqual({ value: undefined, done: true });
  });
});
