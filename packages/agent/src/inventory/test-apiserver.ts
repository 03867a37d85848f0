import http from "node:http";
import type { AddressInfo } from "node:net";
import { createKubeClient, type KubeClient } from "../run/kube-client.js";

/**
 * A stand-in kube-apiserver over real HTTP, for tests of the inventory's list and watch: lists are
 * answered by the test's handlers, and each watch is a stream of newline-delimited JSON events that
 * the test writes, ends or drops.
 */

export type KubeRequest = {
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  watch: boolean;
};

export type Reply = { status: number; body: unknown };

export type ListHandler = (query: Record<string, string>) => Reply;

/** A list answer: items, the list's resource version and, for all pages but the last, a continue token. */
export function listReply(items: unknown[], resourceVersion: string, continueToken = ""): Reply {
  return {
    status: 200,
    body: { kind: "List", apiVersion: "v1", metadata: { resourceVersion, continue: continueToken }, items },
  };
}

/** A Status object, as the apiserver sends it with an error code (and inside watch ERROR events). */
export function kubeStatus(code: number, reason: string, message: string) {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code };
}

export function statusReply(code: number, reason: string, message: string): Reply {
  return { status: code, body: kubeStatus(code, reason, message) };
}

export class WatchStream {
  private isClosed = false;

  constructor(
    readonly request: KubeRequest,
    private readonly response: http.ServerResponse,
  ) {
    response.on("close", () => (this.isClosed = true));
  }

  /** True once the connection is gone (the client stopped, or the stream was ended or dropped). */
  get closed(): boolean {
    return this.isClosed;
  }

  send(...events: Array<{ type: string; object: unknown }>): void {
    for (const event of events) this.response.write(`${JSON.stringify(event)}\n`);
  }

  /** Raw text, for lines split across chunks or that are not JSON. */
  write(text: string): void {
    this.response.write(text);
  }

  /** Ends the stream normally, as the apiserver does when the watch's timeoutSeconds run out. */
  end(): void {
    this.response.end();
  }

  /** Drops the connection without ending the stream. */
  drop(): void {
    this.response.socket?.destroy();
  }
}

export class FakeApiserver {
  readonly requests: KubeRequest[] = [];
  readonly watches: WatchStream[] = [];
  private readonly lists = new Map<string, ListHandler>();
  private readonly watchFailures = new Map<string, Reply[]>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private base = "";

  /** How the list of `path` is answered. */
  onList(path: string, handler: ListHandler): void {
    this.lists.set(path, handler);
  }

  /** The next watch requests on `path` are answered with these replies instead of a stream. */
  failWatch(path: string, ...replies: Reply[]): void {
    this.watchFailures.set(path, [...(this.watchFailures.get(path) ?? []), ...replies]);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get url(): string {
    return this.base;
  }

  /** A client of this apiserver, as the agent builds one from a kubeconfig's endpoint. */
  client(): KubeClient {
    return createKubeClient({
      kind: "endpoint",
      server: this.base,
      tls: { rejectUnauthorized: true },
      authorization: () => "Bearer test-token",
      source: "the test apiserver",
    });
  }

  listRequests(path: string): KubeRequest[] {
    return this.requests.filter((r) => r.path === path && !r.watch);
  }

  watchRequests(path: string): KubeRequest[] {
    return this.requests.filter((r) => r.path === path && r.watch);
  }

  /** The `count`-th watch stream opened on `path` (1-based), once it is open. */
  async watchOpened(path: string, count = 1, timeoutMs = 1_500): Promise<WatchStream> {
    const opened = () => this.watches.filter((w) => w.request.path === path);
    await waitUntil(() => opened().length >= count, `watch number ${count} on ${path}`, timeoutMs);
    return opened()[count - 1] as WatchStream;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://apiserver");
    const query = Object.fromEntries(url.searchParams);
    const request: KubeRequest = {
      path: url.pathname,
      query,
      authorization: req.headers.authorization,
      watch: query.watch === "true",
    };
    this.requests.push(request);
    if (request.watch) {
      const failure = this.watchFailures.get(request.path)?.shift();
      if (failure) return reply(res, failure);
      res.writeHead(200, { "content-type": "application/json" });
      res.flushHeaders();
      this.watches.push(new WatchStream(request, res));
      return;
    }
    const handler = this.lists.get(request.path);
    reply(
      res,
      handler ? handler(query) : statusReply(404, "NotFound", "the server could not find the requested resource"),
    );
  }
}

function reply(res: http.ServerResponse, { status, body }: Reply): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function waitUntil(check: () => boolean, what: string, timeoutMs = 1_500): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
