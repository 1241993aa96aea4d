import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A local stand-in for Slack, Teams and a company webhook on 127.0.0.1. `failNext` makes the next
 * calls answer 500, to test a channel that fails and recovers.
 */
export async function startReceiver() {
  const received: Received[] = [];
  let failures = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      if (failures > 0) {
        failures -= 1;
        res.writeHead(500).end('receiver down');
        return;
      }
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    failNext: (n: number) => {
      failures = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
