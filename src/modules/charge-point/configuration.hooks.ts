import { finalStateWrite, type CommandHookContext, type CommandHookRegistry, type FinalStateWrite, type FinalStateWriter } from '../command/command-hooks';
import { clock } from '../../platform/clock';
import type { AppContext } from '../../app-context';
import { isDataError } from '../../platform/async';
import { tenantEm, tenantSql, type TenantEm } from '../../platform/db';
import { GroupCommit, KeyedGroupCommit } from '../../platform/group-commit';
import { BadInputError } from '../../platform/errors';
import { isAuthorizationKey, passwordFromAuthorizationKey } from './authorization-key';
import { checkPassword, setChargePointPassword } from './charge-point-admin.service';
import { raiseSecurityProfile } from '../security/security-profile.service';
import { recordCsmsSecurityEvent } from '../security/security-event.service';

const MAX_INTERVAL_S = 2_147_483_647;

/** A HeartbeatInterval value as a whole number of seconds, or undefined when it is not a positive integer. */
function heartbeatSeconds(value: string | null | undefined): number | undefined {
  if (value == null || !/^\s*\d+\s*$/.test(value)) return undefined;
  const seconds = Number(value);
  return seconds > 0 && seconds <= MAX_INTERVAL_S ? seconds : undefined;
}

/** What one answer taught the CSMS about a charge point's configuration. */
interface KnownConfiguration {
  chargePointId: string;
  keys: Array<{ key: string; value: string | null; readonly: boolean }>;
  /** The interval BootNotification answers with, when the answer set or reported a valid HeartbeatInterval. */
  heartbeatS?: number;
}

/**
 * Configuration values read back, and the interval BootNotification answers with (kept in step with what
 * the charge point is known to use, so a re-boot does not undo an operator's ChangeConfiguration): one
 * statement for a batch of answers of one tenant. Of two answers for one key (or one charge point's
 * interval) in a batch, the later wins. Bind parameters: the keys (jsonb), their time, the intervals (jsonb).
 */
const STORE_CONFIGURATION = `with k as (
       select * from jsonb_to_recordset(?::jsonb) as x(i integer, charge_point_id varchar, key varchar, value text, readonly boolean)
     ), keys as (
       insert into configuration_key (pk, tenant_id, charge_point_id, key, value, readonly, updated_at)
       select distinct on (charge_point_id, key) gen_random_uuid(), $tenant::uuid, charge_point_id, key, value, readonly, ?::timestamptz
         from k order by charge_point_id, key, i desc
       on conflict (tenant_id, charge_point_id, key) do update
          set value = excluded.value, readonly = excluded.readonly, updated_at = excluded.updated_at
     ), h as (
       select distinct on (charge_point_id) charge_point_id, seconds
         from jsonb_to_recordset(?::jsonb) as x(i integer, charge_point_id varchar, seconds integer) order by charge_point_id, i desc
     )
     update charge_point c set heartbeat_interval_s = h.seconds from h where c.tenant_id = $tenant and c.identity = h.charge_point_id`;

function storeConfiguration(em: TenantEm, known: KnownConfiguration[]): Promise<unknown> {
  const keys = known.flatMap((k) => k.keys.map((key) => ({ charge_point_id: k.chargePointId, ...key }))).map((row, i) => ({ i, ...row }));
  const intervals = known.flatMap((k, i) => (k.heartbeatS === undefined ? [] : [{ i, charge_point_id: k.chargePointId, seconds: k.heartbeatS }]));
  return tenantSql(em, STORE_CONFIGURATION, [JSON.stringify(keys), clock.now(), JSON.stringify(intervals)]);
}

/**
 * Per tenant, answers that arrive while a write is in flight go together in the next statement (in the
 * tenant's scope); each is stored before its command is finished. Inside a transaction: one statement of its own.
 */
const configurationWriters = new WeakMap<AppContext, KeyedGroupCommit<KnownConfiguration, void>>();

function knownConfiguration(chargePointId: string, keys: Array<{ key: string; value?: string | null; readonly?: boolean }>): KnownConfiguration {
  const entry = keys.find((k) => k.key.toLowerCase() === 'heartbeatinterval');
  return {
    chargePointId,
    // A charge point that reports its AuthorizationKey's value (it should not) does not get it stored.
    keys: keys.map((k) => ({ key: k.key, value: isAuthorizationKey(k.key) ? null : (k.value ?? null), readonly: k.readonly ?? false })),
    heartbeatS: heartbeatSeconds(entry?.value),
  };
}

/** STORE_CONFIGURATION for answers of any tenants (each names its own), as CTEs of the command's final-state statement. */
const CONFIGURATION_WITH_COMMAND: FinalStateWriter<KnownConfiguration & { tenantId: string; at: Date }> = {
  ctes: `configuration_keys as (
       select * from jsonb_to_recordset(?::jsonb) as x(i integer, tenant_id uuid, charge_point_id varchar, key varchar, value text, readonly boolean, at timestamptz)
     ), configuration_stored as (
       insert into configuration_key (pk, tenant_id, charge_point_id, key, value, readonly, updated_at)
       select distinct on (tenant_id, charge_point_id, key) gen_random_uuid(), tenant_id, charge_point_id, key, value, readonly, at
         from configuration_keys order by tenant_id, charge_point_id, key, i desc
       on conflict (tenant_id, charge_point_id, key) do update
          set value = excluded.value, readonly = excluded.readonly, updated_at = excluded.updated_at
     ), configuration_intervals as (
       select distinct on (tenant_id, charge_point_id) tenant_id, charge_point_id, seconds
         from jsonb_to_recordset(?::jsonb) as x(i integer, tenant_id uuid, charge_point_id varchar, seconds integer) order by tenant_id, charge_point_id, i desc
     ), configuration_interval_stored as (
       update charge_point c set heartbeat_interval_s = h.seconds from configuration_intervals h where c.tenant_id = h.tenant_id and c.identity = h.charge_point_id
     )`,
  params(answers) {
    const keys = answers.flatMap((a) => a.keys.map((key) => ({ tenant_id: a.tenantId, charge_point_id: a.chargePointId, at: a.at, ...key }))).map((row, i) => ({ i, ...row }));
    const intervals = answers.flatMap((a, i) => (a.heartbeatS === undefined ? [] : [{ i, tenant_id: a.tenantId, charge_point_id: a.chargePointId, seconds: a.heartbeatS }]));
    return [JSON.stringify(keys), JSON.stringify(intervals)];
  },
};

async function remember(ctx: CommandHookContext, keys: Array<{ key: string; value?: string | null; readonly?: boolean }>): Promise<void> {
  const known = knownConfiguration(ctx.chargePointId, keys);
  if (known.keys.length === 0) return;
  if (ctx.em.getTransactionContext()) {
    await storeConfiguration(ctx.em, [known]);
    return;
  }
  let writers = configurationWriters.get(ctx.app);
  if (!writers) {
    const app = ctx.app;
    writers = new KeyedGroupCommit(
      (tenantId) =>
        new GroupCommit<KnownConfiguration, void>(
          async (batch) => {
            await storeConfiguration(tenantEm(app.orm, tenantId), batch);
            return batch.map(() => undefined);
          },
          { maxInFlight: 2, maxBatch: 200, maxWaiting: 20_000, splitOn: isDataError },
        ),
    );
    configurationWriters.set(app, writers);
  }
  await writers.submit(ctx.tenantId, known);
}

/**
 * Configuration values the CSMS learns: everything GetConfiguration returns (stored in the statement that
 * completes the command), and accepted changes.
 */
export const configurationHooks: CommandHookRegistry = {
  GetConfiguration: {
    async onResult(ctx, _request, response): Promise<FinalStateWrite | undefined> {
      const known = knownConfiguration(ctx.chargePointId, response.configurationKey ?? []);
      if (known.keys.length === 0) return undefined;
      return finalStateWrite(CONFIGURATION_WITH_COMMAND, { ...known, tenantId: ctx.tenantId, at: clock.now() });
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
        await remember(ctx, [{ key: request.key, value: request.value, readonly: false }]);
        if (response.status === 'Accepted') await raiseSecurityProfile(ctx, request.key, request.value);
      }
    },
  },
};
