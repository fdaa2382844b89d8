import type { CommandHookRegistry } from '../command/command-hooks';
import { clearProfiles, nextChargingProfileId, storeAcceptedProfile } from './smart-charging.service';

/** The CSMS assigns chargingProfileIds left out, and keeps the profiles the charge point accepted. */
export const smartChargingHooks: CommandHookRegistry = {
  SetChargingProfile: {
    async prepare(ctx, request) {
      const profile = request.csChargingProfiles;
      return { ...request, csChargingProfiles: { ...profile, chargingProfileId: profile.chargingProfileId ?? (await nextChargingProfileId(ctx.em)) } };
    },
    async onResult(ctx, request, response) {
      if (response.status !== 'Accepted') return;
      await storeAcceptedProfile(ctx.em, ctx.tenantId, ctx.chargePointId, request.connectorId, request.csChargingProfiles);
    },
  },
  ClearChargingProfile: {
    async onResult(ctx, request, response) {
      if (response.status !== 'Accepted') return;
      await clearProfiles(ctx.em, ctx.tenantId, ctx.chargePointId, request);
    },
  },
  RemoteStartTransaction: {
    // OCPP requires chargingProfileId on the TxProfile; the API lets it be left out.
    async prepare(ctx, request) {
      const { chargingProfile: profile, ...rest } = request;
      if (!profile) return rest;
      return { ...rest, chargingProfile: { ...profile, chargingProfileId: profile.chargingProfileId ?? (await nextChargingProfileId(ctx.em)) } };
    },
    // Kept like a SetChargingProfile's, waiting for the transaction the charge point is about to start.
    async onResult(ctx, request, response) {
      if (response.status !== 'Accepted' || !request.chargingProfile) return;
      await storeAcceptedProfile(ctx.em, ctx.tenantId, ctx.chargePointId, request.connectorId ?? 0, request.chargingProfile, { pendingIdTag: request.idTag });
    },
  },
};
