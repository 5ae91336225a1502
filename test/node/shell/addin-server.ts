/** A stand-in add-in server for shell tests: serves a manifest whose SourceLocation is on its own origin. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AddinServer {
  origin: string;
  manifestUrl: string;
  close(): Promise<void>;
}

export async function startAddinServer(): Promise<AddinServer> {
  let origin = '';
  const server = createServer((req, res) => {
    if (req.url === '/manifest.xml') {
      res.writeHead(200, { 'Content-Type': 'application/xml' });
      res.end(
        `<?xml version="1.0"?><OfficeApp><Id>test</Id><DisplayName DefaultValue="Test add-in"/>` +
          `<DefaultSettings><SourceLocation DefaultValue="${origin}/taskpane.html?view=integrations&amp;x=1"/></DefaultSettings></OfficeApp>`,
      );
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    manifestUrl: `${origin}/manifest.xml`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
