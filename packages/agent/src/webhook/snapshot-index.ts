import type {
  AdmissionImage,
  AdmissionSettings,
  AdmissionSnapshot,
  AdmissionVerdict,
  VerdictStatus,
} from "../api/contract.js";
import {
  aliasTable,
  applyAliases,
  canonicalReference,
  normaliseRegistryHost,
  parseImageReference,
} from "./image-reference.js";

/** An image of the snapshot with its verdicts keyed by namespace ("" = the cluster). */
export type IndexedImage = {
  image: AdmissionImage;
  verdicts: ReadonlyMap<string, AdmissionVerdict>;
};

/** What a pod spec's image reference resolves to in the snapshot. */
export type Resolution =
  | { kind: "invalid"; reference: string; problem: string }
  /** `canonical` is the reference as written, normalised (before registry aliases apply). */
  | { kind: "found"; reference: string; canonical: string; images: readonly IndexedImage[] }
  | { kind: "missing"; reference: string; canonical: string };

/** The verdict an image has in a namespace: the namespace's own entry, else the cluster's. */
export type NamespaceVerdict = { status: VerdictStatus; verdict: AdmissionVerdict | null };

/** Resolutions kept per index; pods reuse few distinct references, so this is rarely reached. */
const RESOLUTION_CACHE_LIMIT = 20_000;

/** How bad a status is when a tag is ambiguous (several digests carry it): the worst one decides. */
const STATUS_RANK: Readonly<Record<VerdictStatus, number>> = {
  compliant: 0,
  unscanned: 1,
  scan_failed: 2,
  non_compliant: 3,
};

/**
 * Lookups over one snapshot, built once when the snapshot is loaded so that deciding a request is a
 * few map reads: images by registry/repository@digest, by digest alone, and by
 * registry/repository:tag; registry aliases; each image's verdicts by namespace; and a cache of
 * references already resolved.
 */
export class SnapshotIndex {
  readonly snapshot: AdmissionSnapshot;
  readonly settings: AdmissionSettings;
  /** Images with a tag that more than one digest carries in the snapshot. */
  readonly ambiguousTags: number;
  private readonly byNameDigest = new Map<string, IndexedImage>();
  private readonly byDigest = new Map<string, IndexedImage>();
  private readonly byTag = new Map<string, IndexedImage[]>();
  private readonly byId = new Map<string, IndexedImage>();
  private readonly aliases: ReadonlyMap<string, string>;
  private readonly resolutions = new Map<string, Resolution>();

  constructor(snapshot: AdmissionSnapshot) {
    this.snapshot = snapshot;
    this.settings = snapshot.settings;
    this.aliases = aliasTable(snapshot.registryAliases);
    let ambiguous = 0;
    for (const image of snapshot.images) {
      const verdicts = new Map<string, AdmissionVerdict>();
      for (const verdict of image.verdicts) verdicts.set(verdict.namespace, verdict);
      const entry: IndexedImage = { image, verdicts };
      this.byId.set(image.imageId, entry);
      const name = `${normaliseRegistryHost(image.registry)}/${image.repository}`;
      if (image.digest) {
        this.byNameDigest.set(`${name}@${image.digest}`, entry);
        if (!this.byDigest.has(image.digest)) this.byDigest.set(image.digest, entry);
      }
      for (const tag of image.tags) {
        const key = `${name}:${tag}`;
        const list = this.byTag.get(key);
        if (list === undefined) this.byTag.set(key, [entry]);
        else {
          if (list.length === 1) ambiguous += 1;
          list.push(entry);
        }
      }
    }
    this.ambiguousTags = ambiguous;
  }

  get size(): number {
    return this.byId.size;
  }

  image(imageId: string): IndexedImage | undefined {
    return this.byId.get(imageId);
  }

  /**
   * Resolves a reference as written in a pod spec. A digest finds the image by
   * registry/repository@digest, then by the digest alone (the same content under another name);
   * a tag finds every image that carries it.
   */
  resolve(reference: string): Resolution {
    const cached = this.resolutions.get(reference);
    if (cached !== undefined) return cached;
    const resolution = this.resolveUncached(reference);
    if (this.resolutions.size >= RESOLUTION_CACHE_LIMIT) this.resolutions.clear();
    this.resolutions.set(reference, resolution);
    return resolution;
  }

  private resolveUncached(reference: string): Resolution {
    const parsed = parseImageReference(reference);
    if (!parsed.ok) return { kind: "invalid", reference, problem: parsed.problem };
    const canonical = canonicalReference(parsed.reference);
    const ref = applyAliases(parsed.reference, this.aliases);
    const name = `${ref.registry}/${ref.repository}`;
    if (ref.digest !== null) {
      const entry = this.byNameDigest.get(`${name}@${ref.digest}`) ?? this.byDigest.get(ref.digest);
      return entry === undefined
        ? { kind: "missing", reference, canonical }
        : { kind: "found", reference, canonical, images: [entry] };
    }
    const images = ref.tag === null ? undefined : this.byTag.get(`${name}:${ref.tag}`);
    return images === undefined
      ? { kind: "missing", reference, canonical }
      : { kind: "found", reference, canonical, images };
  }

  /** The verdict that applies in a namespace; when a tag is ambiguous, the worst of its images. */
  verdictIn(images: readonly IndexedImage[], namespace: string): NamespaceVerdict {
    let worst: NamespaceVerdict | null = null;
    for (const entry of images) {
      const verdict = entry.verdicts.get(namespace) ?? entry.verdicts.get("") ?? null;
      const candidate: NamespaceVerdict = { status: verdict?.status ?? "unscanned", verdict };
      if (worst === null || STATUS_RANK[candidate.status] > STATUS_RANK[worst.status]) worst = candidate;
    }
    return worst ?? { status: "unscanned", verdict: null };
  }
}
