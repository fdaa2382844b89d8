import type { CommandHookRegistry } from '../command/command-hooks';
import { BadInputError } from '../../platform/errors';
import { createFirmwareLocation } from './firmware-files.service';

/** UpdateFirmware of an image the CSMS hosts: firmwareFileId becomes a download URL of the charge point's own. */
export const firmwareHooks: CommandHookRegistry = {
  UpdateFirmware: {
    async prepare(ctx, request) {
      const { firmwareFileId, ...ocpp } = request;
      if (firmwareFileId === undefined) {
        if (!ocpp.location) throw new BadInputError('location or firmwareFileId is required', 'location');
        return { ...ocpp, location: ocpp.location };
      }
      if (ocpp.location) throw new BadInputError('give location or firmwareFileId, not both', 'firmwareFileId');
      return { ...ocpp, location: await createFirmwareLocation(ctx.app, ctx.em, ctx.tenantId, ctx.chargePointId, String(firmwareFileId), ocpp.retrieveDate) };
    },
  },
};
