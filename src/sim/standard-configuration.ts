/**
 * The configuration a simulated charge point keeps in memory: the OCPP 1.6 standard keys of the Core,
 * Local Auth List and Smart Charging profiles, including the 28 keys OCTT TC_019_1 expects.
 */
export interface ConfigEntry {
  value: string;
  readonly: boolean;
  kind: 'int' | 'bool' | 'csl' | 'string';
}

export function standardConfiguration(connectors: number): Map<string, ConfigEntry> {
  const rw = (value: string, kind: ConfigEntry['kind']): ConfigEntry => ({ value, readonly: false, kind });
  const ro = (value: string, kind: ConfigEntry['kind']): ConfigEntry => ({ value, readonly: true, kind });
  return new Map<string, ConfigEntry>([
    ['AuthorizeRemoteTxRequests', rw('false', 'bool')],
    ['ClockAlignedDataInterval', rw('0', 'int')],
    ['ConnectionTimeOut', rw('60', 'int')],
    ['ConnectorPhaseRotation', rw('0.RST,1.RST,2.RST', 'csl')],
    ['GetConfigurationMaxKeys', ro('50', 'int')],
    ['HeartbeatInterval', rw('300', 'int')],
    ['LocalAuthorizeOffline', rw('true', 'bool')],
    ['LocalPreAuthorize', rw('false', 'bool')],
    ['MeterValuesAlignedData', rw('Energy.Active.Import.Register', 'csl')],
    ['MeterValuesSampledData', rw('Energy.Active.Import.Register,Power.Active.Import,Current.Import', 'csl')],
    ['MeterValueSampleInterval', rw('10', 'int')],
    ['NumberOfConnectors', ro(String(connectors), 'int')],
    ['ResetRetries', rw('1', 'int')],
    ['StopTransactionOnEVSideDisconnect', rw('true', 'bool')],
    ['StopTransactionOnInvalidId', rw('true', 'bool')],
    ['StopTxnAlignedData', rw('', 'csl')],
    ['StopTxnSampledData', rw('Energy.Active.Import.Register', 'csl')],
    ['SupportedFeatureProfiles', ro('Core,FirmwareManagement,LocalAuthListManagement,Reservation,SmartCharging,RemoteTrigger', 'csl')],
    ['TransactionMessageAttempts', rw('3', 'int')],
    ['TransactionMessageRetryInterval', rw('60', 'int')],
    ['UnlockConnectorOnEVSideDisconnect', rw('true', 'bool')],
    ['LocalAuthListEnabled', rw('true', 'bool')],
    ['LocalAuthListMaxLength', ro('1000', 'int')],
    ['SendLocalListMaxLength', ro('100', 'int')],
    ['ChargeProfileMaxStackLevel', ro('10', 'int')],
    ['ChargingScheduleAllowedChargingRateUnit', ro('Current,Power', 'csl')],
    ['ChargingScheduleMaxPeriods', ro('24', 'int')],
    ['MaxChargingProfilesInstalled', ro('10', 'int')],
    ['AuthorizationKey', { value: '', readonly: false, kind: 'string' }],
  ]);
}

/** Whether `value` is acceptable for the key's kind; a charge point answers Rejected otherwise. */
export function acceptsValue(entry: ConfigEntry, value: string): boolean {
  if (entry.kind === 'int') return /^\d+$/.test(value);
  if (entry.kind === 'bool') return value === 'true' || value === 'false';
  return true;
}

/** AuthorizationKey is write-only: GetConfiguration never shows it. */
export const WRITE_ONLY_KEYS = new Set(['AuthorizationKey']);
