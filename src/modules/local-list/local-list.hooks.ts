import type { CommandHookRegistry } from '../command/command-hooks';
import { applyAcceptedList, checkLocalList, flagResync, nextListVersion, recordReportedVersion } from './local-list.service';

/** The CSMS picks the next list version and keeps its copy of each charge point's local list. */
export const localListHooks: CommandHookRegistry = {
  SendLocalList: {
    async prepare(ctx, request) {
      checkLocalList(request);
      return { ...request, listVersion: request.listVersion ?? (await nextListVersion(ctx.em, ctx.chargePointId)) };
    },
    async onResult(ctx, request, response) {
      if (response.status === 'Accepted') await applyAcceptedList(ctx.em, ctx.tenantId, ctx.chargePointId, request);
      else if (response.status === 'VersionMismatch' || response.status === 'Failed') {
        await flagResync(ctx.em, ctx.tenantId, ctx.chargePointId, `SendLocalList version ${request.listVersion} answered ${response.status}`);
      }
    },
  },
  GetLocalListVersion: {
    async onResult(ctx, _request, response) {
      await recordReportedVersion(ctx.em, ctx.tenantId, ctx.chargePointId, response.listVersion);
    },
  },
};
