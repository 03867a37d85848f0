import type {
  AdmissionApi,
  AdmissionChange,
  AdmissionEventInput,
  AdmissionImage,
  AdmissionSettings,
  AdmissionSnapshot,
} from "../api/contract.js";

type Subscriber = { callback: (change: AdmissionChange) => void; onError?: (error: Error) => void };

/** The unavailable api's error. */
export class ApiUnavailableError extends Error {
  constructor() {
    super("the Bulwark api cannot be reached");
    this.name = "ApiUnavailableError";
  }
}

/**
 * An AdmissionApi over a snapshot held in memory, for tests, benchmarks and running the webhook
 * without an api. Mutations announce their change to subscribers as the api would; `down()` makes
 * every call fail and breaks subscriptions until `up()`.
 */
export class InMemoryAdmissionApi implements AdmissionApi {
  private data: AdmissionSnapshot;
  private readonly subscribers = new Set<Subscriber>();
  private unavailable = false;
  readonly events: AdmissionEventInput[] = [];
  readonly calls = { full: 0, partial: 0, recordEvents: 0 };

  constructor(snapshot: AdmissionSnapshot) {
    this.data = structuredClone(snapshot);
  }

  get isDown(): boolean {
    return this.unavailable;
  }

  async snapshot(imageIds?: string[]): Promise<AdmissionSnapshot> {
    if (this.unavailable) throw new ApiUnavailableError();
    const copy = structuredClone(this.data);
    if (imageIds === undefined) {
      this.calls.full += 1;
      return copy;
    }
    this.calls.partial += 1;
    const wanted = new Set(imageIds);
    return { ...copy, images: copy.images.filter((i) => wanted.has(i.imageId)) };
  }

  onChange(callback: (change: AdmissionChange) => void, onError?: (error: Error) => void): () => void {
    const subscriber: Subscriber = { callback, ...(onError ? { onError } : {}) };
    if (this.unavailable) {
      queueMicrotask(() => onError?.(new ApiUnavailableError()));
      return () => undefined;
    }
    this.subscribers.add(subscriber);
    return () => {
      this.subscribers.delete(subscriber);
    };
  }

  async recordEvents(events: AdmissionEventInput[]): Promise<void> {
    if (this.unavailable) throw new ApiUnavailableError();
    this.calls.recordEvents += 1;
    this.events.push(...structuredClone(events));
  }

  /** Makes the api unreachable: calls reject and every subscription ends with an error. */
  down(): void {
    this.unavailable = true;
    const subscribers = [...this.subscribers];
    this.subscribers.clear();
    for (const s of subscribers) s.onError?.(new ApiUnavailableError());
  }

  up(): void {
    this.unavailable = false;
  }

  current(): AdmissionSnapshot {
    return structuredClone(this.data);
  }

  /** Adds or replaces images and announces them. */
  putImages(images: AdmissionImage[]): void {
    const ids = new Set(images.map((i) => i.imageId));
    this.data.images = [...this.data.images.filter((i) => !ids.has(i.imageId)), ...structuredClone(images)];
    this.announce([...ids]);
  }

  removeImages(imageIds: string[]): void {
    const ids = new Set(imageIds);
    this.data.images = this.data.images.filter((i) => !ids.has(i.imageId));
    this.announce(imageIds);
  }

  /** Changes settings and announces a full reload. */
  updateSettings(settings: Partial<AdmissionSettings>): void {
    this.data.settings = { ...this.data.settings, ...settings };
    this.announce([]);
  }

  /** Replaces everything and announces a full reload. */
  replace(snapshot: AdmissionSnapshot): void {
    this.data = structuredClone(snapshot);
    this.announce([]);
  }

  private announce(imageIds: string[]): void {
    if (this.unavailable) return;
    const change: AdmissionChange = { clusterId: this.data.clusterId, imageIds, at: new Date().toISOString() };
    for (const s of this.subscribers) s.callback(change);
  }
}
