import type { CommandHookRegistry } from '../command/command-hooks';
import { createUploadLocation, recordExpectedFileName } from './diagnostics.service';

/** GetDiagnostics without a location gets the CSMS's own one-time upload URL; other locations pass through untouched. */
export const diagnosticsHooks: CommandHookRegistry = {
  GetDiagnostics: {
    async prepare(ctx, request) {
      return { ...request, location: request.location || (await createUploadLocation(ctx.app, ctx.em, ctx.tenantId, ctx.chargePointId)) };
    },
    async onResult(ctx, request, response) {
      if (typeof response.fileName === 'string' && response.fileName) await recordExpectedFileName(ctx.app, ctx.em, request.location, response.fileName);
    },
  },
};
