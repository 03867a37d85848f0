/**
 * Group commit: items submitted within a short window (or while the batches being written leave no
 * room for another) are handed to `commit` together, and each submitter's promise settles once its
 * batch has: with the batch's result for that item, or with the batch's error. At most `concurrency`
 * batches are written at a time, so under load batches grow instead of queueing transactions; with
 * two, one batch is prepared while the other waits for the database.
 */
export type GroupCommitOptions = {
  /** How long the first item of a batch waits for others. */
  windowMs: number;
  /** The largest batch; a full batch starts at once. */
  maxBatch: number;
  /** Batches written at the same time (default 1). */
  concurrency?: number;
};

type Waiting<I, O> = { item: I; resolve: (outcome: O) => void; reject: (error: unknown) => void };

export class GroupCommit<I, O> {
  private queue: Array<Waiting<I, O>> = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Set<Promise<void>>();
  private readonly concurrency: number;

  constructor(
    private readonly commit: (items: I[]) => Promise<O[]>,
    private readonly options: GroupCommitOptions,
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 1);
  }

  /** Items waiting or being written. */
  get pending(): number {
    return this.queue.length;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.running.size >= this.concurrency) return; // picked up as soon as a batch being written is done
      if (this.queue.length >= this.options.maxBatch) this.start();
      else this.timer ??= setTimeout(() => this.start(), this.options.windowMs);
    });
  }

  /** Writes everything submitted so far (at shutdown). */
  async drain(): Promise<void> {
    for (;;) {
      if (this.running.size) await Promise.all(this.running);
      else if (this.queue.length) this.start();
      else return;
    }
  }

  private start(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.running.size < this.concurrency && this.queue.length) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      const written: Promise<void> = this.run(batch).finally(() => {
        this.running.delete(written);
        if (this.queue.length) this.start();
      });
      this.running.add(written);
      // Below a full batch, what is left waits for the window (or for a batch to finish).
      if (this.queue.length < this.options.maxBatch) break;
    }
    if (this.queue.length && this.running.size < this.concurrency) {
      this.timer ??= setTimeout(() => this.start(), this.options.windowMs);
    }
  }

  private async run(batch: Array<Waiting<I, O>>): Promise<void> {
    let outcomes: O[];
    try {
      outcomes = await this.commit(batch.map((w) => w.item));
      if (outcomes.length !== batch.length) throw new Error("a batch must produce one outcome per item");
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => w.resolve(outcomes[i]!));
  }
}
