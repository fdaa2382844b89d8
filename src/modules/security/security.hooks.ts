import type { CommandHookRegistry } from '../command/command-hooks';
import { tenantSql, type TenantEm } from '../../platform/db';
import { BadInputError } from '../../platform/errors';
import { createUploadLocation, recordExpectedFileName } from '../diagnostics/diagnostics.service';
import { createFirmwareLocation } from '../firmware/firmware-files.service';

/** A requestId for GetLog / SignedUpdateFirmware left without one: unique across the CSMS. */
async function nextRequestId(em: TenantEm): Promise<number> {
  const [row] = await tenantSql<{ id: number }>(em, `select nextval('ocpp_request_id_seq')::int as id`, []);
  return row.id;
}

/**
 * GetLog without `log.remoteLocation` gets the CSMS's own one-time upload URL (as GetDiagnostics does);
 * SignedUpdateFirmware may name a hosted image (`firmwareFileId`) instead of `firmware.location`. Both get
 * a CSMS-assigned requestId when the caller leaves it out.
 */
export const securityHooks: CommandHookRegistry = {
  GetLog: {
    async prepare(ctx, request) {
      const remoteLocation = request.log.remoteLocation || (await createUploadLocation(ctx.app, ctx.em, ctx.tenantId, ctx.chargePointId));
      return { ...request, log: { ...request.log, remoteLocation }, requestId: request.requestId ?? (await nextRequestId(ctx.em)) };
    },
    async onResult(ctx, request, response) {
      if (typeof response.filename === 'string' && response.filename) await recordExpectedFileName(ctx.app, ctx.em, request.log.remoteLocation, response.filename);
    },
  },
  SignedUpdateFirmware: {
    async prepare(ctx, request) {
      const { firmwareFileId, ...ocpp } = request;
      const { firmware } = ocpp;
      let location: string;
      if (firmwareFileId === undefined) {
        if (!firmware.location) throw new BadInputError('firmware.location or firmwareFileId is required', 'firmware');
        location = firmware.location;
      } else {
        if (firmware.location) throw new BadInputError('give firmware.location or firmwareFileId, not both', 'firmwareFileId');
        location = await createFirmwareLocation(ctx.app, ctx.em, ctx.tenantId, ctx.chargePointId, String(firmwareFileId), firmware.retrieveDateTime);
      }
      return { ...ocpp, firmware: { ...firmware, location }, requestId: ocpp.requestId ?? (await nextRequestId(ctx.em)) };
    },
  },
};
