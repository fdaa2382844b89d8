import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import type { GraphQLContext } from '../../api/context';
import type { MutationResolvers } from '../../api/generated/graphql';
import type { CsmsAction } from '../../ocpp/actions';
import { commandView } from './command.service';

type Payload = Record<string, unknown>;

interface CommandMutation {
  action: CsmsAction;
  /** Payload fields the CSMS decided (command hooks complete them in `prepare`), read back from the stored request. */
  fromRequest?: (request: Record<string, any>) => Payload;
}

/**
 * One GraphQL mutation per CSMS-initiated OCPP action. The input minus `chargePointId` and `schedule` is
 * the OCPP request; the payload is the OCPP response plus `messageId` and the recorded command.
 */
export const OCPP_COMMAND_MUTATIONS = {
  cancelReservation: { action: 'CancelReservation' },
  changeAvailability: { action: 'ChangeAvailability' },
  changeConfiguration: { action: 'ChangeConfiguration' },
  clearCache: { action: 'ClearCache' },
  clearChargingProfile: { action: 'ClearChargingProfile' },
  dataTransfer: { action: 'DataTransfer' },
  getCompositeSchedule: { action: 'GetCompositeSchedule' },
  getConfiguration: { action: 'GetConfiguration' },
  getDiagnostics: { action: 'GetDiagnostics', fromRequest: (r) => ({ location: r.location ?? null }) },
  getLocalListVersion: { action: 'GetLocalListVersion' },
  remoteStartTransaction: { action: 'RemoteStartTransaction' },
  remoteStopTransaction: { action: 'RemoteStopTransaction' },
  reserveNow: { action: 'ReserveNow', fromRequest: (r) => ({ reservationId: r.reservationId }) },
  reset: { action: 'Reset' },
  sendLocalList: { action: 'SendLocalList', fromRequest: (r) => ({ listVersion: r.listVersion }) },
  setChargingProfile: { action: 'SetChargingProfile', fromRequest: (r) => ({ chargingProfileId: r.csChargingProfiles?.chargingProfileId }) },
  triggerMessage: { action: 'TriggerMessage' },
  unlockConnector: { action: 'UnlockConnector' },
  updateFirmware: { action: 'UpdateFirmware', fromRequest: (r) => ({ location: r.location ?? null }) },
  // OCA security extension
  certificateSigned: { action: 'CertificateSigned' },
  deleteCertificate: { action: 'DeleteCertificate' },
  extendedTriggerMessage: { action: 'ExtendedTriggerMessage' },
  getInstalledCertificateIds: { action: 'GetInstalledCertificateIds' },
  getLog: { action: 'GetLog', fromRequest: (r) => ({ requestId: r.requestId, remoteLocation: r.log?.remoteLocation ?? null }) },
  installCertificate: { action: 'InstallCertificate' },
  signedUpdateFirmware: { action: 'SignedUpdateFirmware', fromRequest: (r) => ({ requestId: r.requestId, location: r.firmware?.location ?? null }) },
} satisfies Partial<Record<keyof MutationResolvers, CommandMutation>>;

// Every CSMS action has a mutation: this line stops compiling when one is missing from the table.
type Unmapped = Exclude<CsmsAction, (typeof OCPP_COMMAND_MUTATIONS)[keyof typeof OCPP_COMMAND_MUTATIONS]['action']>;
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a compile-time check, never read
const EVERY_CSMS_ACTION_MAPPED: [Unmapped] extends [never] ? true : Unmapped = true;

/** GraphQL input to OCPP JSON: DateTimes as ISO strings, nulls (left-out optionals) dropped. */
export function toOcppRequest(value: unknown): any {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toOcppRequest);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) if (field != null) out[key] = toOcppRequest(field);
    return out;
  }
  return value;
}

export interface CommandInput {
  chargePointId: string;
  schedule?: { at?: Date | null; retryUntil?: Date | null } | null;
  [field: string]: unknown;
}

/** Sends (or queues) one command for the calling key's tenant and shapes the mutation payload. */
export async function runCommand(ctx: GraphQLContext, spec: CommandMutation, input: CommandInput): Promise<Payload> {
  const { em, tenantId, actor } = tenantScope(ctx);
  const { chargePointId, schedule, ...fields } = input;
  const { command, response } = await ctx.app.commands.create(em, {
    tenantId,
    chargePointId,
    action: spec.action,
    request: toOcppRequest(fields),
    actor,
    schedule: schedule ? { at: schedule.at ?? null, retryUntil: schedule.retryUntil ?? null } : null,
  });
  return {
    messageId: command.messageId ?? null,
    ...(response ?? {}),
    ...(spec.fromRequest?.(command.request) ?? {}),
    command: commandView(command),
  };
}

const mutations: Record<string, unknown> = {};
for (const [name, spec] of Object.entries(OCPP_COMMAND_MUTATIONS)) {
  mutations[name] = (_parent: unknown, args: { input: CommandInput }, ctx: GraphQLContext) => runCommand(ctx, spec, args.input);
}

export const ocppCommandApi: ApiModule = {
  permissions: Object.fromEntries(Object.keys(OCPP_COMMAND_MUTATIONS).map((name) => [`Mutation.${name}`, 'operate'])),
  resolvers: { Mutation: mutations as MutationResolvers },
};
