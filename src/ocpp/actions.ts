/** OCPP 1.6 actions, split by who initiates them. */
export const CHARGE_POINT_ACTIONS = [
  'Authorize',
  'BootNotification',
  'DataTransfer',
  'DiagnosticsStatusNotification',
  'FirmwareStatusNotification',
  'Heartbeat',
  'MeterValues',
  'StartTransaction',
  'StatusNotification',
  'StopTransaction',
  // OCA "Improved security for OCPP 1.6-J"
  'LogStatusNotification',
  'SecurityEventNotification',
  'SignCertificate',
  'SignedFirmwareStatusNotification',
] as const;

export const CSMS_ACTIONS = [
  'CancelReservation',
  'ChangeAvailability',
  'ChangeConfiguration',
  'ClearCache',
  'ClearChargingProfile',
  'DataTransfer',
  'GetCompositeSchedule',
  'GetConfiguration',
  'GetDiagnostics',
  'GetLocalListVersion',
  'RemoteStartTransaction',
  'RemoteStopTransaction',
  'ReserveNow',
  'Reset',
  'SendLocalList',
  'SetChargingProfile',
  'TriggerMessage',
  'UnlockConnector',
  'UpdateFirmware',
  // OCA "Improved security for OCPP 1.6-J"
  'CertificateSigned',
  'DeleteCertificate',
  'ExtendedTriggerMessage',
  'GetInstalledCertificateIds',
  'GetLog',
  'InstallCertificate',
  'SignedUpdateFirmware',
] as const;

export type ChargePointAction = (typeof CHARGE_POINT_ACTIONS)[number];
export type CsmsAction = (typeof CSMS_ACTIONS)[number];

export function isChargePointAction(action: string): action is ChargePointAction {
  return (CHARGE_POINT_ACTIONS as readonly string[]).includes(action);
}

export function isCsmsAction(action: string): action is CsmsAction {
  return (CSMS_ACTIONS as readonly string[]).includes(action);
}
