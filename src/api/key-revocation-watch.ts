import type { WebSocket } from 'ws';
import type { AppContext } from '../app-context';
import { platformSql } from '../platform/db';

/** How often a node re-checks the keys behind its open graphql-ws connections. */
export const KEY_RECHECK_MS = 5000;

/** graphql-ws's close code for a refused key. */
const FORBIDDEN = 4403;

/**
 * A key is checked when a graphql-ws connection opens and for every operation, but a subscription lives on
 * after its key is revoked. Each node re-checks the keys of its open connections (one query for all of them)
 * and closes those whose key was revoked, on whichever node `revokeApiKey` ran.
 */
export class KeyRevocationWatch {
  private readonly keyOf = new Map<WebSocket, string>();
  private readonly timer: NodeJS.Timeout;
  private checking = false;

  constructor(private readonly app: AppContext, intervalMs = KEY_RECHECK_MS) {
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  track(socket: WebSocket, keyId: string): void {
    this.keyOf.set(socket, keyId);
    socket.once('close', () => this.keyOf.delete(socket));
  }

  async check(): Promise<void> {
    if (this.checking || this.keyOf.size === 0) return;
    this.checking = true;
    try {
      const keyIds = [...new Set(this.keyOf.values())];
      // Across tenants (a node's connections are any tenants'): a platform-scope lookup by primary key, like the key check at connect.
      // One array parameter, so the statement's text (a prepared statement's name) is the same for any number of keys.
      const revoked = await platformSql<{ id: string }>(this.app.orm, `select "id" from "api_key" where "id" = any(?) and "revoked_at" is not null`, [keyIds]);
      if (revoked.length === 0) return;
      const gone = new Set(revoked.map((r) => r.id));
      for (const [socket, keyId] of this.keyOf) {
        if (!gone.has(keyId)) continue;
        this.keyOf.delete(socket);
        socket.close(FORBIDDEN, 'Forbidden: API key revoked');
      }
      this.app.log.info({ keys: gone.size }, 'closed graphql-ws connections of revoked API keys');
    } catch (error) {
      this.app.log.warn({ err: error }, 'API key re-check failed');
    } finally {
      this.checking = false;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
