import type { AppContext } from '../../app-context';
import type { TenantEm } from '../../platform/db';
import type { CsmsAction } from '../../ocpp/actions';

export interface CommandHookContext {
  app: AppContext;
  em: TenantEm;
  tenantId: string;
  chargePointId: string;
}

/**
 * Per-action extension points of the command pipeline:
 * - `prepare` completes the request before it is stored and sent (CSMS-assigned ids, defaults);
 * - `onResult` keeps the CSMS's own view of the charge point in step with an answer;
 * - `onFailure` runs when an attempt gets no answer.
 * Profile modules register theirs in command-hooks.registry.ts.
 */
export interface CommandHooks {
  prepare?(ctx: CommandHookContext, request: Record<string, any>): Promise<Record<string, any>>;
  onResult?(ctx: CommandHookContext, request: Record<string, any>, response: Record<string, any>): Promise<void>;
  /** An attempt ended without an answer (offline, timeout, CALLERROR): undo what `prepare` promised. */
  onFailure?(ctx: CommandHookContext, request: Record<string, any>, failure: { code: string; message: string }): Promise<void>;
}

export type CommandHookRegistry = Partial<Record<CsmsAction, CommandHooks>>;
