// A real HTTP receiver on 127.0.0.1 for webhook tests: records every request, and answers as
// the test says (a status, a redirect, or never).
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** What to answer the n-th request (0-based): a status, or "hang" to never answer. */
export type Answer = number | "hang" | { status: number; location: string };

export interface Receiver {
  url: string;
  received: Received[];
  /** Requests not answered yet (hanging). */
  open: () => number;
  answer: (respond: (n: number, request: Received) => Answer) => void;
  close: () => Promise<void>;
}

export async function startReceiver(path = "/hook"): Promise<Receiver> {
  const received: Received[] = [];
  const hanging = new Set<ServerResponse>();
  let respond: (n: number, request: Received) => Answer = () => 204;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        at: Date.now(),
      };
      const n = received.push(request) - 1;
      const answer = respond(n, request);
      if (answer === "hang") {
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      }
      if (typeof answer === "number")
        res.writeHead(answer).end(answer >= 400 ? "receiver says no" : "");
      else res.writeHead(answer.status, { location: answer.location }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    open: () => hanging.size,
    answer: (fn) => {
      respond = fn;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
