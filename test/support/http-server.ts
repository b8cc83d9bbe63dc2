/**
 * A tiny local HTTP server for wire tests: a real SDK client is pointed at it
 * (`endpoint: server.url`), and the test sees exactly what the SDK sent and
 * decides exactly what it gets back. Replies come from a queue first, then from
 * routes; a request nothing answers gets a 404 so the mistake shows in the test.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server received it; `body` is the raw text. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query string, as sent. */
  readonly url: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface Reply {
  /** Default 200. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Close the connection without answering: a request that went through, its response lost. */
  readonly drop?: boolean;
  /** Never answer, leaving the connection open: what a network fault looks like to the client. */
  readonly hang?: boolean;
}

/** Answers a request, or returns undefined to let the next route try. */
export type Route = (request: RecordedRequest) => Reply | undefined;

export interface TestServer {
  /** `http://127.0.0.1:<port>`, to pass as a client's endpoint. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Queues replies, used in order before any route. */
  enqueue(...replies: readonly Reply[]): void;
  /** Adds a route, tried in the order added once the queue is empty. */
  route(route: Route): void;
  /** Stops the server, dropping idle keep-alive connections so it closes at once. */
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts a server on 127.0.0.1 and a free port; resolves once it listens. */
export async function startServer(): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const queue: Reply[] = [];
  const routes: Route[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? '/';
    const parsed = new URL(url, 'http://127.0.0.1');
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      url,
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: request.headers,
      body: await readBody(request),
    };
    requests.push(recorded);
    const reply = queue.shift() ??
      routes.reduce<Reply | undefined>((found, route) => found ?? route(recorded), undefined) ?? {
        status: 404,
        body: `test server: no reply for ${recorded.method} ${url}`,
      };
    if (reply.hang === true) return;
    if (reply.drop === true) {
      response.socket?.destroy();
      return;
    }
    response.writeHead(reply.status ?? 200, reply.headers);
    response.end(reply.body ?? '');
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    route: (route) => routes.push(route),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
