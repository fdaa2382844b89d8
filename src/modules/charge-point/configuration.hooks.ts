import type { CommandHookContext, CommandHookRegistry } from '../command/command-hooks';
import { clock } from '../../platform/clock';
import { tenantSql } from '../../platform/db';
import { BadInputError } from '../../platform/errors';
import { isAuthorizationKey, passwordFromAuthorizationKey } from './authorization-key';
import { checkPassword, setChargePointPassword } from './charge-point-admin.service';
import { ChargePoint } from './charge-point.entity';
import { raiseSecurityProfile } from '../security/security-profile.service';
import { recordCsmsSecurityEvent } from '../security/security-event.service';

const MAX_INTERVAL_S = 2_147_483_647;

/** A HeartbeatInterval value as a whole number of seconds, or undefined when it is not a positive integer. */
function heartbeatSeconds(value: string | null | undefined): number | undefined {
  if (value == null || !/^\s*\d+\s*$/.test(value)) return undefined;
  const seconds = Number(value);
  return seconds > 0 && seconds <= MAX_INTERVAL_S ? seconds : undefined;
}

/**
 * The interval BootNotification answers with: kept in step with what the charge point is known to use,
 * so a re-boot does not undo an operator's ChangeConfiguration.
 */
async function storeHeartbeatInterval(ctx: CommandHookContext, keys: Array<{ key: string; value?: string | null }>): Promise<void> {
  const entry = keys.find((k) => k.key.toLowerCase() === 'heartbeatinterval');
  const seconds = heartbeatSeconds(entry?.value);
  if (seconds === undefined) return;
  await ctx.em.nativeUpdate(ChargePoint, { tenantId: ctx.tenantId, identity: ctx.chargePointId }, { heartbeatIntervalS: seconds });
}

async function storeKeys(
  ctx: CommandHookContext,
  keys: Array<{ key: string; value?: string | null; readonly?: boolean }>,
): Promise<void> {
  if (keys.length === 0) return;
  const now = clock.now();
  const params: unknown[] = [];
  // A charge point that reports its AuthorizationKey's value (it should not) does not get it stored.
  for (const k of keys) params.push(ctx.chargePointId, k.key, isAuthorizationKey(k.key) ? null : (k.value ?? null), k.readonly ?? false, now);
  await tenantSql(
    ctx.em,
    `insert into configuration_key (pk, tenant_id, charge_point_id, key, value, readonly, updated_at)
     select gen_random_uuid(), v.* from (values ${keys.map(() => '($tenant::uuid, ?, ?, ?, ?::boolean, ?::timestamptz)').join(',')}) as v
     on conflict (tenant_id, charge_point_id, key) do update
        set value = excluded.value, readonly = excluded.readonly, updated_at = excluded.updated_at`,
    params,
  );
}

/** Configuration values the CSMS learns: everything GetConfiguration returns, and accepted changes. */
export const configurationHooks: CommandHookRegistry = {
  GetConfiguration: {
    async onResult(ctx, _request, response) {
      await storeKeys(ctx, response.configurationKey ?? []);
      await storeHeartbeatInterval(ctx, response.configurationKey ?? []);
    },
  },
  ChangeConfiguration: {
    // A new AuthorizationKey must be a password the CSMS can keep, or the charge point could never log in again.
    async prepare(ctx, request) {
      if (!isAuthorizationKey(request.key)) return request;
      const password = passwordFromAuthorizationKey(request.value);
      if (password === null) throw new BadInputError("an AuthorizationKey value is the hex of the new password's UTF-8 bytes", 'value');
      checkPassword(password, ctx.chargePointId);
      return request;
    },
    async onResult(ctx, request, response) {
      // The AuthorizationKey is a secret, never stored as a readable configuration value; once the charge
      // point accepts it, it is the password the charge point logs in with next time.
      if (isAuthorizationKey(request.key)) {
        const password = passwordFromAuthorizationKey(request.value);
        if (response.status === 'Accepted' && password !== null) {
          await setChargePointPassword(ctx.em, ctx.chargePointId, password, { generated: ctx.options?.passwordGenerated === true });
          await recordCsmsSecurityEvent(ctx.app, ctx.tenantId, ctx.chargePointId, 'AuthorizationKeyRotated');
        }
        return;
      }
      if (response.status === 'Accepted' || response.status === 'RebootRequired') {
        await storeKeys(ctx, [{ key: request.key, value: request.value, readonly: false }]);
        await storeHeartbeatInterval(ctx, [{ key: request.key, value: request.value }]);
        if (response.status === 'Accepted') await raiseSecurityProfile(ctx, request.key, request.value);
      }
    },
  },
};
