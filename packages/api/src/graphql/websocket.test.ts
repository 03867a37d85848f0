import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { coalesceSends, SEND_HIGH_WATER_BYTES } from "./websocket.js";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A real server-side WebSocket with coalesced sends, and a real client connected to it. */
async function connectedPair() {
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true });
  const accepted = new Promise<WebSocket>((resolve) =>
    server.on("upgrade", (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        coalesceSends(ws, socket);
        resolve(ws);
      }),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const received: string[] = [];
  client.on("message", (data: Buffer) => received.push(data.toString("utf8")));
  await new Promise((resolve) => client.once("open", resolve));
  const ws = await accepted;
  cleanups.push(() => {
    client.terminate();
    ws.terminate();
    wss.close();
    server.close();
  });
  return { ws, client, received };
}

/** Sends as graphql-ws does: the next message only once the previous send's callback was called. */
const sendAndWait = (ws: WebSocket, data: string) =>
  new Promise<void>((resolve, reject) => ws.send(data, (error) => (error ? reject(error) : resolve())));

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe("coalesced WebSocket sends", () => {
  it("deliver every message of a burst, in order", async () => {
    const { ws, received } = await connectedPair();
    const messages = Array.from({ length: 500 }, (_, i) => JSON.stringify({ n: i, pad: "x".repeat(i % 50) }));
    for (const message of messages) await sendAndWait(ws, message);
    await waitFor(() => received.length === messages.length);
    expect(received).toEqual(messages);
  });

  it("hold a sender back once more than the high-water mark waits for a reader that stopped reading", async () => {
    const { ws, client, received } = await connectedPair();
    client.pause();
    const chunk = "y".repeat(64 * 1024);
    let sent = 0;
    let stalled: Promise<void> | null = null;
    // Far more than any socket buffer holds: the sender must be stopped long before.
    while (sent < 2_000) {
      const send = sendAndWait(ws, `${sent}:${chunk}`);
      sent++;
      const answered = await Promise.race([send.then(() => true), new Promise((r) => setTimeout(r, 300, false))]);
      if (!answered) {
        stalled = send;
        break;
      }
    }
    expect(stalled).not.toBeNull();
    expect(ws.bufferedAmount).toBeGreaterThanOrEqual(SEND_HIGH_WATER_BYTES);
    expect(sent).toBeLessThan(2_000);

    client.resume();
    await stalled;
    await waitFor(() => received.length === sent);
    expect(received.map((m) => Number(m.slice(0, m.indexOf(":"))))).toEqual(Array.from({ length: sent }, (_, i) => i));
  });
});
