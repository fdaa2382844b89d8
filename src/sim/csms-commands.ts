import type { RPCClient } from 'ocpp-rpc';
import type { CsmsAction } from '../ocpp/actions';
import type { OcppRequest, OcppResponse } from '../ocpp/generated/ocpp16';
import type { SimulatedChargePoint } from './simulated-charge-point';
import { acceptsValue, WRITE_ONLY_KEYS } from './standard-configuration';

/** A simulated charge point's answer to one CSMS-initiated action, typed by that action's schemas. */
type Handler<A extends CsmsAction> = (cp: SimulatedChargePoint, params: OcppRequest<A>) => OcppResponse<A> | Promise<OcppResponse<A>>;

/** Runs `fn` just after the answer has gone out, as a charge point does for follow-up messages. */
function afterReply(fn: () => Promise<unknown> | unknown, delayMs = 100): void {
  setTimeout(() => void Promise.resolve(fn()).catch(() => undefined), delayMs);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function connectorExists(cp: SimulatedChargePoint, connectorId: number): boolean {
  return connectorId === 0 || cp.connectors.has(connectorId);
}

async function uploadDiagnostics(cp: SimulatedChargePoint, location: string, fileName: string): Promise<boolean> {
  if (!/^https?:/i.test(location)) return false;
  const url = location.endsWith('/') ? location + encodeURIComponent(fileName) : location;
  const body = `QCharge simulator diagnostics\ncharge point ${cp.options.identity}\ngenerated ${new Date().toISOString()}\n`;
  try {
    const res = await fetch(url, { method: 'PUT', body, headers: { 'content-type': 'text/plain' } });
    return res.ok;
  } catch {
    return false;
  }
}

/** Fetches an http(s) image (e.g. one the CSMS hosts); other schemes (ftp) are taken as downloaded. */
async function downloadFirmware(location: string): Promise<boolean> {
  if (!/^https?:/i.test(location)) return true;
  try {
    const res = await fetch(location);
    if (!res.ok) return false;
    return (await res.arrayBuffer()).byteLength > 0;
  } catch {
    return false;
  }
}

/** A sensible answer to every CSMS-initiated OCPP 1.6 action, with the follow-up messages a real charger sends. */
const COMMANDS: { [A in CsmsAction]?: Handler<A> } = {
  Reset(cp, { type }) {
    afterReply(() => cp.reboot(type === 'Hard' ? 'HardReset' : 'SoftReset'), 300);
    return { status: 'Accepted' };
  },

  RemoteStartTransaction(cp, { connectorId, idTag }) {
    const candidates = connectorId ? [connectorId] : [...cp.connectors.keys()];
    const free = candidates.find((id) => {
      const c = cp.connectors.get(id);
      return c && c.available && !c.session && (!c.reservation || c.reservation.idTag === idTag);
    });
    if (free === undefined) return { status: 'Rejected' };
    const authorize = cp.configuration.get('AuthorizeRemoteTxRequests')!.value === 'true';
    afterReply(() => cp.startSession(free, idTag, authorize));
    return { status: 'Accepted' };
  },

  RemoteStopTransaction(cp, { transactionId }) {
    for (const [connectorId, connector] of cp.connectors) {
      if (connector.session?.transactionId === transactionId) {
        afterReply(() => cp.stopSession(connectorId, 'Remote'));
        return { status: 'Accepted' };
      }
    }
    return { status: 'Rejected' };
  },

  ChangeConfiguration(cp, { key, value }) {
    const entry = cp.configuration.get(key);
    if (!entry) return { status: 'NotSupported' };
    if (entry.readonly || !acceptsValue(entry, value)) return { status: 'Rejected' };
    entry.value = value;
    if (key === 'HeartbeatInterval') cp.restartHeartbeat();
    // A new AuthorizationKey is the password of the next connection (security profile 1).
    if (key === 'AuthorizationKey') cp.options.password = Buffer.from(value, 'hex').toString('utf8');
    return { status: 'Accepted' };
  },

  GetConfiguration(cp, { key }: { key?: string[] }) {
    const wanted = key?.length ? key : [...cp.configuration.keys()].filter((k) => !WRITE_ONLY_KEYS.has(k));
    const configurationKey = [];
    const unknownKey = [];
    for (const name of wanted) {
      const entry = cp.configuration.get(name);
      if (!entry || WRITE_ONLY_KEYS.has(name)) unknownKey.push(name);
      else configurationKey.push({ key: name, readonly: entry.readonly, value: entry.value });
    }
    return { configurationKey, unknownKey };
  },

  ChangeAvailability(cp, { connectorId, type }) {
    const targets = connectorId === 0 ? [...cp.connectors.keys()] : [connectorId];
    if (!targets.every((id) => cp.connectors.has(id))) return { status: 'Rejected' };
    let scheduled = false;
    for (const id of targets) {
      const connector = cp.connectors.get(id)!;
      if (connector.session && type === 'Inoperative') {
        connector.pendingAvailability = true;
        scheduled = true;
        continue;
      }
      connector.available = type === 'Operative';
      afterReply(() => cp.sendStatus(id, connector.available ? 'Available' : 'Unavailable'));
    }
    if (connectorId === 0) afterReply(() => cp.sendStatus(0, type === 'Operative' ? 'Available' : 'Unavailable'));
    return { status: scheduled ? 'Scheduled' : 'Accepted' };
  },

  UnlockConnector(cp, { connectorId }) {
    if (!cp.connectors.has(connectorId)) return { status: 'NotSupported' };
    if (cp.connectors.get(connectorId)!.session) afterReply(() => cp.stopSession(connectorId, 'UnlockCommand'));
    return { status: 'Unlocked' };
  },

  ClearCache: () => ({ status: 'Accepted' }),

  DataTransfer: (_cp, { vendorId }) => ({ status: vendorId === 'QCharge' ? 'Accepted' : 'UnknownVendorId' }),

  SetChargingProfile(cp, { connectorId, csChargingProfiles }) {
    if (!connectorExists(cp, connectorId)) return { status: 'Rejected' };
    if (csChargingProfiles.chargingProfilePurpose === 'TxProfile' && !cp.connectors.get(connectorId)?.session) return { status: 'Rejected' };
    cp.chargingProfiles.set(csChargingProfiles.chargingProfileId, { connectorId, profile: csChargingProfiles });
    return { status: 'Accepted' };
  },

  ClearChargingProfile(cp, { id, connectorId, chargingProfilePurpose, stackLevel }) {
    let cleared = 0;
    for (const [profileId, { connectorId: on, profile }] of cp.chargingProfiles) {
      const matches =
        (id === undefined || id === profileId) &&
        (connectorId === undefined || connectorId === on) &&
        (chargingProfilePurpose === undefined || chargingProfilePurpose === profile.chargingProfilePurpose) &&
        (stackLevel === undefined || stackLevel === profile.stackLevel);
      if (matches) {
        cp.chargingProfiles.delete(profileId);
        cleared++;
      }
    }
    return { status: cleared > 0 ? 'Accepted' : 'Unknown' };
  },

  GetCompositeSchedule(cp, { connectorId, duration, chargingRateUnit }) {
    if (!connectorExists(cp, connectorId)) return { status: 'Rejected' };
    const profiles = [...cp.chargingProfiles.values()]
      .filter((p) => p.connectorId === connectorId || p.connectorId === 0)
      .map((p) => p.profile)
      .sort((a, b) => b.stackLevel - a.stackLevel);
    const top = profiles[0];
    if (!top) return { status: 'Accepted', connectorId, scheduleStart: new Date().toISOString() };
    const schedule = top.chargingSchedule;
    return {
      status: 'Accepted',
      connectorId,
      scheduleStart: new Date().toISOString(),
      chargingSchedule: {
        duration,
        chargingRateUnit: chargingRateUnit ?? schedule.chargingRateUnit,
        chargingSchedulePeriod: schedule.chargingSchedulePeriod.filter((p: { startPeriod: number }) => p.startPeriod < duration),
        ...(schedule.minChargingRate !== undefined ? { minChargingRate: schedule.minChargingRate } : {}),
      },
    };
  },

  SendLocalList(cp, { listVersion, localAuthorizationList = [], updateType }) {
    if (updateType === 'Differential' && listVersion <= cp.localList.version && cp.localList.version > 0) return { status: 'VersionMismatch' };
    if (updateType === 'Full') cp.localList.entries.clear();
    for (const entry of localAuthorizationList) {
      if (entry.idTagInfo) cp.localList.entries.set(entry.idTag, entry.idTagInfo);
      else cp.localList.entries.delete(entry.idTag);
    }
    cp.localList.version = listVersion;
    return { status: 'Accepted' };
  },

  GetLocalListVersion: (cp) => ({ listVersion: cp.localList.version }),

  ReserveNow(cp, { connectorId, expiryDate, idTag, reservationId }) {
    if (connectorId === 0) return { status: 'Accepted' };
    const connector = cp.connectors.get(connectorId);
    if (!connector) return { status: 'Rejected' };
    if (!connector.available) return { status: 'Unavailable' };
    if (connector.session) return { status: 'Occupied' };
    if (connector.reservation && connector.reservation.reservationId !== reservationId) return { status: 'Occupied' };
    if (connector.reservation) clearTimeout(connector.reservation.timer);
    const expiresInMs = Math.max(0, Date.parse(expiryDate) - Date.now());
    const timer = setTimeout(() => {
      if (connector.reservation?.reservationId !== reservationId) return;
      connector.reservation = undefined;
      void cp.sendStatus(connectorId, 'Available');
    }, Math.min(expiresInMs, 2 ** 31 - 1));
    timer.unref();
    connector.reservation = { reservationId, idTag, timer };
    afterReply(() => cp.sendStatus(connectorId, 'Reserved'));
    return { status: 'Accepted' };
  },

  CancelReservation(cp, { reservationId }) {
    for (const [connectorId, connector] of cp.connectors) {
      const reservation = connector.reservation;
      if (reservation && reservation.reservationId === reservationId) {
        clearTimeout(reservation.timer);
        connector.reservation = undefined;
        afterReply(() => cp.sendStatus(connectorId, 'Available'));
        return { status: 'Accepted' };
      }
    }
    return { status: 'Rejected' };
  },

  UpdateFirmware(cp, { location }) {
    afterReply(async () => {
      await cp.send('FirmwareStatusNotification', { status: 'Downloading' });
      await sleep(1000);
      if (!(await downloadFirmware(location))) {
        await cp.send('FirmwareStatusNotification', { status: 'DownloadFailed' });
        return;
      }
      await cp.send('FirmwareStatusNotification', { status: 'Downloaded' });
      await sleep(500);
      await cp.send('FirmwareStatusNotification', { status: 'Installing' });
      await sleep(500);
      await cp.reboot('Reboot');
      await cp.send('FirmwareStatusNotification', { status: 'Installed' });
    });
    return {};
  },

  GetDiagnostics(cp, { location }) {
    const fileName = `diagnostics-${cp.options.identity}-${Date.now()}.log`;
    afterReply(async () => {
      await cp.send('DiagnosticsStatusNotification', { status: 'Uploading' });
      const ok = await uploadDiagnostics(cp, location, fileName);
      await cp.send('DiagnosticsStatusNotification', { status: ok ? 'Uploaded' : 'UploadFailed' });
    });
    return { fileName };
  },

  TriggerMessage(cp, { requestedMessage, connectorId }) {
    if (connectorId !== undefined && !connectorExists(cp, connectorId)) return { status: 'Rejected' };
    const connectorIds = connectorId !== undefined ? [connectorId] : [0, ...cp.connectors.keys()];
    const follow: Record<string, () => Promise<unknown>> = {
      BootNotification: () => cp.send('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Simulator', firmwareVersion: '1.0.0' }),
      DiagnosticsStatusNotification: () => cp.send('DiagnosticsStatusNotification', { status: 'Idle' }),
      FirmwareStatusNotification: () => cp.send('FirmwareStatusNotification', { status: 'Idle' }),
      Heartbeat: () => cp.send('Heartbeat', {}),
      MeterValues: async () => {
        for (const id of connectorIds.filter((c) => c > 0)) {
          const transactionId = cp.connectors.get(id)?.session?.transactionId;
          await cp.send('MeterValues', { connectorId: id, ...(transactionId !== undefined ? { transactionId } : {}), meterValue: [cp.meterValue(id, 'Trigger')] });
        }
      },
      StatusNotification: async () => {
        for (const id of connectorIds) await cp.sendStatus(id, id === 0 ? 'Available' : cp.connectors.get(id)!.status);
      },
    };
    const send = follow[requestedMessage];
    if (!send) return { status: 'NotImplemented' };
    afterReply(send);
    return { status: 'Accepted' };
  },
};

export function registerCsmsCommands(cp: SimulatedChargePoint, client: RPCClient): void {
  for (const action of Object.keys(COMMANDS) as CsmsAction[]) registerCommand(cp, client, action);
}

function registerCommand<A extends CsmsAction>(cp: SimulatedChargePoint, client: RPCClient, action: A): void {
  const handler = COMMANDS[action];
  if (!handler) return;
  // ocpp-rpc in strict mode has checked the params against the action's schema.
  client.handle(action, async ({ params }) => (await handler(cp, (params ?? {}) as OcppRequest<A>)) as Record<string, unknown>);
}
