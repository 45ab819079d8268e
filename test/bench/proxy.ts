/**
 * A unix-socket proxy in front of the engine that counts the HTTP requests going
 * through it, so a benchmark can see every call the extension makes (and that it
 * makes none while idle), without instrumenting the extension.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';

export interface CountingProxy {
  socketPath: string;
  /** requests since the last reset, as "METHOD /path" */
  requests(): string[];
  reset(): void;
  /** a control endpoint on 127.0.0.1 for code in the extension host: GET /requests, POST /reset */
  controlUrl: string;
  close(): Promise<void>;
}

const REQUEST_LINE = /^(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r$/gm;

export async function startCountingProxy(target: string, socketPath: string): Promise<CountingProxy> {
  fs.rmSync(socketPath, { force: true });
  let seen: string[] = [];
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    open.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      for (const m of chunk.toString('latin1').matchAll(REQUEST_LINE)) seen.push(`${m[1]} ${m[2].replace(/^\/v[\d.]+/, '').split('?')[0]}`);
    });
    // pipe() passes each side's end on once everything before it is written: destroying the client
    // when the engine closes its side would cut off a large answer still in the client's buffer
    client.pipe(upstream).pipe(client);
    const fail = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', fail);
    upstream.on('error', fail);
    client.on('close', () => open.delete(client));
    upstream.on('close', () => open.delete(upstream));
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));

  const control = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/reset') seen = [];
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(seen));
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const { port } = control.address() as net.AddressInfo;

  return {
    socketPath,
    requests: () => [...seen],
    reset: () => (seen = []),
    controlUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise((r) => control.close(r));
      await new Promise((r) => server.close(r));
    },
  };
}
