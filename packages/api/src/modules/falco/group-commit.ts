/**
 * Group commit: items submitted within a short window (or while the previous batch is being
 * written) are handed to `commit` together, and each submitter's promise settles once its batch
 * has: with the batch's result for that item, or with the batch's error. One batch is written at
 * a time, so under load batches grow instead of queueing transactions.
 */
export type GroupCommitOptions = {
  /** How long the first item of a batch waits for others. */
  windowMs: number;
  /** The largest batch; a full batch starts at once. */
  maxBatch: number;
};

type Waiting<I, O> = { item: I; resolve: (outcome: O) => void; reject: (error: unknown) => void };

export class GroupCommit<I, O> {
  private queue: Array<Waiting<I, O>> = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly commit: (items: I[]) => Promise<O[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  /** Items waiting or being written. */
  get pending(): number {
    return this.queue.length;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.running) return; // picked up as soon as the batch being written is done
      if (this.queue.length >= this.options.maxBatch) this.start();
      else this.timer ??= setTimeout(() => this.start(), this.options.windowMs);
    });
  }

  /** Writes everything submitted so far (at shutdown). */
  async drain(): Promise<void> {
    for (;;) {
      if (this.running) await this.running;
      else if (this.queue.length) this.start();
      else return;
    }
  }

  private start(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.running || !this.queue.length) return;
    const batch = this.queue.splice(0, this.options.maxBatch);
    this.running = this.run(batch).finally(() => {
      this.running = null;
      if (this.queue.length) this.start();
    });
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
