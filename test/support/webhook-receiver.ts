import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  body: any;
}

/**
 * A real HTTP receiver for webhook tests. `answer` decides each reply from the request count so far:
 * a status code, or 'hang' (never answer; the socket is left open).
 */
export async function webhookReceiver(answer: (n: number, delivery: ReceivedDelivery) => number | 'hang' = () => 200) {
  const received: ReceivedDelivery[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const delivery = { headers: request.headers, rawBody, body: JSON.parse(rawBody) };
      received.push(delivery);
      const reply = answer(received.length, delivery);
      if (reply === 'hang') return hanging.add(response);
      response.writeHead(reply).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** What an integrator does (docs/integrator-guide.md): recompute the HMAC of "<t>.<raw body>" and compare. */
export function signatureValid(secret: string, header: string | string[] | undefined, rawBody: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(header));
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${rawBody}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}
