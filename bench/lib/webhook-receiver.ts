import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { postGraphql } from './graphql-client';
import { Histogram, type LatencySummary } from './histogram';
import { untilQuiet } from './until-quiet';

/** What one integrator's webhook endpoint got during a phase. */
export interface ReceivedDeliveries {
  /** POSTs answered 2xx, duplicates included (delivery is at least once). */
  received: number;
  /** Deliveries of an event id already received. */
  duplicates: number;
  /** From the event's occurredAt (the server's clock, on this machine) to the POST's arrival. */
  lag: LatencySummary;
}

const EVENT_TYPES = [
  'CHARGE_POINT_CONNECTED', 'CHARGE_POINT_DISCONNECTED', 'CONNECTOR_STATUS_CHANGED', 'TRANSACTION_STARTED', 'TRANSACTION_UPDATED',
  'TRANSACTION_STOPPED', 'COMMAND_UPDATED', 'RESERVATION_UPDATED', 'FIRMWARE_STATUS_CHANGED', 'DIAGNOSTICS_STATUS_CHANGED',
  'LOG_STATUS_CHANGED', 'SECURITY_EVENT',
];

/**
 * An integrator's webhook endpoint in the bench process: registered for every event type of the bench
 * tenant (the server needs WEBHOOK_ALLOW_PRIVATE=true), it answers 200 at once and counts what comes.
 */
export class WebhookReceiver {
  private readonly lag = new Histogram();
  private readonly seen = new Set<string>();
  private received = 0;
  private duplicates = 0;
  private webhookId = '';

  private constructor(private readonly server: http.Server, private readonly apiPort: number) {}

  static async open(apiPort: number): Promise<WebhookReceiver> {
    const server = http.createServer({ keepAliveTimeout: 60_000 });
    const receiver = new WebhookReceiver(server, apiPort);
    server.on('request', (req, res) => receiver.onDelivery(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const answer = await postGraphql(apiPort, {
      query: 'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }',
      variables: { input: { url, eventTypes: EVENT_TYPES, description: 'bench' } },
    });
    const id = JSON.parse(answer.body)?.data?.createWebhook?.webhook?.id;
    if (!id) throw new Error(`createWebhook failed: ${answer.body.slice(0, 300)}`);
    receiver.webhookId = id;
    return receiver;
  }

  private onDelivery(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      res.writeHead(200).end();
      this.received++;
      const eventId = String(req.headers['qcharge-event-id'] ?? '');
      if (this.seen.has(eventId)) this.duplicates++;
      this.seen.add(eventId);
      try {
        this.lag.record(Math.max(0, Date.now() - Date.parse(JSON.parse(body).occurredAt)));
      } catch {
        // A body without occurredAt is still counted as received.
      }
    });
  }

  /** Deletes the webhook once deliveries stopped coming for `quietMs` (at most `maxWaitMs`), then stops listening. */
  async close(quietMs = 2000, maxWaitMs = 120_000): Promise<ReceivedDeliveries> {
    await untilQuiet(() => this.received, quietMs, maxWaitMs);
    await postGraphql(this.apiPort, { query: 'mutation($input: DeleteWebhookInput!) { deleteWebhook(input: $input) { __typename } }', variables: { input: { id: this.webhookId } } });
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
    return { received: this.received, duplicates: this.duplicates, lag: this.lag.summary() };
  }
}
