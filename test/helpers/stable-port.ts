import fs from 'node:fs';
import net from 'node:net';

/** Linux's range for `listen(0)`; ports below it are never handed out by the kernel to another test. */
function ephemeralPortFloor(): number {
  try {
    return Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

/**
 * A free port below the ephemeral range. A test that kills a server and expects its port to stay dead needs one:
 * a port from `listen(0)` can be given to another test's server (a fake returning 401, say) the moment it is freed.
 */
export async function portOutsideEphemeralRange(): Promise<number> {
  const ceiling = Math.min(ephemeralPortFloor(), 32768);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 20000 + Math.floor(Math.random() * (ceiling - 20000));
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port below the ephemeral range');
}
