import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { gracefulClose } from './graceful-close.ts';
import { listenOn } from './listen.ts';

/** A server whose `/slow` answers only when the test says so, and `/` at once; once draining, it refuses what the drain says to. */
async function startServer() {
  const waiting: Array<() => void> = [];
  const arrived: Array<() => void> = [];
  const server: Server = createServer((incoming, response) => {
    if (drain.refuses(incoming)) {
      response.statusCode = 503;
      return void response.end('shutting down');
    }
    if (incoming.url !== '/slow') return void response.end('fast');
    waiting.push(() => response.end('slow'));
    arrived.shift()?.();
  });
  const drain = gracefulClose(server);
  const { origin } = await listenOn(server, { port: 0, host: '127.0.0.1' });
  return {
    server,
    origin,
    close: drain.close,
    /** Resolves once a `/slow` request is being handled. */
    nextSlow: () => new Promise<void>((resolve) => arrived.push(resolve)),
    answerSlow: () => waiting.splice(0).forEach((answer) => answer()),
  };
}

function refuses(origin: string): Promise<boolean> {
  const { hostname, port } = new URL(origin);
  const socket = connect(Number(port), hostname);
  return new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(false));
    socket.once('error', () => resolve(true));
  }).finally(() => socket.destroy());
}

const agents: Agent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
});
function keepAliveAgent(): Agent {
  const agent = new Agent({ keepAliveTimeout: 60_000 });
  agents.push(agent);
  return agent;
}

describe('gracefulClose', () => {
  it('when nothing is in flight, stops listening after a short linger and resolves', async () => {
    const served = await startServer();
    await (await request(served.origin, { dispatcher: keepAliveAgent() })).body.text();
    const began = performance.now();
    const closed = served.close(60_000);
    await expect.poll(() => refuses(served.origin), { timeout: 10_000 }).toBe(true);
    // The linger is a tenth of a second, not the drain's bound.
    expect(performance.now() - began).toBeLessThan(5_000);
    await closed;
  });

  it('while a request is in flight: answers it with connection: close, refuses requests on new connections, then stops listening and resolves', async () => {
    const served = await startServer();
    const agent = keepAliveAgent();
    // A kept-alive idle connection, which Node's own close would leave open until it times out.
    await (await request(served.origin, { dispatcher: agent })).body.text();
    const arrived = served.nextSlow();
    const slow = request(`${served.origin}/slow`, { dispatcher: agent });
    await arrived;
    const closed = served.close(60_000);
    // Still listening, so a caller connecting now is told to come back rather than reset.
    const late = await request(served.origin, { dispatcher: keepAliveAgent() });
    expect(late.statusCode).toBe(503);
    expect(late.headers.connection).toBe('close');
    expect(await late.body.text()).toBe('shutting down');
    served.answerSlow();
    const response = await slow;
    expect(response.statusCode).toBe(200);
    expect(response.headers.connection).toBe('close');
    expect(await response.body.text()).toBe('slow');
    await expect.poll(() => refuses(served.origin), { timeout: 10_000 }).toBe(true);
    await closed;
  });

  it('answers a request sent on an idle kept-alive connection as the drain begins, rather than resetting it', async () => {
    const served = await startServer();
    const { hostname, port } = new URL(served.origin);
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    const ended = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
    const ask = `GET / HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`;
    socket.write(ask);
    await expect.poll(() => received.includes('fast'), { timeout: 10_000 }).toBe(true);
    // The connection is idle when the drain begins; the caller's next request is already on its way.
    const closed = served.close(60_000);
    socket.write(ask);
    const transcript = await ended;
    expect(transcript.match(/HTTP\/1\.1 200/g)).toHaveLength(2);
    expect(transcript).toMatch(/connection: close/i);
    await closed;
  });

  it('cuts a request still in flight once the timeout passes', async () => {
    const served = await startServer();
    const arrived = served.nextSlow();
    const outcome = request(`${served.origin}/slow`, { dispatcher: keepAliveAgent() }).then(
      () => 'answered',
      (error: { code?: string }) => error.code,
    );
    await arrived;
    await served.close(50);
    expect(await outcome).toBe('UND_ERR_SOCKET');
  });
});
