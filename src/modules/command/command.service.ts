import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../app-context';
import { ChargePointCallError, ChargePointOfflineError, ChargePointTimeoutError } from '../../ocpp/call-errors';
import { isCsmsAction, type CsmsAction } from '../../ocpp/actions';
import type { OcppRequest, OcppResponse } from '../../ocpp/generated/ocpp16';
import { OcppError } from '../../ocpp/ocpp-error';
import { validateRequest } from '../../ocpp/validator';
import { clock } from '../../platform/clock';
import { scopeTenant, tenantEm, tenantSql, type TenantEm } from '../../platform/db';
import { isDataError } from '../../platform/async';
import { GroupCommit, KeyedGroupCommit } from '../../platform/group-commit';
import { withEvents } from '../event/event-outbox';
import type { NewEvent } from '../event/event-types';
import { BadInputError, ConflictError, NotFoundError } from '../../platform/errors';
import { commandOutcomes } from '../../platform/metrics';
import { inSpan, isTracing, ocppCallAttributes } from '../../platform/tracing';
import { hideAuthorizationKey, hideSecretValue, isAuthorizationKey } from '../charge-point/authorization-key';
import { ChargePoint } from '../charge-point/charge-point.entity';
import type { CommandDraft, CommandHookContext, CommandHookOptions, FinalStateWrite, FinalStateWriter } from './command-hooks';
import { COMMAND_HOOKS } from './command-hooks.registry';
import { Command, type CommandStatus } from './command.entity';

export interface Actor {
  keyId?: string | null;
  name?: string | null;
}

export interface CommandRequest<A extends CsmsAction> {
  tenantId: string;
  chargePointId: string;
  action: A;
  request: CommandDraft<A>;
  actor?: Actor;
  schedule?: { at?: Date | null; retryUntil?: Date | null } | null;
  /**
   * For requests that carry a secret (a new AuthorizationKey): what to store and publish instead. The real
   * request is only sent, once, so such a command cannot be scheduled.
   */
  redact?: (request: OcppRequest<A>) => object;
  hookOptions?: CommandHookOptions;
}

/** How an attempt ended, in the contract's error codes. */
export class CommandFailed extends Error {
  constructor(
    readonly code: 'CHARGE_POINT_OFFLINE' | 'CHARGE_POINT_TIMEOUT' | 'OCPP_CALL_ERROR',
    message: string,
    readonly ocppErrorCode?: string,
    readonly command?: Command,
  ) {
    super(message);
  }
}

export interface AttemptOptions {
  retryOn?: ReadonlyArray<CommandFailed['code']>;
  /** The request to send when the stored one is redacted (it carries a secret). */
  request?: object;
  hookOptions?: CommandHookOptions;
  /** The command is not in the database yet (an immediate one): its SENT write inserts it. */
  unstored?: boolean;
}

/** Schedules a stored command for delivery by the worker role (BullMQ); every role can schedule. */
export type CommandScheduler = (command: Command) => Promise<void>;

export function commandView(c: Command) {
  return {
    id: c.id,
    chargePointId: c.chargePointId,
    action: c.action,
    status: c.status,
    request: c.request,
    response: c.response ?? null,
    messageId: c.messageId ?? null,
    errorCode: c.errorCode ?? null,
    ocppErrorCode: c.ocppErrorCode ?? null,
    errorDescription: c.errorDescription ?? null,
    attempts: c.attempts,
    createdBy: c.createdByName ?? null,
    createdAt: c.createdAt.toISOString(),
    scheduledAt: c.scheduledAt?.toISOString() ?? null,
    retryUntil: c.retryUntil?.toISOString() ?? null,
    sentAt: c.sentAt?.toISOString() ?? null,
    completedAt: c.completedAt?.toISOString() ?? null,
  };
}

export class CommandService {
  /** `app` is read when a command runs: the service is part of the AppContext it uses. */
  constructor(
    private readonly appContext: () => AppContext,
    private readonly scheduler: CommandScheduler,
  ) {}

  private get app(): AppContext {
    return this.appContext();
  }

  /**
   * Records a command and either sends it now (resolving with the charge point's answer) or hands it to
   * the scheduler. The request is checked against the OCPP schema only: values the charge point may
   * refuse (unknown keys, connectors, transactions) are passed on, as OCTT expects.
   */
  async create<A extends CsmsAction>(em: TenantEm, input: CommandRequest<A>): Promise<{ command: Command; response: OcppResponse<A> | null }> {
    const registrationStatus = await this.registrationStatus(em, input.chargePointId);
    if (!registrationStatus) throw new NotFoundError(`Charge point ${input.chargePointId} not found`);
    // OCPP 1.6 4.2.1: the CSMS initiates nothing with a Rejected charge point (scheduled commands wait instead).
    if (registrationStatus === 'Rejected' && !input.schedule) {
      throw new ConflictError(`Charge point ${input.chargePointId} is Rejected: it is sent nothing until its registrationStatus is Accepted or Pending`);
    }
    const hooks = COMMAND_HOOKS[input.action];
    const ctx = { app: this.app, em, tenantId: input.tenantId, chargePointId: input.chargePointId, options: input.hookOptions };
    const draft = stripUndefined(input.request);
    const request: unknown = hooks?.prepare ? await hooks.prepare(ctx, draft) : draft;
    try {
      validateRequest(input.action, request);
    } catch (error) {
      if (error instanceof OcppError) throw new BadInputError(`Invalid ${input.action} request: ${error.message}`);
      throw error;
    }
    // A new AuthorizationKey is the charge point's next password: never stored or published in clear.
    const redact = input.redact ?? (input.action === 'ChangeConfiguration' && 'key' in request && isAuthorizationKey(request.key) ? hideSecretValue : undefined);
    if (input.schedule && redact) throw new BadInputError(`A ${input.action} carrying a secret cannot be scheduled`);
    // A plain entity object, not one `em` manages: it is written by its first `stored`, never by a flush of
    // `em` (which the caller may use for other things), and MikroORM's create costs more than the write.
    const command = Object.assign(new Command(), {
      tenantId: input.tenantId,
      chargePointId: input.chargePointId,
      action: input.action,
      request: redact ? redact(request) : request,
      status: 'QUEUED' as const,
      attempts: 0,
      createdByKeyId: input.actor?.keyId ?? null,
      createdByName: input.actor?.name ?? null,
      // Set for every scheduled command (now when no `at`): it tells queued work from a call made in place.
      scheduledAt: input.schedule ? (input.schedule.at ?? clock.now()) : null,
      retryUntil: input.schedule?.retryUntil ?? null,
      createdAt: clock.now(),
    });
    if (input.schedule) {
      await this.stored(em, command, { insert: true });
      try {
        await this.scheduler(command);
      } catch (error) {
        // The caller is told it failed: the row must not stay QUEUED, or the re-queue sweep would carry it
        // out later (and a client retrying after the error would get it twice). Delivery skips it too,
        // should the job have been added after all.
        await this.finish(em, command, 'FAILED', { errorCode: 'INTERNAL_SERVER_ERROR', errorDescription: 'Could not be queued' }).catch((failure) =>
          this.app.log.error({ err: failure, commandId: command.id }, 'a scheduled command that could not be queued stays QUEUED'),
        );
        throw error;
      }
      return { command, response: null };
    }
    // Not stored yet: its first write inserts it as SENT (one statement, with its event).
    const response = await this.attempt(em, command, { request, hookOptions: input.hookOptions, unstored: true });
    // The answer to the request just validated as an `A`.
    return { command, response: response as OcppResponse<A> };
  }

  /**
   * Charge point lookups by tenant: outside a transaction, lookups of one tenant that arrive while one is in
   * flight go together in the next statement (in the tenant's scope); each is answered by a statement that
   * started after it was asked.
   */
  private readonly chargePointLookups = new KeyedGroupCommit<string, string | undefined>(
    (tenantId) =>
      new GroupCommit(
        async (ids) => {
          const rows = await tenantSql<{ identity: string; registration_status: string }>(
            tenantEm(this.app.orm, tenantId),
            'select identity, registration_status from charge_point where tenant_id = $tenant and identity in (select jsonb_array_elements_text(?::jsonb))',
            [JSON.stringify([...new Set(ids)])],
          );
          const byId = new Map(rows.map((row) => [row.identity, row.registration_status]));
          return ids.map((id) => byId.get(id));
        },
        { maxInFlight: 2, maxBatch: 500, maxWaiting: 20_000 },
      ),
  );

  /** The charge point's registration status, undefined when the tenant has no such charge point. */
  private async registrationStatus(em: TenantEm, chargePointId: string): Promise<string | undefined> {
    if (em.getTransactionContext()) return (await em.findOne(ChargePoint, { identity: chargePointId }))?.registrationStatus;
    return this.chargePointLookups.submit(scopeTenant(em)!, chargePointId);
  }

  /**
   * One delivery attempt; updates the stored command and publishes each status change. Failures whose code
   * is in `options.retryOn` put the command back to QUEUED (the scheduler retries it) instead of FAILED.
   */
  async attempt(em: TenantEm, command: Command, options: AttemptOptions = {}): Promise<object> {
    const { action } = command;
    if (!isCsmsAction(action)) throw new Error(`Command ${command.id} has no CSMS action: ${action}`);
    // A retry gets a fresh uniqueId: a late answer to the earlier CALL must not settle this one. Each is
    // stored, so commandUpdated can be matched with the ocppMessages frames of the attempt.
    const uniqueId = command.attempts === 0 ? command.id : randomUUID();
    if (!isTracing()) return this.deliver(em, command, action, uniqueId, options);
    const attributes = {
      ...ocppCallAttributes(command.tenantId, command.chargePointId, command.action, uniqueId),
      'qcharge.command_id': command.id,
      'qcharge.command.attempt': command.attempts + 1,
    };
    return inSpan(`command ${action}`, { attributes, errorAttributes: commandErrorAttributes }, () => this.deliver(em, command, action, uniqueId, options));
  }

  private async deliver<A extends CsmsAction>(em: TenantEm, command: Command, action: A, uniqueId: string, options: AttemptOptions): Promise<OcppResponse<A>> {
    // Both passed the action's schemas: the request before it was stored, the answer in the OcppSession.
    const request = (options.request ?? command.request) as OcppRequest<A>;
    // The answer may take OCPP_CALL_TIMEOUT_MS: never wait for it inside a database transaction, whose
    // locks (and its tenant's event counter, once it appended an event) the hot writers would wait on.
    if (em.getTransactionContext()) throw new Error('commands are delivered outside database transactions');
    command.attempts += 1;
    command.status = 'SENT';
    command.sentAt = clock.now();
    command.messageId = uniqueId;
    await this.stored(em, command, { insert: options.unstored });
    try {
      const answer = await this.app.cluster.call(command.tenantId, command.chargePointId, command.action, request, this.app.config.ocppCallTimeoutMs, uniqueId);
      // Never kept or shown: an AuthorizationKey value a charge point reports.
      const response = hideAuthorizationKey(answer) as OcppResponse<A>;
      const hooks = COMMAND_HOOKS[action];
      const alongside = hooks?.onResult
        ? await hooks.onResult({ app: this.app, em, tenantId: command.tenantId, chargePointId: command.chargePointId, options: options.hookOptions }, request, response)
        : undefined;
      await this.finish(em, command, 'COMPLETED', { response }, alongside ?? undefined);
      return response;
    } catch (error) {
      const failure = toCommandFailed(error);
      if (!failure) {
        await this.finish(em, command, 'FAILED', { errorCode: 'INTERNAL_SERVER_ERROR', errorDescription: 'Internal error' });
        throw error;
      }
      if (options.retryOn?.includes(failure.code)) {
        await this.finish(em, command, 'QUEUED', { errorCode: failure.code, errorDescription: failure.message });
        throw new CommandFailed(failure.code, failure.message, failure.ocppErrorCode, command);
      }
      await this.finish(em, command, 'FAILED', { errorCode: failure.code, ocppErrorCode: failure.ocppErrorCode, errorDescription: failure.message });
      await undoPrepared(this.app, em, command, { code: failure.code, message: failure.message });
      throw new CommandFailed(failure.code, failure.message, failure.ocppErrorCode, command);
    }
  }

  async finish(
    em: TenantEm,
    command: Command,
    status: CommandStatus,
    outcome: { response?: object; errorCode?: string; ocppErrorCode?: string; errorDescription?: string },
    alongside?: FinalStateWrite,
  ): Promise<void> {
    command.status = status;
    command.response = outcome.response ?? command.response ?? null;
    command.errorCode = outcome.errorCode ?? null;
    command.ocppErrorCode = outcome.ocppErrorCode ?? null;
    command.errorDescription = outcome.errorDescription ?? null;
    const final = status === 'COMPLETED' || status === 'FAILED' || status === 'EXPIRED';
    if (final) command.completedAt = clock.now();
    await this.stored(em, command, { alongside });
    if (final) commandOutcomes.inc({ action: command.action, status, error: command.errorCode ?? '' });
  }

  /**
   * Writes the command (inserted, or its row updated) with its COMMAND_UPDATED event, then publishes the
   * event; resolves once both are committed. Outside a transaction the write is group-committed: the
   * states of concurrent commands (any tenant) that arrive while a write is in flight go together in the
   * next statement (`writeBatch`). Inside the caller's transaction it is one statement of its own.
   * `alongside` (an `onResult` hook's rows) is written in the same statement.
   */
  async stored(em: TenantEm, command: Command, options: { insert?: boolean; alongside?: FinalStateWrite } = {}): Promise<void> {
    const tenantId = scopeTenant(em);
    if (command.tenantId !== tenantId) throw new Error(`command ${command.id} is not of this scope's tenant`);
    const write: CommandWrite = { insert: options.insert === true, row: options.insert === true ? commandRow(command) : commandUpdateRow(command), event: commandEvent(command), alongside: options.alongside };
    if (em.getTransactionContext()) {
      const statement = commandStatement([write]);
      this.app.outbox.committed(await withEvents(em, statement.ctes, statement.params, [write.event]));
      return;
    }
    await this.writer.submit(write);
  }

  private writerInstance: GroupCommit<CommandWrite, void> | undefined;

  private get writer(): GroupCommit<CommandWrite, void> {
    return (this.writerInstance ??= new GroupCommit<CommandWrite, void>((writes) => this.writeBatch(writes), {
      maxInFlight: 2,
      maxBatch: 500,
      maxWaiting: 20_000,
      splitOn: isDataError,
    }));
  }

  /**
   * One statement for a batch of command states and their events. Rows name their tenant (each was checked
   * against its caller's tenant scope in `stored`), so a batch may span tenants: the platform scope, as for
   * the other group-committed writers. A command is in at most one batch at a time (its caller waits).
   */
  private async writeBatch(writes: CommandWrite[]): Promise<void[]> {
    const statement = commandStatement(writes);
    this.app.outbox.committed(await withEvents(this.app.orm, statement.ctes, statement.params, writes.map((w) => w.event)));
    return writes.map(() => undefined);
  }
}

interface CommandWrite {
  insert: boolean;
  row: ReturnType<typeof commandRow> | ReturnType<typeof commandUpdateRow>;
  event: NewEvent;
  alongside?: FinalStateWrite;
}

/**
 * Inserts the new commands and updates the others: bind parameters `commandParams` (the inserted rows,
 * then the updated ones, as jsonb arrays of rows).
 */
const COMMAND_CTES = `inserted as (insert into command select * from jsonb_populate_recordset(null::command, ?::jsonb)),
     updated as (
       update command c
          set response = r.response, status = r.status, message_id = r.message_id, error_code = r.error_code,
              ocpp_error_code = r.ocpp_error_code, error_description = r.error_description, attempts = r.attempts,
              sent_at = r.sent_at, completed_at = r.completed_at
         from jsonb_populate_recordset(null::command, ?::jsonb) r
        where c.tenant_id = r.tenant_id and c.id = r.id
     )`;

function commandParams(writes: CommandWrite[]): string[] {
  return [JSON.stringify(writes.filter((w) => w.insert).map((w) => w.row)), JSON.stringify(writes.filter((w) => !w.insert).map((w) => w.row))];
}

/** The command states' CTEs and parameters, followed by each final-state writer's for the rows handed to it. */
function commandStatement(writes: CommandWrite[]): { ctes: string; params: unknown[] } {
  const rowsByWriter = new Map<FinalStateWriter<never>, never[]>();
  for (const { alongside } of writes) {
    if (!alongside) continue;
    const rows = rowsByWriter.get(alongside.writer);
    if (rows) rows.push(alongside.row as never);
    else rowsByWriter.set(alongside.writer, [alongside.row as never]);
  }
  let ctes = COMMAND_CTES;
  const params: unknown[] = commandParams(writes);
  for (const [writer, rows] of rowsByWriter) {
    ctes += `,\n     ${writer.ctes}`;
    params.push(...writer.params(rows));
  }
  return { ctes, params };
}

function commandEvent(command: Command): NewEvent {
  return { type: 'COMMAND_UPDATED', tenantId: command.tenantId, chargePointId: command.chargePointId, payload: commandView(command) };
}

/**
 * What COMMAND_CTES' update reads of a stored command's row: its key and the columns a state change sets
 * (the request, who made it and when it was scheduled never change, and are not sent again).
 */
function commandUpdateRow(c: Command) {
  return {
    id: c.id,
    tenant_id: c.tenantId,
    response: c.response ?? null,
    status: c.status,
    message_id: c.messageId ?? null,
    error_code: c.errorCode ?? null,
    ocpp_error_code: c.ocppErrorCode ?? null,
    error_description: c.errorDescription ?? null,
    attempts: c.attempts,
    sent_at: c.sentAt ?? null,
    completed_at: c.completedAt ?? null,
  };
}

/** The command as a row of its table (jsonb_populate_record's keys): the state columns and those set once. */
function commandRow(c: Command) {
  return {
    ...commandUpdateRow(c),
    charge_point_id: c.chargePointId,
    action: c.action,
    request: c.request,
    created_by_key_id: c.createdByKeyId ?? null,
    created_by_name: c.createdByName ?? null,
    scheduled_at: c.scheduledAt ?? null,
    retry_until: c.retryUntil ?? null,
    created_at: c.createdAt,
  };
}

/** A command's `onFailure` hook, for an attempt that got no answer; its own failure is only logged. */
export async function undoPrepared(app: AppContext, em: TenantEm, command: Command, failure: { code: string; message: string }): Promise<void> {
  if (!isCsmsAction(command.action)) return;
  const ctx = { app, em, tenantId: command.tenantId, chargePointId: command.chargePointId };
  await runOnFailure(ctx, command.action, command.request, failure).catch((error) => app.log.warn({ err: error, commandId: command.id }, 'command onFailure hook failed'));
}

async function runOnFailure<A extends CsmsAction>(ctx: CommandHookContext, action: A, request: object, failure: { code: string; message: string }): Promise<void> {
  // The stored request passed the action's schema before it was stored.
  await COMMAND_HOOKS[action]?.onFailure?.(ctx, request as OcppRequest<A>, failure);
}

export function toCommandFailed(error: unknown): CommandFailed | undefined {
  if (error instanceof CommandFailed) return error;
  if (error instanceof ChargePointOfflineError) return new CommandFailed('CHARGE_POINT_OFFLINE', error.message);
  if (error instanceof ChargePointTimeoutError) return new CommandFailed('CHARGE_POINT_TIMEOUT', error.message);
  if (error instanceof ChargePointCallError) return new CommandFailed('OCPP_CALL_ERROR', error.message, error.ocppErrorCode);
  return undefined;
}

/** How a command attempt failed, on its span. */
function commandErrorAttributes(error: unknown): Record<string, string> {
  const failure = toCommandFailed(error);
  return { 'qcharge.command.error': failure?.code ?? 'INTERNAL_SERVER_ERROR', ...(failure?.ocppErrorCode ? { 'ocpp.error_code': failure.ocppErrorCode } : {}) };
}

/** GraphQL hands absent optional fields over as null; OCPP wants them left out. */
function stripUndefined<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? {}, (_key, v) => (v === null ? undefined : v)));
}
