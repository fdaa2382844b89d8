import { Migration } from '@mikro-orm/migrations';

/**
 * Webhook deliveries are taken by the workers straight from webhook_delivery (src/modules/webhook/
 * webhook-dispatcher.ts) instead of one BullMQ job each: a worker claims a due PENDING attempt with a lease,
 * `claimed_until`, which another worker may take over once it lapsed (the first died mid-delivery).
 */
export class Migration20261207050000_webhook_delivery_claims extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "webhook_delivery" add column "claimed_until" timestamptz null;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table "webhook_delivery" drop column "claimed_until";');
  }
}
