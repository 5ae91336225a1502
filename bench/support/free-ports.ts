/** Ports the OS has just handed out on 127.0.0.1, so parallel runs never collide on fixed ones. */
import net from 'node:net';

export async function freePorts(count: number): Promise<number[]> {
  // All servers stay open until every port is known, so the OS cannot hand out the same one twice.
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => {
    const addr = s.address();
    if (addr === null || typeof addr === 'string') throw new Error('listening socket has no port');
    return addr.port;
  });
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}
