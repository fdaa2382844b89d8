import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import type { GraphQLContext } from '../../api/context';
import type { CommandSchedule, InputMaybe, MutationResolvers } from '../../api/generated/graphql';
import type { CsmsAction } from '../../ocpp/actions';
import type { OcppRequest, OcppResponse } from '../../ocpp/generated/ocpp16';
import type { CommandDraft } from './command-hooks';
import { commandView } from './command.service';

/** What GraphQL hands over for an OCPP request's fields: DateTimes as Date, left-out optionals as null. */
type GraphQLInput<T> = T extends string
  ? T | Date
  : T extends Array<infer Item>
    ? Array<GraphQLInput<Item>>
    : T extends object
      ? { [K in keyof T]: undefined extends T[K] ? GraphQLInput<Exclude<T[K], undefined>> | null | undefined : GraphQLInput<T[K]> }
      : T;

interface CommandTarget {
  chargePointId: string;
  schedule?: InputMaybe<CommandSchedule>;
}

/** A command mutation's input: whom to send it to, when, and the request (see CommandDraft). */
type CommandInput<A extends CsmsAction> = CommandTarget & GraphQLInput<CommandDraft<A>>;

/** GraphQL input to OCPP JSON: the target left out, DateTimes as ISO strings, nulls (left-out optionals) dropped. */
function toOcppRequest<T>(input: CommandTarget & GraphQLInput<T>): T {
  const { chargePointId: _chargePointId, schedule: _schedule, ...fields } = input;
  return toOcppJson(fields) as T;
}

function toOcppJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toOcppJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) if (field != null) out[key] = toOcppJson(field);
    return out;
  }
  return value;
}

type CommandPayload<A extends CsmsAction, Decided> = { messageId: string | null; command: ReturnType<typeof commandView> } & Partial<OcppResponse<A>> & Decided;
type CommandResolver<A extends CsmsAction, Decided> = ((parent: unknown, args: { input: CommandInput<A> }, ctx: GraphQLContext) => Promise<CommandPayload<A, Decided>>) & { action: A };

/**
 * The mutation that sends one CSMS-initiated OCPP action. Its input minus `chargePointId` and `schedule` is
 * the OCPP request (as `prepare` takes it); its payload is the OCPP response plus `messageId`, the recorded
 * command and what `fromRequest` reads back from the stored request (fields the CSMS decided).
 */
function command<A extends CsmsAction>(action: A): CommandResolver<A, object>;
function command<A extends CsmsAction, Decided extends object>(action: A, fromRequest: (request: OcppRequest<A>) => Decided): CommandResolver<A, Decided>;
function command<A extends CsmsAction, Decided extends object>(action: A, fromRequest?: (request: OcppRequest<A>) => Decided): CommandResolver<A, Partial<Decided>> {
  const resolve = async (_parent: unknown, { input }: { input: CommandInput<A> }, ctx: GraphQLContext) => {
    const { em, tenantId, actor } = tenantScope(ctx);
    const { chargePointId, schedule } = input;
    const { command: sent, response } = await ctx.app.commands.create(em, {
      tenantId,
      chargePointId,
      action,
      request: toOcppRequest<CommandDraft<A>>(input),
      actor,
      schedule: schedule ? { at: schedule.at ?? null, retryUntil: schedule.retryUntil ?? null } : null,
    });
    const answer: Partial<OcppResponse<A>> = response ?? {};
    // The stored request passed the action's schema before it was stored.
    const decided: Partial<Decided> = fromRequest?.(sent.request as OcppRequest<A>) ?? {};
    return { messageId: sent.messageId ?? null, ...answer, ...decided, command: commandView(sent) };
  };
  return Object.assign(resolve, { action });
}

/** One GraphQL mutation per CSMS-initiated OCPP action, each checked against the schema's input and payload types. */
const OCPP_COMMAND_MUTATIONS = {
  cancelReservation: command('CancelReservation'),
  changeAvailability: command('ChangeAvailability'),
  changeConfiguration: command('ChangeConfiguration'),
  clearCache: command('ClearCache'),
  clearChargingProfile: command('ClearChargingProfile'),
  dataTransfer: command('DataTransfer'),
  getCompositeSchedule: command('GetCompositeSchedule'),
  getConfiguration: command('GetConfiguration'),
  getDiagnostics: command('GetDiagnostics', (r) => ({ location: r.location })),
  getLocalListVersion: command('GetLocalListVersion'),
  remoteStartTransaction: command('RemoteStartTransaction'),
  remoteStopTransaction: command('RemoteStopTransaction'),
  reserveNow: command('ReserveNow', (r) => ({ reservationId: r.reservationId })),
  reset: command('Reset'),
  sendLocalList: command('SendLocalList', (r) => ({ listVersion: r.listVersion })),
  setChargingProfile: command('SetChargingProfile', (r) => ({ chargingProfileId: r.csChargingProfiles.chargingProfileId })),
  triggerMessage: command('TriggerMessage'),
  unlockConnector: command('UnlockConnector'),
  updateFirmware: command('UpdateFirmware', (r) => ({ location: r.location })),
  // OCA security extension
  certificateSigned: command('CertificateSigned'),
  deleteCertificate: command('DeleteCertificate'),
  extendedTriggerMessage: command('ExtendedTriggerMessage'),
  getInstalledCertificateIds: command('GetInstalledCertificateIds'),
  getLog: command('GetLog', (r) => ({ requestId: r.requestId, remoteLocation: r.log.remoteLocation })),
  installCertificate: command('InstallCertificate'),
  signedUpdateFirmware: command('SignedUpdateFirmware', (r) => ({ requestId: r.requestId, location: r.firmware.location })),
} satisfies MutationResolvers;

// Every CSMS action has a mutation: this line stops compiling when one is missing from the table.
type Unmapped = Exclude<CsmsAction, (typeof OCPP_COMMAND_MUTATIONS)[keyof typeof OCPP_COMMAND_MUTATIONS]['action']>;
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a compile-time check, never read
const EVERY_CSMS_ACTION_MAPPED: [Unmapped] extends [never] ? true : Unmapped = true;

export const ocppCommandApi: ApiModule = {
  permissions: Object.fromEntries(Object.keys(OCPP_COMMAND_MUTATIONS).map((name) => [`Mutation.${name}`, 'operate'])),
  resolvers: { Mutation: OCPP_COMMAND_MUTATIONS },
};
