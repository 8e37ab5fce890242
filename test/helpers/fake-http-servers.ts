import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { portOutsideEphemeralRange } from './stable-port.js';

/** A loopback HTTP server answering every request with `handler`; for dead, broken and garbage endpoints. */
export async function startFakeServer(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL on a port nothing listens on (free when checked, and outside the range other tests' servers get). */
export async function deadUrl(): Promise<string> {
  // Below the ephemeral range, so no other test's listen(0) can bring it to life meanwhile.
  return `http://127.0.0.1:${await portOutsideEphemeralRange()}/mcp`;
}
