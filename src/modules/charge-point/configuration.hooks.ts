import type { CommandHookRegistry } from '../command/command-hooks';
import { clock } from '../../platform/clock';

async function storeKeys(
  ctx: { em: import('../../platform/db').TenantEm; tenantId: string; chargePointId: string },
  keys: Array<{ key: string; value?: string | null; readonly?: boolean }>,
): Promise<void> {
  if (keys.length === 0) return;
  const now = clock.now();
  const params: unknown[] = [];
  for (const k of keys) params.push(ctx.tenantId, ctx.chargePointId, k.key, k.value ?? null, k.readonly ?? false, now);
  await ctx.em.getConnection().execute(
    `insert into configuration_key (pk, tenant_id, charge_point_id, key, value, readonly, updated_at)
     select gen_random_uuid(), v.* from (values ${keys.map(() => '(?::uuid, ?, ?, ?, ?::boolean, ?::timestamptz)').join(',')}) as v
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
    },
  },
  ChangeConfiguration: {
    async onResult(ctx, request, response) {
      // The AuthorizationKey is a secret; it is never stored as a readable configuration value.
      if (request.key === 'AuthorizationKey') return;
      if (response.status === 'Accepted' || response.status === 'RebootRequired') {
        await storeKeys(ctx, [{ key: request.key, value: request.value, readonly: false }]);
      }
    },
  },
};
