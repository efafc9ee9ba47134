import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { gracefulClose } from './graceful-close.ts';
import { freePort } from './free-port.ts';
import { listenOn } from './listen.ts';

/** A server whose `/slow` answers only when the test says so, and `/` at once; once draining, it refuses what the drain says to. */
async function startServer(acceptors = 1) {
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
  const { origin } = await listenOn(server, { port: 0, host: '127.0.0.1', acceptors });
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

/** Sockets listening on `port` on loopback, as the kernel lists them (Linux). */
function listeningSockets(port: number): number {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  // Columns: slot, local address, remote address, state (0A is LISTEN), ...
  const rows = readFileSync('/proc/net/tcp', 'utf8').split('\n').map((line) => line.trim().split(/\s+/));
  return rows.filter(([, address, , state]) => address === local && state === '0A').length;
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

  it.runIf(process.platform === 'linux')('on several sockets (SO_REUSEPORT): serves connections each accepted, drains them all, then stops listening on every one', async () => {
    const served = await startServer(4);
    const port = Number(new URL(served.origin).port);
    expect(listeningSockets(port)).toBe(4);
    // Twelve connections, spread by the kernel over the four sockets, each with a request held in flight.
    const arrivals = Array.from({ length: 12 }, () => served.nextSlow());
    const slow = Array.from({ length: 12 }, () => request(`${served.origin}/slow`, { dispatcher: keepAliveAgent() }));
    await Promise.all(arrivals);
    const closed = served.close(60_000);
    const late = await request(served.origin, { dispatcher: keepAliveAgent() });
    expect(late.statusCode).toBe(503);
    await late.body.text();
    served.answerSlow();
    for (const response of await Promise.all(slow)) expect(await response.body.text()).toBe('slow');
    await closed;
    // No socket of the four is left listening: the port is free to anyone.
    expect(listeningSockets(port)).toBe(0);
    expect(await freePort(port)).toBe(port);
  });
});
