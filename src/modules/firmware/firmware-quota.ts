import { randomUUID } from 'node:crypto';
import { clock } from '../../platform/clock';
import { tenantSql, type TenantEm } from '../../platform/db';
import { BadInputError } from '../../platform/errors';

export class FirmwareQuotaError extends BadInputError {}

/** A crashed process's reservation stops counting after this; a live upload renews its own as it grows. */
const RESERVATION_TTL_MS = 15 * 60_000;
/** How far ahead of the bytes received an upload reserves, so a large upload costs few round trips. */
const RESERVE_AHEAD_BYTES = 1024 * 1024;

/**
 * The quota one upload holds while its bytes arrive. `cover(size)` reserves up to `size` bytes (more ahead
 * when it fits) or throws FirmwareQuotaError; each reservation is one transaction that serialises the
 * tenant's reservations on an advisory lock and counts stored files and every live reservation, so
 * parallel uploads on any number of nodes never pass the quota together. `release()` drops what is held;
 * storing the file drops it in the same transaction that inserts the file row (`releaseIn`).
 */
export class FirmwareQuotaReservation {
  readonly id = randomUUID();
  private reserved = 0;
  private renewedAt = 0;

  constructor(
    private readonly em: TenantEm,
    private readonly quota: number,
  ) {}

  async cover(size: number): Promise<void> {
    if (size <= this.reserved && clock.now().getTime() - this.renewedAt < RESERVATION_TTL_MS / 3) return;
    const need = Math.max(0, size - this.reserved);
    if (need > 0 && (await this.tryReserve(need + RESERVE_AHEAD_BYTES))) return;
    if (await this.tryReserve(need)) return;
    throw new FirmwareQuotaError(`the tenant's firmware quota of ${this.quota} bytes would be exceeded: delete some images (deleteFirmwareFile)`);
  }

  async release(): Promise<void> {
    await this.releaseIn(this.em);
  }

  /** Drops the reservation within the caller's transaction (the one storing the file). */
  async releaseIn(em: TenantEm): Promise<void> {
    await tenantSql(em, `delete from "firmware_upload_reservation" where "id" = ? and "tenant_id" = $tenant`, [this.id]);
  }

  private async tryReserve(bytes: number): Promise<boolean> {
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + RESERVATION_TTL_MS);
    const granted = await this.em.fork().transactional(async (tx) => {
      await tenantSql(tx, `select pg_advisory_xact_lock(hashtext('firmware-quota'), hashtext($tenant::text))`, []);
      // A statement of its own after the lock: its snapshot sees every reservation and file committed before.
      const rows = await tenantSql<{ bytes: string }>(
        tx,
        `with used as (
           select (select coalesce(sum("size"), 0) from "firmware_file" where "tenant_id" = $tenant)
                + (select coalesce(sum("bytes"), 0) from "firmware_upload_reservation" where "tenant_id" = $tenant and "expires_at" > ? and "id" <> ?) as bytes
         )
         insert into "firmware_upload_reservation" ("id", "tenant_id", "bytes", "expires_at")
         select ?, $tenant, ?, ? from used where used.bytes + ? <= ?
         on conflict ("id") do update set "bytes" = excluded."bytes", "expires_at" = excluded."expires_at"
         returning "bytes"`,
        [now, this.id, this.id, this.reserved + bytes, expiresAt, this.reserved + bytes, this.quota],
      );
      return rows.length > 0;
    });
    if (granted) {
      this.reserved += bytes;
      this.renewedAt = now.getTime();
    }
    return granted;
  }
}
