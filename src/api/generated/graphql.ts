/* eslint-disable */
// GENERATED FILE: do not edit. Source: schema.graphql; regenerate with `npm run codegen`.
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Tenant as TenantModel } from '../../modules/tenant/tenant.entity';
import type { ApiKey as ApiKeyModel } from '../../modules/tenant/api-key.entity';
import type { ChargePoint as ChargePointModel } from '../../modules/charge-point/charge-point.entity';
import type { ConnectorParent as ConnectorParentModel, TransactionParent as TransactionParentModel, CommandParent as CommandParentModel } from '../models';
import type { ConfigurationKey as ConfigurationKeyModel } from '../../modules/charge-point/configuration-key.entity';
import type { IdTag as IdTagModel } from '../../modules/authorization/id-tag.entity';
import type { MeterValue as MeterValueModel } from '../../modules/transaction/meter-value.entity';
import type { GraphQLContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An RFC 3339 date-time string, always answered in UTC. */
  DateTime: { input: Date; output: Date | string; }
  /** Any JSON value (OCPP payloads). */
  JSON: { input: unknown; output: unknown; }
};

export type ApiKey = {
  __typename?: 'ApiKey';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  role: Role;
};

export type ApiKeyConnection = {
  __typename?: 'ApiKeyConnection';
  edges: Array<ApiKeyEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ApiKeyEdge = {
  __typename?: 'ApiKeyEdge';
  cursor: Scalars['String']['output'];
  node: ApiKey;
};

export type AuthorizationDataInput = {
  idTag: Scalars['String']['input'];
  idTagInfo?: InputMaybe<IdTagInfoInput>;
};

export type AuthorizationStatus =
  | 'Accepted'
  | 'Blocked'
  | 'ConcurrentTx'
  | 'Expired'
  | 'Invalid';

export type AvailabilityType =
  | 'Inoperative'
  | 'Operative';

export type CancelReservationInput = {
  chargePointId: Scalars['ID']['input'];
  reservationId: Scalars['Int']['input'];
  schedule?: InputMaybe<CommandSchedule>;
};

export type CancelReservationPayload = {
  __typename?: 'CancelReservationPayload';
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type CertificateAuthority = {
  __typename?: 'CertificateAuthority';
  /** PEM. */
  certificate: Scalars['String']['output'];
  fingerprintSha256: Scalars['String']['output'];
  notAfter: Scalars['DateTime']['output'];
};

export type CertificateHashData = {
  __typename?: 'CertificateHashData';
  hashAlgorithm: HashAlgorithm;
  issuerKeyHash: Scalars['String']['output'];
  issuerNameHash: Scalars['String']['output'];
  serialNumber: Scalars['String']['output'];
};

export type CertificateHashDataInput = {
  hashAlgorithm: HashAlgorithm;
  issuerKeyHash: Scalars['String']['input'];
  issuerNameHash: Scalars['String']['input'];
  serialNumber: Scalars['String']['input'];
};

export type CertificateSignedInput = {
  /** PEM chain, the charge point certificate first. */
  certificateChain: Scalars['String']['input'];
  chargePointId: Scalars['ID']['input'];
  schedule?: InputMaybe<CommandSchedule>;
};

export type CertificateSignedPayload = {
  __typename?: 'CertificateSignedPayload';
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type CertificateUse =
  | 'CentralSystemRootCertificate'
  | 'ManufacturerRootCertificate';

export type ChangeAvailabilityInput = {
  chargePointId: Scalars['ID']['input'];
  connectorId: Scalars['Int']['input'];
  schedule?: InputMaybe<CommandSchedule>;
  type: AvailabilityType;
};

export type ChangeAvailabilityPayload = {
  __typename?: 'ChangeAvailabilityPayload';
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type ChangeConfigurationInput = {
  chargePointId: Scalars['ID']['input'];
  key: Scalars['String']['input'];
  schedule?: InputMaybe<CommandSchedule>;
  value: Scalars['String']['input'];
};

export type ChangeConfigurationPayload = {
  __typename?: 'ChangeConfigurationPayload';
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type ChargePoint = {
  __typename?: 'ChargePoint';
  chargeBoxSerialNumber?: Maybe<Scalars['String']['output']>;
  /** Deviations repaired for this charge point (from its next connection); empty: strict validation. */
  compatibility: Array<Quirk>;
  /** Configuration values read back from the charge point (GetConfiguration, accepted ChangeConfiguration). */
  configuration: Array<ConfigurationKey>;
  connected: Scalars['Boolean']['output'];
  /** The last known status of each connector; with freshOnly, only those not stale. */
  connectors: Array<Connector>;
  createdAt: Scalars['DateTime']['output'];
  diagnosticsStatus?: Maybe<Scalars['String']['output']>;
  /** The latest FirmwareStatusNotification or SignedFirmwareStatusNotification status (InvalidSignature, SignatureVerified, ...). */
  firmwareStatus?: Maybe<Scalars['String']['output']>;
  firmwareVersion?: Maybe<Scalars['String']['output']>;
  iccid?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  imsi?: Maybe<Scalars['String']['output']>;
  lastBootAt?: Maybe<Scalars['DateTime']['output']>;
  lastHeartbeatAt?: Maybe<Scalars['DateTime']['output']>;
  lastSeenAt?: Maybe<Scalars['DateTime']['output']>;
  localListVersion?: Maybe<Scalars['Int']['output']>;
  /** The latest LogStatusNotification. */
  logStatus?: Maybe<LogStatus>;
  meterSerialNumber?: Maybe<Scalars['String']['output']>;
  meterType?: Maybe<Scalars['String']['output']>;
  model?: Maybe<Scalars['String']['output']>;
  quirkRepairs: Array<QuirkRepairCount>;
  registrationStatus: RegistrationStatus;
  /** The lowest OCPP security profile accepted from it: 1 Basic auth, 2 Basic auth over TLS, 3 TLS client certificate. */
  securityProfile: Scalars['Int']['output'];
  serialNumber?: Maybe<Scalars['String']['output']>;
  uploadProtocol: UploadProtocol;
  vendor?: Maybe<Scalars['String']['output']>;
};


export type ChargePointConnectorsArgs = {
  freshOnly?: InputMaybe<Scalars['Boolean']['input']>;
};

export type ChargePointCertificate = {
  __typename?: 'ChargePointCertificate';
  fingerprintSha256: Scalars['String']['output'];
  notAfter: Scalars['DateTime']['output'];
  notBefore: Scalars['DateTime']['output'];
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Lower-case hex without leading zeros. */
  serialNumber: Scalars['String']['output'];
};

export type ChargePointCertificateConnection = {
  __typename?: 'ChargePointCertificateConnection';
  edges: Array<ChargePointCertificateEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ChargePointCertificateEdge = {
  __typename?: 'ChargePointCertificateEdge';
  cursor: Scalars['String']['output'];
  node: ChargePointCertificate;
};

export type ChargePointConnection = {
  __typename?: 'ChargePointConnection';
  edges: Array<ChargePointEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ChargePointConnectionEvent = {
  __typename?: 'ChargePointConnectionEvent';
  at: Scalars['DateTime']['output'];
  chargePointId: Scalars['ID']['output'];
  connected: Scalars['Boolean']['output'];
};

export type ChargePointEdge = {
  __typename?: 'ChargePointEdge';
  cursor: Scalars['String']['output'];
  node: ChargePoint;
};

/** What one running session may draw now under its group's limit (the TxProfile the CSMS sends it). */
export type ChargingAllocation = {
  __typename?: 'ChargingAllocation';
  chargePointId: Scalars['ID']['output'];
  connectorId: Scalars['Int']['output'];
  /** Amperes. 0 when the group cannot give this session the 6 A minimum. */
  limit: Scalars['Float']['output'];
  transactionId: Scalars['Int']['output'];
};

/** Charge points sharing one site limit; the CSMS sends TxProfiles so their sessions together stay under it. */
export type ChargingGroup = {
  __typename?: 'ChargingGroup';
  /** Sessions now running on the group's charge points. */
  activeTransactions: Scalars['Int']['output'];
  allocations: Array<ChargingAllocation>;
  chargePointIds: Array<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  /** Amperes (per phase) for the whole group. */
  maxCurrent: Scalars['Float']['output'];
  name: Scalars['String']['output'];
};

export type ChargingGroupConnection = {
  __typename?: 'ChargingGroupConnection';
  edges: Array<ChargingGroupEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ChargingGroupEdge = {
  __typename?: 'ChargingGroupEdge';
  cursor: Scalars['String']['output'];
  node: ChargingGroup;
};

export type ChargingProfile = {
  __typename?: 'ChargingProfile';
  chargePointId: Scalars['ID']['output'];
  chargingProfileId: Scalars['Int']['output'];
  chargingProfileKind: ChargingProfileKindType;
  chargingProfilePurpose: ChargingProfilePurposeType;
  chargingSchedule: ChargingSchedule;
  connectorId: Scalars['Int']['output'];
  recurrencyKind?: Maybe<RecurrencyKindType>;
  stackLevel: Scalars['Int']['output'];
  transactionId?: Maybe<Scalars['Int']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  validFrom?: Maybe<Scalars['DateTime']['output']>;
  validTo?: Maybe<Scalars['DateTime']['output']>;
};

export type ChargingProfileConnection = {
  __typename?: 'ChargingProfileConnection';
  edges: Array<ChargingProfileEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ChargingProfileEdge = {
  __typename?: 'ChargingProfileEdge';
  cursor: Scalars['String']['output'];
  node: ChargingProfile;
};

export type ChargingProfileInput = {
  /** Left out: the CSMS assigns one. */
  chargingProfileId?: InputMaybe<Scalars['Int']['input']>;
  chargingProfileKind: ChargingProfileKindType;
  chargingProfilePurpose: ChargingProfilePurposeType;
  chargingSchedule: ChargingScheduleInput;
  recurrencyKind?: InputMaybe<RecurrencyKindType>;
  stackLevel: Scalars['Int']['input'];
  transactionId?: InputMaybe<Scalars['Int']['input']>;
  validFrom?: InputMaybe<Scalars['DateTime']['input']>;
  validTo?: InputMaybe<Scalars['DateTime']['input']>;
};

export type ChargingProfileKindType =
  | 'Absolute'
  | 'Recurring'
  | 'Relative';

export type ChargingProfilePurposeType =
  | 'ChargePointMaxProfile'
  | 'TxDefaultProfile'
  | 'TxProfile';

export type ChargingRateUnitType =
  | 'A'
  | 'W';

export type ChargingSchedule = {
  __typename?: 'ChargingSchedule';
  chargingRateUnit: ChargingRateUnitType;
  chargingSchedulePeriod: Array<ChargingSchedulePeriod>;
  duration?: Maybe<Scalars['Int']['output']>;
  minChargingRate?: Maybe<Scalars['Float']['output']>;
  startSchedule?: Maybe<Scalars['DateTime']['output']>;
};

export type ChargingScheduleInput = {
  chargingRateUnit: ChargingRateUnitType;
  chargingSchedulePeriod: Array<ChargingSchedulePeriodInput>;
  duration?: InputMaybe<Scalars['Int']['input']>;
  minChargingRate?: InputMaybe<Scalars['Float']['input']>;
  startSchedule?: InputMaybe<Scalars['DateTime']['input']>;
};

export type ChargingSchedulePeriod = {
  __typename?: 'ChargingSchedulePeriod';
  limit: Scalars['Float']['output'];
  numberPhases?: Maybe<Scalars['Int']['output']>;
  startPeriod: Scalars['Int']['output'];
};

export type ChargingSchedulePeriodInput = {
  limit: Scalars['Float']['input'];
  numberPhases?: InputMaybe<Scalars['Int']['input']>;
  startPeriod: Scalars['Int']['input'];
};

export type ClearCacheInput = {
  chargePointId: Scalars['ID']['input'];
  schedule?: InputMaybe<CommandSchedule>;
};

export type ClearCachePayload = {
  __typename?: 'ClearCachePayload';
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type ClearChargingProfileInput = {
  chargePointId: Scalars['ID']['input'];
  chargingProfilePurpose?: InputMaybe<ChargingProfilePurposeType>;
  connectorId?: InputMaybe<Scalars['Int']['input']>;
  id?: InputMaybe<Scalars['Int']['input']>;
  schedule?: InputMaybe<CommandSchedule>;
  stackLevel?: InputMaybe<Scalars['Int']['input']>;
};

export type ClearChargingProfilePayload = {
  __typename?: 'ClearChargingProfilePayload';
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type Command = {
  __typename?: 'Command';
  action: Scalars['String']['output'];
  attempts: Scalars['Int']['output'];
  chargePointId: Scalars['ID']['output'];
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** Name of the API key that issued the command. */
  createdBy?: Maybe<Scalars['String']['output']>;
  /** Contract error code of the last failed attempt (CHARGE_POINT_OFFLINE, ...). */
  errorCode?: Maybe<Scalars['String']['output']>;
  errorDescription?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** OCPP uniqueId of the CALL last sent for this command. */
  messageId?: Maybe<Scalars['String']['output']>;
  ocppErrorCode?: Maybe<Scalars['String']['output']>;
  request: Scalars['JSON']['output'];
  response?: Maybe<Scalars['JSON']['output']>;
  retryUntil?: Maybe<Scalars['DateTime']['output']>;
  scheduledAt?: Maybe<Scalars['DateTime']['output']>;
  sentAt?: Maybe<Scalars['DateTime']['output']>;
  status: CommandStatus;
};

export type CommandConnection = {
  __typename?: 'CommandConnection';
  edges: Array<CommandEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type CommandEdge = {
  __typename?: 'CommandEdge';
  cursor: Scalars['String']['output'];
  node: Command;
};

export type CommandFilter = {
  chargePointId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<CommandStatus>;
};

/** Queue the command instead of waiting for the answer: sent at `at` (or now), retried until `retryUntil`. */
export type CommandSchedule = {
  at?: InputMaybe<Scalars['DateTime']['input']>;
  retryUntil?: InputMaybe<Scalars['DateTime']['input']>;
};

export type CommandStatus =
  | 'COMPLETED'
  | 'EXPIRED'
  | 'FAILED'
  | 'QUEUED'
  | 'SENT';

export type ConfigurationKey = {
  __typename?: 'ConfigurationKey';
  key: Scalars['String']['output'];
  readonly: Scalars['Boolean']['output'];
  value?: Maybe<Scalars['String']['output']>;
};

export type Connector = {
  __typename?: 'Connector';
  connectorId: Scalars['Int']['output'];
  errorCode: Scalars['String']['output'];
  info?: Maybe<Scalars['String']['output']>;
  /** The status is only the last one known: the charge point is not connected, or rebooted since it sent it. */
  stale: Scalars['Boolean']['output'];
  status: Scalars['String']['output'];
  /** Seconds since the CSMS received the status (updatedAt). */
  statusAgeSeconds: Scalars['Int']['output'];
  /** The charge point's own time of the StatusNotification, when it sent one. */
  timestamp?: Maybe<Scalars['DateTime']['output']>;
  /** When the CSMS received the status. */
  updatedAt: Scalars['DateTime']['output'];
  vendorErrorCode?: Maybe<Scalars['String']['output']>;
  vendorId?: Maybe<Scalars['String']['output']>;
};

export type ConnectorStatusEvent = {
  __typename?: 'ConnectorStatusEvent';
  chargePointId: Scalars['ID']['output'];
  connectorId: Scalars['Int']['output'];
  errorCode: Scalars['String']['output'];
  info?: Maybe<Scalars['String']['output']>;
  status: Scalars['String']['output'];
  timestamp?: Maybe<Scalars['DateTime']['output']>;
  vendorErrorCode?: Maybe<Scalars['String']['output']>;
  vendorId?: Maybe<Scalars['String']['output']>;
};

export type CreateApiKeyInput = {
  name: Scalars['String']['input'];
  role: Role;
};

export type CreateApiKeyPayload = {
  __typename?: 'CreateApiKeyPayload';
  apiKey: ApiKey;
  /** The key's secret, for `Authorization: Bearer`. Shown once. */
  secret: Scalars['String']['output'];
};

export type CreateChargePointInput = {
  compatibility?: InputMaybe<Array<Quirk>>;
  /** Let the CSMS generate the password (40 hex characters), returned once in the payload. Not with `password`. */
  generatePassword?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
  /** 16 to 40 bytes (OCPP AuthorizationKey). Without one the charge point connects without credentials. */
  password?: InputMaybe<Scalars['String']['input']>;
  registrationStatus?: InputMaybe<RegistrationStatus>;
  /** 1, 2 or 3: the lowest security profile the CSMS accepts from it. */
  securityProfile?: InputMaybe<Scalars['Int']['input']>;
  uploadProtocol?: InputMaybe<UploadProtocol>;
};

export type CreateChargePointPayload = {
  __typename?: 'CreateChargePointPayload';
  chargePoint: ChargePoint;
  /** The generated password when `generatePassword` was set, shown once; otherwise null. */
  password?: Maybe<Scalars['String']['output']>;
};

export type CreateChargingGroupInput = {
  /** A charge point belongs to at most one group. */
  chargePointIds: Array<Scalars['ID']['input']>;
  maxCurrent: Scalars['Float']['input'];
  name: Scalars['String']['input'];
};

export type CreateChargingGroupPayload = {
  __typename?: 'CreateChargingGroupPayload';
  chargingGroup: ChargingGroup;
};

export type CreateTenantInput = {
  name: Scalars['String']['input'];
  slug: Scalars['String']['input'];
};

export type CreateTenantPayload = {
  __typename?: 'CreateTenantPayload';
  /** The tenant's first OWNER key. Shown once. */
  apiKey: Scalars['String']['output'];
  tenant: Tenant;
};

export type CreateWebhookInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  eventTypes: Array<EventType>;
  url: Scalars['String']['input'];
};

export type CreateWebhookPayload = {
  __typename?: 'CreateWebhookPayload';
  /** The signing secret: shown only here, once. */
  secret: Scalars['String']['output'];
  webhook: Webhook;
};

export type DataTransferInput = {
  chargePointId: Scalars['ID']['input'];
  data?: InputMaybe<Scalars['String']['input']>;
  messageId?: InputMaybe<Scalars['String']['input']>;
  schedule?: InputMaybe<CommandSchedule>;
  vendorId: Scalars['String']['input'];
};

export type DataTransferPayload = {
  __typename?: 'DataTransferPayload';
  command: Command;
  data?: Maybe<Scalars['String']['output']>;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type DeleteCertificateInput = {
  certificateHashData: CertificateHashDataInput;
  chargePointId: Scalars['ID']['input'];
  schedule?: InputMaybe<CommandSchedule>;
};

export type DeleteCertificatePayload = {
  __typename?: 'DeleteCertificatePayload';
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type DeleteChargePointInput = {
  id: Scalars['ID']['input'];
};

export type DeleteChargePointPayload = {
  __typename?: 'DeleteChargePointPayload';
  deleted: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
};

export type DeleteChargingGroupInput = {
  id: Scalars['ID']['input'];
};

export type DeleteChargingGroupPayload = {
  __typename?: 'DeleteChargingGroupPayload';
  deleted: Scalars['Boolean']['output'];
};

export type DeleteFirmwareFileInput = {
  id: Scalars['ID']['input'];
};

export type DeleteFirmwareFilePayload = {
  __typename?: 'DeleteFirmwareFilePayload';
  deleted: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
};

export type DeleteIdTagInput = {
  idTag: Scalars['String']['input'];
  /** Also remove the tag from the local lists that hold it (a scheduled Differential sendLocalList each). */
  pushToLocalLists?: InputMaybe<Scalars['Boolean']['input']>;
};

export type DeleteIdTagPayload = {
  __typename?: 'DeleteIdTagPayload';
  deleted: Scalars['Boolean']['output'];
  idTag: Scalars['String']['output'];
  /** The sendLocalList commands queued by pushToLocalLists. */
  localListCommands: Array<Command>;
};

export type DeleteWebhookInput = {
  id: Scalars['ID']['input'];
};

export type DeleteWebhookPayload = {
  __typename?: 'DeleteWebhookPayload';
  id: Scalars['ID']['output'];
};

export type DiagnosticsFile = {
  __typename?: 'DiagnosticsFile';
  chargePointId: Scalars['ID']['output'];
  contentType?: Maybe<Scalars['String']['output']>;
  /** Download URL; needs the same Bearer key. */
  downloadUrl: Scalars['String']['output'];
  fileName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  size: Scalars['Int']['output'];
  uploadedAt: Scalars['DateTime']['output'];
};

export type DiagnosticsFileConnection = {
  __typename?: 'DiagnosticsFileConnection';
  edges: Array<DiagnosticsFileEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DiagnosticsFileEdge = {
  __typename?: 'DiagnosticsFileEdge';
  cursor: Scalars['String']['output'];
  node: DiagnosticsFile;
};

export type DiagnosticsStatusEvent = {
  __typename?: 'DiagnosticsStatusEvent';
  receivedAt: Scalars['DateTime']['output'];
  status: Scalars['String']['output'];
};

export type DiagnosticsStatusEventConnection = {
  __typename?: 'DiagnosticsStatusEventConnection';
  edges: Array<DiagnosticsStatusEventEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DiagnosticsStatusEventEdge = {
  __typename?: 'DiagnosticsStatusEventEdge';
  cursor: Scalars['String']['output'];
  node: DiagnosticsStatusEvent;
};

export type Direction =
  | 'IN'
  | 'OUT';

/** An entry of the tenant's event log, stored with the change it reports. */
export type Event = {
  __typename?: 'Event';
  chargePointId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  occurredAt: Scalars['DateTime']['output'];
  /** The fields of the matching GraphQL type (Transaction, Command, ...), always with chargePointId. */
  payload: Scalars['JSON']['output'];
  /** Per tenant, only growing (a Float: it may pass 2^31; exact up to 2^53). */
  sequence: Scalars['Float']['output'];
  type: EventType;
};

export type EventConnection = {
  __typename?: 'EventConnection';
  edges: Array<EventEdge>;
  pageInfo: PageInfo;
};

export type EventEdge = {
  __typename?: 'EventEdge';
  cursor: Scalars['String']['output'];
  node: Event;
};

export type EventFilter = {
  chargePointId?: InputMaybe<Scalars['ID']['input']>;
  types?: InputMaybe<Array<EventType>>;
};

export type EventType =
  | 'CHARGE_POINT_CONNECTED'
  | 'CHARGE_POINT_DISCONNECTED'
  | 'COMMAND_UPDATED'
  | 'CONNECTOR_STATUS_CHANGED'
  | 'DIAGNOSTICS_STATUS_CHANGED'
  | 'FIRMWARE_STATUS_CHANGED'
  | 'LOG_STATUS_CHANGED'
  | 'RESERVATION_UPDATED'
  | 'SECURITY_EVENT'
  | 'TRANSACTION_STARTED'
  | 'TRANSACTION_STOPPED'
  | 'TRANSACTION_UPDATED';

export type ExtendedMessageTrigger =
  | 'BootNotification'
  | 'FirmwareStatusNotification'
  | 'Heartbeat'
  | 'LogStatusNotification'
  | 'MeterValues'
  | 'SignChargePointCertificate'
  | 'StatusNotification';

export type ExtendedTriggerMessageInput = {
  chargePointId: Scalars['ID']['input'];
  connectorId?: InputMaybe<Scalars['Int']['input']>;
  requestedMessage: ExtendedMessageTrigger;
  schedule?: InputMaybe<CommandSchedule>;
};

export type ExtendedTriggerMessagePayload = {
  __typename?: 'ExtendedTriggerMessagePayload';
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

/** A firmware image the CSMS hosts for its tenant (uploaded with PUT /files/firmware/<fileName> and a Bearer key). */
export type FirmwareFile = {
  __typename?: 'FirmwareFile';
  contentType?: Maybe<Scalars['String']['output']>;
  fileName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Hex SHA-256 of the image as stored. */
  sha256: Scalars['String']['output'];
  size: Scalars['Int']['output'];
  uploadedAt: Scalars['DateTime']['output'];
};

export type FirmwareFileConnection = {
  __typename?: 'FirmwareFileConnection';
  edges: Array<FirmwareFileEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type FirmwareFileEdge = {
  __typename?: 'FirmwareFileEdge';
  cursor: Scalars['String']['output'];
  node: FirmwareFile;
};

export type FirmwareStatusEvent = {
  __typename?: 'FirmwareStatusEvent';
  receivedAt: Scalars['DateTime']['output'];
  status: Scalars['String']['output'];
};

export type FirmwareStatusEventConnection = {
  __typename?: 'FirmwareStatusEventConnection';
  edges: Array<FirmwareStatusEventEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type FirmwareStatusEventEdge = {
  __typename?: 'FirmwareStatusEventEdge';
  cursor: Scalars['String']['output'];
  node: FirmwareStatusEvent;
};

export type GetCompositeScheduleInput = {
  chargePointId: Scalars['ID']['input'];
  chargingRateUnit?: InputMaybe<ChargingRateUnitType>;
  connectorId: Scalars['Int']['input'];
  duration: Scalars['Int']['input'];
  schedule?: InputMaybe<CommandSchedule>;
};

export type GetCompositeSchedulePayload = {
  __typename?: 'GetCompositeSchedulePayload';
  chargingSchedule?: Maybe<ChargingSchedule>;
  command: Command;
  connectorId?: Maybe<Scalars['Int']['output']>;
  messageId?: Maybe<Scalars['String']['output']>;
  scheduleStart?: Maybe<Scalars['DateTime']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type GetConfigurationInput = {
  chargePointId: Scalars['ID']['input'];
  key?: InputMaybe<Array<Scalars['String']['input']>>;
  schedule?: InputMaybe<CommandSchedule>;
};

export type GetConfigurationPayload = {
  __typename?: 'GetConfigurationPayload';
  command: Command;
  configurationKey?: Maybe<Array<KeyValue>>;
  messageId?: Maybe<Scalars['String']['output']>;
  unknownKey?: Maybe<Array<Scalars['String']['output']>>;
};

export type GetDiagnosticsInput = {
  chargePointId: Scalars['ID']['input'];
  /** Left out: the CSMS hands out its own one-time upload URL under PUBLIC_API_URL. */
  location?: InputMaybe<Scalars['String']['input']>;
  retries?: InputMaybe<Scalars['Int']['input']>;
  retryInterval?: InputMaybe<Scalars['Int']['input']>;
  schedule?: InputMaybe<CommandSchedule>;
  startTime?: InputMaybe<Scalars['DateTime']['input']>;
  stopTime?: InputMaybe<Scalars['DateTime']['input']>;
};

export type GetDiagnosticsPayload = {
  __typename?: 'GetDiagnosticsPayload';
  command: Command;
  fileName?: Maybe<Scalars['String']['output']>;
  /** The location sent to the charge point. */
  location?: Maybe<Scalars['String']['output']>;
  messageId?: Maybe<Scalars['String']['output']>;
};

export type GetInstalledCertificateIdsInput = {
  certificateType: CertificateUse;
  chargePointId: Scalars['ID']['input'];
  schedule?: InputMaybe<CommandSchedule>;
};

export type GetInstalledCertificateIdsPayload = {
  __typename?: 'GetInstalledCertificateIdsPayload';
  certificateHashData?: Maybe<Array<CertificateHashData>>;
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type GetLocalListVersionInput = {
  chargePointId: Scalars['ID']['input'];
  schedule?: InputMaybe<CommandSchedule>;
};

export type GetLocalListVersionPayload = {
  __typename?: 'GetLocalListVersionPayload';
  command: Command;
  listVersion?: Maybe<Scalars['Int']['output']>;
  messageId?: Maybe<Scalars['String']['output']>;
};

export type GetLogInput = {
  chargePointId: Scalars['ID']['input'];
  log: LogParametersInput;
  logType: LogType;
  /** Left out: the CSMS assigns one (returned in the payload). */
  requestId?: InputMaybe<Scalars['Int']['input']>;
  retries?: InputMaybe<Scalars['Int']['input']>;
  retryInterval?: InputMaybe<Scalars['Int']['input']>;
  schedule?: InputMaybe<CommandSchedule>;
};

export type GetLogPayload = {
  __typename?: 'GetLogPayload';
  command: Command;
  filename?: Maybe<Scalars['String']['output']>;
  messageId?: Maybe<Scalars['String']['output']>;
  /** The location sent to the charge point. */
  remoteLocation?: Maybe<Scalars['String']['output']>;
  requestId: Scalars['Int']['output'];
  status?: Maybe<Scalars['String']['output']>;
};

export type HashAlgorithm =
  | 'SHA256'
  | 'SHA384'
  | 'SHA512';

export type IdTag = {
  __typename?: 'IdTag';
  expiryDate?: Maybe<Scalars['DateTime']['output']>;
  idTag: Scalars['String']['output'];
  parentIdTag?: Maybe<Scalars['String']['output']>;
  status: IdTagStatus;
  updatedAt: Scalars['DateTime']['output'];
};

export type IdTagConnection = {
  __typename?: 'IdTagConnection';
  edges: Array<IdTagEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type IdTagEdge = {
  __typename?: 'IdTagEdge';
  cursor: Scalars['String']['output'];
  node: IdTag;
};

export type IdTagInfo = {
  __typename?: 'IdTagInfo';
  expiryDate?: Maybe<Scalars['DateTime']['output']>;
  parentIdTag?: Maybe<Scalars['String']['output']>;
  status: Scalars['String']['output'];
};

export type IdTagInfoInput = {
  expiryDate?: InputMaybe<Scalars['DateTime']['input']>;
  parentIdTag?: InputMaybe<Scalars['String']['input']>;
  status: AuthorizationStatus;
};

/** Status stored for an id tag (OCPP AuthorizationStatus without ConcurrentTx, which is never stored). */
export type IdTagStatus =
  | 'Accepted'
  | 'Blocked'
  | 'Expired'
  | 'Invalid';

/** One charge point of a bulk import: as createChargePoint, or with a password already hashed by QCharge. */
export type ImportChargePointInput = {
  id: Scalars['ID']['input'];
  /** 16-40 bytes, stored with scrypt (about 50 ms of CPU each: for large fleets prefer passwordHash). */
  password?: InputMaybe<Scalars['String']['input']>;
  /** A stored hash from QCharge (`scrypt$...` or `sha256$...`), e.g. exported from another QCharge. */
  passwordHash?: InputMaybe<Scalars['String']['input']>;
  registrationStatus?: InputMaybe<RegistrationStatus>;
};

export type ImportChargePointsInput = {
  chargePoints: Array<ImportChargePointInput>;
};

export type ImportChargePointsPayload = {
  __typename?: 'ImportChargePointsPayload';
  imported: Scalars['Int']['output'];
};

/** One id tag of a bulk import: created, or replaced by these values when it exists (no status: Accepted; no local list push). */
export type ImportIdTagInput = {
  expiryDate?: InputMaybe<Scalars['DateTime']['input']>;
  idTag: Scalars['String']['input'];
  parentIdTag?: InputMaybe<Scalars['String']['input']>;
  /** Accepted when a new tag leaves it out. */
  status?: InputMaybe<IdTagStatus>;
};

export type ImportIdTagsInput = {
  idTags: Array<ImportIdTagInput>;
};

export type ImportIdTagsPayload = {
  __typename?: 'ImportIdTagsPayload';
  created: Scalars['Int']['output'];
  imported: Scalars['Int']['output'];
  updated: Scalars['Int']['output'];
};

export type InstallCertificateInput = {
  /** PEM. */
  certificate: Scalars['String']['input'];
  certificateType: CertificateUse;
  chargePointId: Scalars['ID']['input'];
  schedule?: InputMaybe<CommandSchedule>;
};

export type InstallCertificatePayload = {
  __typename?: 'InstallCertificatePayload';
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type KeyValue = {
  __typename?: 'KeyValue';
  key: Scalars['String']['output'];
  readonly: Scalars['Boolean']['output'];
  value?: Maybe<Scalars['String']['output']>;
};

export type LocalAuthorizationList = {
  __typename?: 'LocalAuthorizationList';
  chargePointId: Scalars['ID']['output'];
  entries: Array<LocalListEntry>;
  /** The version the CSMS believes the charge point holds (null: never sent). */
  listVersion?: Maybe<Scalars['Int']['output']>;
  /** The version the charge point last reported (getLocalListVersion). */
  reportedListVersion?: Maybe<Scalars['Int']['output']>;
  /** The charge point's list may differ from the CSMS's copy: a Full sendLocalList is due. */
  resyncNeeded: Scalars['Boolean']['output'];
};

export type LocalListEntry = {
  __typename?: 'LocalListEntry';
  idTag: Scalars['String']['output'];
  idTagInfo?: Maybe<IdTagInfo>;
};

export type LogParametersInput = {
  latestTimestamp?: InputMaybe<Scalars['DateTime']['input']>;
  oldestTimestamp?: InputMaybe<Scalars['DateTime']['input']>;
  /** Left out: the CSMS hands out its own one-time upload URL under PUBLIC_API_URL. */
  remoteLocation?: InputMaybe<Scalars['String']['input']>;
};

export type LogStatus = {
  __typename?: 'LogStatus';
  requestId?: Maybe<Scalars['Int']['output']>;
  status: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type LogType =
  | 'DiagnosticsLog'
  | 'SecurityLog';

export type MessageTrigger =
  | 'BootNotification'
  | 'DiagnosticsStatusNotification'
  | 'FirmwareStatusNotification'
  | 'Heartbeat'
  | 'MeterValues'
  | 'StatusNotification';

export type MeterValue = {
  __typename?: 'MeterValue';
  sampledValue: Array<SampledValue>;
  timestamp: Scalars['DateTime']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  cancelReservation: CancelReservationPayload;
  certificateSigned: CertificateSignedPayload;
  changeAvailability: ChangeAvailabilityPayload;
  changeConfiguration: ChangeConfigurationPayload;
  clearCache: ClearCachePayload;
  clearChargingProfile: ClearChargingProfilePayload;
  createApiKey: CreateApiKeyPayload;
  createChargePoint: CreateChargePointPayload;
  createChargingGroup: CreateChargingGroupPayload;
  createTenant: CreateTenantPayload;
  createWebhook: CreateWebhookPayload;
  dataTransfer: DataTransferPayload;
  deleteCertificate: DeleteCertificatePayload;
  deleteChargePoint: DeleteChargePointPayload;
  deleteChargingGroup: DeleteChargingGroupPayload;
  /** Removes a hosted firmware image; download URLs already handed out for it stop working. */
  deleteFirmwareFile: DeleteFirmwareFilePayload;
  deleteIdTag: DeleteIdTagPayload;
  deleteWebhook: DeleteWebhookPayload;
  extendedTriggerMessage: ExtendedTriggerMessagePayload;
  getCompositeSchedule: GetCompositeSchedulePayload;
  getConfiguration: GetConfigurationPayload;
  getDiagnostics: GetDiagnosticsPayload;
  getInstalledCertificateIds: GetInstalledCertificateIdsPayload;
  getLocalListVersion: GetLocalListVersionPayload;
  getLog: GetLogPayload;
  /**
   * Creates many charge points at once, all or nothing: when any item is invalid or already exists, nothing
   * is stored and the error (BAD_USER_INPUT) lists each bad item in extensions.problems ({ line, field, reason },
   * line = the item's position from 1). Up to 100,000 items.
   */
  importChargePoints: ImportChargePointsPayload;
  /** Creates or updates many id tags at once, all or nothing, reported like importChargePoints. */
  importIdTags: ImportIdTagsPayload;
  installCertificate: InstallCertificatePayload;
  redeliverWebhookEvent: RedeliverWebhookEventPayload;
  remoteStartTransaction: RemoteStartTransactionPayload;
  remoteStopTransaction: RemoteStopTransactionPayload;
  reserveNow: ReserveNowPayload;
  reset: ResetPayload;
  revokeApiKey: RevokeApiKeyPayload;
  revokeChargePointCertificate: RevokeChargePointCertificatePayload;
  rotateChargePointPassword: RotateChargePointPasswordPayload;
  sendLocalList: SendLocalListPayload;
  /** OWNER: the tenant's own CA replaces the current one (certificates it issued stop being accepted). */
  setCertificateAuthority: SetCertificateAuthorityPayload;
  setChargingProfile: SetChargingProfilePayload;
  signedUpdateFirmware: SignedUpdateFirmwarePayload;
  triggerMessage: TriggerMessagePayload;
  unlockConnector: UnlockConnectorPayload;
  updateChargePoint: UpdateChargePointPayload;
  updateChargingGroup: UpdateChargingGroupPayload;
  updateFirmware: UpdateFirmwarePayload;
  updateWebhook: UpdateWebhookPayload;
  upsertIdTag: UpsertIdTagPayload;
};


export type MutationCancelReservationArgs = {
  input: CancelReservationInput;
};


export type MutationCertificateSignedArgs = {
  input: CertificateSignedInput;
};


export type MutationChangeAvailabilityArgs = {
  input: ChangeAvailabilityInput;
};


export type MutationChangeConfigurationArgs = {
  input: ChangeConfigurationInput;
};


export type MutationClearCacheArgs = {
  input: ClearCacheInput;
};


export type MutationClearChargingProfileArgs = {
  input: ClearChargingProfileInput;
};


export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


export type MutationCreateChargePointArgs = {
  input: CreateChargePointInput;
};


export type MutationCreateChargingGroupArgs = {
  input: CreateChargingGroupInput;
};


export type MutationCreateTenantArgs = {
  input: CreateTenantInput;
};


export type MutationCreateWebhookArgs = {
  input: CreateWebhookInput;
};


export type MutationDataTransferArgs = {
  input: DataTransferInput;
};


export type MutationDeleteCertificateArgs = {
  input: DeleteCertificateInput;
};


export type MutationDeleteChargePointArgs = {
  input: DeleteChargePointInput;
};


export type MutationDeleteChargingGroupArgs = {
  input: DeleteChargingGroupInput;
};


export type MutationDeleteFirmwareFileArgs = {
  input: DeleteFirmwareFileInput;
};


export type MutationDeleteIdTagArgs = {
  input: DeleteIdTagInput;
};


export type MutationDeleteWebhookArgs = {
  input: DeleteWebhookInput;
};


export type MutationExtendedTriggerMessageArgs = {
  input: ExtendedTriggerMessageInput;
};


export type MutationGetCompositeScheduleArgs = {
  input: GetCompositeScheduleInput;
};


export type MutationGetConfigurationArgs = {
  input: GetConfigurationInput;
};


export type MutationGetDiagnosticsArgs = {
  input: GetDiagnosticsInput;
};


export type MutationGetInstalledCertificateIdsArgs = {
  input: GetInstalledCertificateIdsInput;
};


export type MutationGetLocalListVersionArgs = {
  input: GetLocalListVersionInput;
};


export type MutationGetLogArgs = {
  input: GetLogInput;
};


export type MutationImportChargePointsArgs = {
  input: ImportChargePointsInput;
};


export type MutationImportIdTagsArgs = {
  input: ImportIdTagsInput;
};


export type MutationInstallCertificateArgs = {
  input: InstallCertificateInput;
};


export type MutationRedeliverWebhookEventArgs = {
  input: RedeliverWebhookEventInput;
};


export type MutationRemoteStartTransactionArgs = {
  input: RemoteStartTransactionInput;
};


export type MutationRemoteStopTransactionArgs = {
  input: RemoteStopTransactionInput;
};


export type MutationReserveNowArgs = {
  input: ReserveNowInput;
};


export type MutationResetArgs = {
  input: ResetInput;
};


export type MutationRevokeApiKeyArgs = {
  input: RevokeApiKeyInput;
};


export type MutationRevokeChargePointCertificateArgs = {
  input: RevokeChargePointCertificateInput;
};


export type MutationRotateChargePointPasswordArgs = {
  input: RotateChargePointPasswordInput;
};


export type MutationSendLocalListArgs = {
  input: SendLocalListInput;
};


export type MutationSetCertificateAuthorityArgs = {
  input: SetCertificateAuthorityInput;
};


export type MutationSetChargingProfileArgs = {
  input: SetChargingProfileInput;
};


export type MutationSignedUpdateFirmwareArgs = {
  input: SignedUpdateFirmwareInput;
};


export type MutationTriggerMessageArgs = {
  input: TriggerMessageInput;
};


export type MutationUnlockConnectorArgs = {
  input: UnlockConnectorInput;
};


export type MutationUpdateChargePointArgs = {
  input: UpdateChargePointInput;
};


export type MutationUpdateChargingGroupArgs = {
  input: UpdateChargingGroupInput;
};


export type MutationUpdateFirmwareArgs = {
  input: UpdateFirmwareInput;
};


export type MutationUpdateWebhookArgs = {
  input: UpdateWebhookInput;
};


export type MutationUpsertIdTagArgs = {
  input: UpsertIdTagInput;
};

export type OcppMessage = {
  __typename?: 'OcppMessage';
  action?: Maybe<Scalars['String']['output']>;
  chargePointId: Scalars['ID']['output'];
  direction: Direction;
  errorCode?: Maybe<Scalars['String']['output']>;
  messageTypeId: Scalars['Int']['output'];
  payload?: Maybe<Scalars['JSON']['output']>;
  timestamp: Scalars['DateTime']['output'];
  uniqueId: Scalars['String']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  apiKeys: ApiKeyConnection;
  /** The tenant's certificate authority (made on first need: asking for it makes it). */
  certificateAuthority: CertificateAuthority;
  chargePoint: ChargePoint;
  /** Client certificates the tenant's CA issued to the charge point. */
  chargePointCertificates: ChargePointCertificateConnection;
  chargePoints: ChargePointConnection;
  chargingGroups: ChargingGroupConnection;
  chargingProfiles: ChargingProfileConnection;
  command: Command;
  commands: CommandConnection;
  diagnosticsFiles: DiagnosticsFileConnection;
  diagnosticsStatusHistory: DiagnosticsStatusEventConnection;
  events: EventConnection;
  /** The composite schedule the CSMS expects on a connector, from the profiles it stored (compare with getCompositeSchedule). */
  expectedCompositeSchedule?: Maybe<ChargingSchedule>;
  firmwareFiles: FirmwareFileConnection;
  firmwareStatusHistory: FirmwareStatusEventConnection;
  idTags: IdTagConnection;
  localAuthorizationList: LocalAuthorizationList;
  /** The tenant of the calling key. */
  me: Tenant;
  reservations: ReservationConnection;
  /** Security events from charge points (SecurityEventNotification) and the CSMS's own, newest last. */
  securityEvents: SecurityEventConnection;
  /** Admin key only. */
  tenants: TenantConnection;
  transaction: Transaction;
  transactions: TransactionConnection;
  /** OWNER only. Newest first. */
  webhookDeliveries: WebhookDeliveryConnection;
  /** OWNER only. */
  webhooks: WebhookConnection;
};


export type QueryApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryChargePointArgs = {
  id: Scalars['ID']['input'];
};


export type QueryChargePointCertificatesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  chargePointId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryChargePointsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryChargingGroupsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryChargingProfilesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  chargePointId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCommandArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCommandsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CommandFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryDiagnosticsFilesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  chargePointId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryDiagnosticsStatusHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  chargePointId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<EventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryExpectedCompositeScheduleArgs = {
  chargePointId: Scalars['ID']['input'];
  chargingRateUnit?: InputMaybe<ChargingRateUnitType>;
  connectorId: Scalars['Int']['input'];
  duration: Scalars['Int']['input'];
};


export type QueryFirmwareFilesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryFirmwareStatusHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  chargePointId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryIdTagsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryLocalAuthorizationListArgs = {
  chargePointId: Scalars['ID']['input'];
};


export type QueryReservationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ReservationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySecurityEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SecurityEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryTenantsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryTransactionArgs = {
  id: Scalars['Int']['input'];
};


export type QueryTransactionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TransactionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryWebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  webhookId: Scalars['ID']['input'];
};


export type QueryWebhooksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Known deviations from the OCPP 1.6 schemas a charge point may be allowed; repaired before validation. */
export type Quirk =
  /** connectorId, meterStart, meterStop, reservationId, transactionId, listVersion sent as numeric strings. */
  | 'NUMBERS_AS_STRINGS'
  /** timestamp/expiryDate without a zone: taken as UTC. */
  | 'TIMESTAMPS_WITHOUT_ZONE'
  /** transactionId sent as a numeric string. */
  | 'TRANSACTION_ID_AS_STRING'
  /** StatusNotification status or errorCode outside the enum: matched ignoring case, else Unavailable (the original in info) or OtherError (in vendorErrorCode). */
  | 'UNKNOWN_STATUS_ENUM';

export type QuirkRepairCount = {
  __typename?: 'QuirkRepairCount';
  /** Frames this quirk repaired. */
  count: Scalars['Int']['output'];
  quirk: Quirk;
};

export type RecurrencyKindType =
  | 'Daily'
  | 'Weekly';

export type RedeliverWebhookEventInput = {
  deliveryId: Scalars['ID']['input'];
};

export type RedeliverWebhookEventPayload = {
  __typename?: 'RedeliverWebhookEventPayload';
  delivery: WebhookDelivery;
};

export type RegistrationStatus =
  | 'Accepted'
  | 'Pending'
  | 'Rejected';

export type RemoteStartTransactionInput = {
  chargePointId: Scalars['ID']['input'];
  chargingProfile?: InputMaybe<ChargingProfileInput>;
  connectorId?: InputMaybe<Scalars['Int']['input']>;
  idTag: Scalars['String']['input'];
  schedule?: InputMaybe<CommandSchedule>;
};

export type RemoteStartTransactionPayload = {
  __typename?: 'RemoteStartTransactionPayload';
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type RemoteStopTransactionInput = {
  chargePointId: Scalars['ID']['input'];
  schedule?: InputMaybe<CommandSchedule>;
  transactionId: Scalars['Int']['input'];
};

export type RemoteStopTransactionPayload = {
  __typename?: 'RemoteStopTransactionPayload';
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type Reservation = {
  __typename?: 'Reservation';
  chargePointId: Scalars['ID']['output'];
  connectorId: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  expiryDate: Scalars['DateTime']['output'];
  id: Scalars['Int']['output'];
  idTag: Scalars['String']['output'];
  parentIdTag?: Maybe<Scalars['String']['output']>;
  /** The charge point's answer to ReserveNow. */
  responseStatus?: Maybe<Scalars['String']['output']>;
  status: ReservationStatus;
  transactionId?: Maybe<Scalars['Int']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

export type ReservationConnection = {
  __typename?: 'ReservationConnection';
  edges: Array<ReservationEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ReservationEdge = {
  __typename?: 'ReservationEdge';
  cursor: Scalars['String']['output'];
  node: Reservation;
};

export type ReservationFilter = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  chargePointId?: InputMaybe<Scalars['ID']['input']>;
};

export type ReservationStatus =
  /** Accepted by the charge point and not yet used, cancelled or expired. */
  | 'ACTIVE'
  | 'CANCELLED'
  | 'EXPIRED'
  /** Sent, waiting for the charge point's answer. */
  | 'PENDING'
  /** The charge point answered Faulted, Occupied, Rejected or Unavailable, or the request failed. */
  | 'REJECTED'
  | 'USED';

export type ReserveNowInput = {
  chargePointId: Scalars['ID']['input'];
  connectorId: Scalars['Int']['input'];
  expiryDate: Scalars['DateTime']['input'];
  idTag: Scalars['String']['input'];
  /** Left out: taken from the id tag's stored parent. */
  parentIdTag?: InputMaybe<Scalars['String']['input']>;
  schedule?: InputMaybe<CommandSchedule>;
};

export type ReserveNowPayload = {
  __typename?: 'ReserveNowPayload';
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  /** Assigned by the CSMS. */
  reservationId: Scalars['Int']['output'];
  status?: Maybe<Scalars['String']['output']>;
};

export type ResetInput = {
  chargePointId: Scalars['ID']['input'];
  schedule?: InputMaybe<CommandSchedule>;
  type: ResetType;
};

export type ResetPayload = {
  __typename?: 'ResetPayload';
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type ResetType =
  | 'Hard'
  | 'Soft';

export type RevokeApiKeyInput = {
  id: Scalars['ID']['input'];
};

export type RevokeApiKeyPayload = {
  __typename?: 'RevokeApiKeyPayload';
  apiKey: ApiKey;
};

export type RevokeChargePointCertificateInput = {
  chargePointId: Scalars['ID']['input'];
  serialNumber: Scalars['String']['input'];
};

export type RevokeChargePointCertificatePayload = {
  __typename?: 'RevokeChargePointCertificatePayload';
  certificate: ChargePointCertificate;
};

export type Role =
  | 'OPERATOR'
  | 'OWNER'
  | 'VIEWER';

export type RotateChargePointPasswordInput = {
  chargePointId: Scalars['ID']['input'];
  /** Left out: a random one is generated. */
  password?: InputMaybe<Scalars['String']['input']>;
};

export type RotateChargePointPasswordPayload = {
  __typename?: 'RotateChargePointPasswordPayload';
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  /** The new password, shown once: only when the charge point answered Accepted and it was stored; null otherwise (the old password stays). */
  password?: Maybe<Scalars['String']['output']>;
  /** The charge point's answer to ChangeConfiguration(AuthorizationKey). */
  status?: Maybe<Scalars['String']['output']>;
};

export type SampledValue = {
  __typename?: 'SampledValue';
  context?: Maybe<Scalars['String']['output']>;
  format?: Maybe<Scalars['String']['output']>;
  location?: Maybe<Scalars['String']['output']>;
  measurand?: Maybe<Scalars['String']['output']>;
  phase?: Maybe<Scalars['String']['output']>;
  unit?: Maybe<Scalars['String']['output']>;
  value: Scalars['String']['output'];
};

export type SecurityEvent = {
  __typename?: 'SecurityEvent';
  chargePointId: Scalars['ID']['output'];
  source: SecurityEventSource;
  techInfo?: Maybe<Scalars['String']['output']>;
  timestamp: Scalars['DateTime']['output'];
  type: Scalars['String']['output'];
};

export type SecurityEventConnection = {
  __typename?: 'SecurityEventConnection';
  edges: Array<SecurityEventEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type SecurityEventEdge = {
  __typename?: 'SecurityEventEdge';
  cursor: Scalars['String']['output'];
  node: SecurityEvent;
};

export type SecurityEventFilter = {
  chargePointId?: InputMaybe<Scalars['ID']['input']>;
  type?: InputMaybe<Scalars['String']['input']>;
};

export type SecurityEventSource =
  | 'CHARGE_POINT'
  | 'CSMS';

export type SendLocalListInput = {
  chargePointId: Scalars['ID']['input'];
  /** Left out: the CSMS uses the next version. */
  listVersion?: InputMaybe<Scalars['Int']['input']>;
  localAuthorizationList?: InputMaybe<Array<AuthorizationDataInput>>;
  schedule?: InputMaybe<CommandSchedule>;
  updateType: UpdateType;
};

export type SendLocalListPayload = {
  __typename?: 'SendLocalListPayload';
  command: Command;
  /** The version sent. */
  listVersion: Scalars['Int']['output'];
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type SetCertificateAuthorityInput = {
  /** PEM of a CA certificate (basicConstraints cA). */
  certificate: Scalars['String']['input'];
  /** Unencrypted PEM private key of that certificate (RSA, or EC P-256/P-384/P-521). Never returned. */
  privateKey: Scalars['String']['input'];
};

export type SetCertificateAuthorityPayload = {
  __typename?: 'SetCertificateAuthorityPayload';
  certificateAuthority: CertificateAuthority;
};

export type SetChargingProfileInput = {
  chargePointId: Scalars['ID']['input'];
  connectorId: Scalars['Int']['input'];
  csChargingProfiles: ChargingProfileInput;
  schedule?: InputMaybe<CommandSchedule>;
};

export type SetChargingProfilePayload = {
  __typename?: 'SetChargingProfilePayload';
  /** The chargingProfileId sent (assigned by the CSMS when left out). */
  chargingProfileId: Scalars['Int']['output'];
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type SignedFirmwareInput = {
  installDateTime?: InputMaybe<Scalars['DateTime']['input']>;
  /** The image's URI. Required unless firmwareFileId names an image the CSMS hosts. */
  location?: InputMaybe<Scalars['String']['input']>;
  retrieveDateTime: Scalars['DateTime']['input'];
  /** Base64 signature of the image. */
  signature: Scalars['String']['input'];
  /** PEM of the certificate whose key signed the image. */
  signingCertificate: Scalars['String']['input'];
};

export type SignedUpdateFirmwareInput = {
  chargePointId: Scalars['ID']['input'];
  firmware: SignedFirmwareInput;
  /** An image uploaded with PUT /files/firmware/<fileName>, instead of firmware.location. */
  firmwareFileId?: InputMaybe<Scalars['ID']['input']>;
  /** Left out: the CSMS assigns one (returned in the payload). */
  requestId?: InputMaybe<Scalars['Int']['input']>;
  retries?: InputMaybe<Scalars['Int']['input']>;
  retryInterval?: InputMaybe<Scalars['Int']['input']>;
  schedule?: InputMaybe<CommandSchedule>;
};

export type SignedUpdateFirmwarePayload = {
  __typename?: 'SignedUpdateFirmwarePayload';
  command: Command;
  /** The location sent to the charge point. */
  location?: Maybe<Scalars['String']['output']>;
  messageId?: Maybe<Scalars['String']['output']>;
  requestId: Scalars['Int']['output'];
  status?: Maybe<Scalars['String']['output']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  chargePointConnectionChanged: ChargePointConnectionEvent;
  commandUpdated: Command;
  connectorStatusChanged: ConnectorStatusEvent;
  /** Stored events after `after` (an edge cursor or an event id; absent = only new ones), then live ones: in sequence order, each once. */
  events: Event;
  ocppMessages: OcppMessage;
  transactionUpdated: Transaction;
};


export type SubscriptionChargePointConnectionChangedArgs = {
  chargePointId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionCommandUpdatedArgs = {
  chargePointId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionConnectorStatusChangedArgs = {
  chargePointId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  chargePointId?: InputMaybe<Scalars['ID']['input']>;
  types?: InputMaybe<Array<EventType>>;
};


export type SubscriptionOcppMessagesArgs = {
  chargePointId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionTransactionUpdatedArgs = {
  chargePointId?: InputMaybe<Scalars['ID']['input']>;
};

export type Tenant = {
  __typename?: 'Tenant';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  slug: Scalars['String']['output'];
};

export type TenantConnection = {
  __typename?: 'TenantConnection';
  edges: Array<TenantEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type TenantEdge = {
  __typename?: 'TenantEdge';
  cursor: Scalars['String']['output'];
  node: Tenant;
};

export type Transaction = {
  __typename?: 'Transaction';
  abandonedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When ABANDONED: the message that showed the transaction runs no more. meterStop then holds the last energy register known, stopTimestamp stays null until a StopTransaction comes. */
  abandonedBy?: Maybe<Scalars['String']['output']>;
  /** state == ACTIVE. */
  active: Scalars['Boolean']['output'];
  chargePointId: Scalars['ID']['output'];
  connectorId: Scalars['Int']['output'];
  /** meterStop - meterStart, Wh, whole. */
  energyWh?: Maybe<Scalars['Float']['output']>;
  id: Scalars['Int']['output'];
  idTag: Scalars['String']['output'];
  /** Wh, a whole number. Float rather than Int: meter registers pass 2^31 - 1. */
  meterStart: Scalars['Float']['output'];
  /** Wh, whole. */
  meterStop?: Maybe<Scalars['Float']['output']>;
  meterValues: Array<MeterValue>;
  reservationId?: Maybe<Scalars['Int']['output']>;
  /** idTagInfo.status answered at StartTransaction. */
  startStatus: Scalars['String']['output'];
  startTimestamp: Scalars['DateTime']['output'];
  state: TransactionState;
  stopReason?: Maybe<Scalars['String']['output']>;
  stopTimestamp?: Maybe<Scalars['DateTime']['output']>;
};

export type TransactionConnection = {
  __typename?: 'TransactionConnection';
  edges: Array<TransactionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type TransactionEdge = {
  __typename?: 'TransactionEdge';
  cursor: Scalars['String']['output'];
  node: Transaction;
};

export type TransactionFilter = {
  /** true: state ACTIVE; false: any other state. */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  chargePointId?: InputMaybe<Scalars['ID']['input']>;
  idTag?: InputMaybe<Scalars['String']['input']>;
  state?: InputMaybe<TransactionState>;
};

export type TransactionState =
  /** Closed by the CSMS: the charge point showed it runs no more without stopping it (see abandonedBy). */
  | 'ABANDONED'
  /** Accepted at StartTransaction and not stopped. */
  | 'ACTIVE'
  /** StartTransaction answered other than Accepted (see startStatus); it never ran as a session. */
  | 'REFUSED'
  /** Its StopTransaction came (also after it was ABANDONED). */
  | 'STOPPED';

export type TriggerMessageInput = {
  chargePointId: Scalars['ID']['input'];
  connectorId?: InputMaybe<Scalars['Int']['input']>;
  requestedMessage: MessageTrigger;
  schedule?: InputMaybe<CommandSchedule>;
};

export type TriggerMessagePayload = {
  __typename?: 'TriggerMessagePayload';
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type UnlockConnectorInput = {
  chargePointId: Scalars['ID']['input'];
  connectorId: Scalars['Int']['input'];
  schedule?: InputMaybe<CommandSchedule>;
};

export type UnlockConnectorPayload = {
  __typename?: 'UnlockConnectorPayload';
  command: Command;
  messageId?: Maybe<Scalars['String']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type UpdateChargePointInput = {
  compatibility?: InputMaybe<Array<Quirk>>;
  id: Scalars['ID']['input'];
  /** A new password; null removes it. */
  password?: InputMaybe<Scalars['String']['input']>;
  registrationStatus?: InputMaybe<RegistrationStatus>;
  /** 1, 2 or 3; its next connection must meet it. */
  securityProfile?: InputMaybe<Scalars['Int']['input']>;
  uploadProtocol?: InputMaybe<UploadProtocol>;
};

export type UpdateChargePointPayload = {
  __typename?: 'UpdateChargePointPayload';
  chargePoint: ChargePoint;
};

/** Fields left out are kept; chargePointIds, when given, is the whole new membership. */
export type UpdateChargingGroupInput = {
  chargePointIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  id: Scalars['ID']['input'];
  maxCurrent?: InputMaybe<Scalars['Float']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateChargingGroupPayload = {
  __typename?: 'UpdateChargingGroupPayload';
  chargingGroup: ChargingGroup;
};

export type UpdateFirmwareInput = {
  chargePointId: Scalars['ID']['input'];
  /** An image uploaded with PUT /files/firmware/<fileName>: the CSMS sends its own download URL for it as location. */
  firmwareFileId?: InputMaybe<Scalars['ID']['input']>;
  /** The image's URI. Required unless firmwareFileId names an image the CSMS hosts. */
  location?: InputMaybe<Scalars['String']['input']>;
  retries?: InputMaybe<Scalars['Int']['input']>;
  retrieveDate: Scalars['DateTime']['input'];
  retryInterval?: InputMaybe<Scalars['Int']['input']>;
  schedule?: InputMaybe<CommandSchedule>;
};

export type UpdateFirmwarePayload = {
  __typename?: 'UpdateFirmwarePayload';
  command: Command;
  /** The location sent to the charge point. */
  location?: Maybe<Scalars['String']['output']>;
  messageId?: Maybe<Scalars['String']['output']>;
};

export type UpdateType =
  | 'Differential'
  | 'Full';

export type UpdateWebhookInput = {
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  eventTypes?: InputMaybe<Array<EventType>>;
  id: Scalars['ID']['input'];
  url?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateWebhookPayload = {
  __typename?: 'UpdateWebhookPayload';
  webhook: Webhook;
};

/** The scheme of the upload URL the CSMS hands out (getDiagnostics without a location). */
export type UploadProtocol =
  | 'FTP'
  | 'HTTP';

/** Creates the id tag, or changes the fields given: on an existing tag a field left out keeps its value, an explicit null clears it. */
export type UpsertIdTagInput = {
  expiryDate?: InputMaybe<Scalars['DateTime']['input']>;
  idTag: Scalars['String']['input'];
  parentIdTag?: InputMaybe<Scalars['String']['input']>;
  /** Also send the tag as it now is to every charge point that holds a local list (a scheduled Differential sendLocalList each). */
  pushToLocalLists?: InputMaybe<Scalars['Boolean']['input']>;
  /** Accepted when a new tag leaves it out. */
  status?: InputMaybe<IdTagStatus>;
};

export type UpsertIdTagPayload = {
  __typename?: 'UpsertIdTagPayload';
  idTag: IdTag;
  /** The sendLocalList commands queued by pushToLocalLists. */
  localListCommands: Array<Command>;
};

export type Webhook = {
  __typename?: 'Webhook';
  description?: Maybe<Scalars['String']['output']>;
  enabled: Scalars['Boolean']['output'];
  eventTypes: Array<EventType>;
  id: Scalars['ID']['output'];
  url: Scalars['String']['output'];
};

export type WebhookConnection = {
  __typename?: 'WebhookConnection';
  edges: Array<WebhookEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

/** One attempt to deliver one event to one webhook. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  attempt: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  error?: Maybe<Scalars['String']['output']>;
  eventId: Scalars['ID']['output'];
  httpStatus?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  status: WebhookDeliveryStatus;
};

export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  edges: Array<WebhookDeliveryEdge>;
  pageInfo: PageInfo;
};

export type WebhookDeliveryEdge = {
  __typename?: 'WebhookDeliveryEdge';
  cursor: Scalars['String']['output'];
  node: WebhookDelivery;
};

export type WebhookDeliveryStatus =
  | 'DEAD'
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING';

export type WebhookEdge = {
  __typename?: 'WebhookEdge';
  cursor: Scalars['String']['output'];
  node: Webhook;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  ApiKey: ResolverTypeWrapper<ApiKeyModel>;
  ApiKeyConnection: ResolverTypeWrapper<Omit<ApiKeyConnection, 'edges'> & { edges: Array<ResolversTypes['ApiKeyEdge']> }>;
  ApiKeyEdge: ResolverTypeWrapper<Omit<ApiKeyEdge, 'node'> & { node: ResolversTypes['ApiKey'] }>;
  AuthorizationDataInput: AuthorizationDataInput;
  AuthorizationStatus: AuthorizationStatus;
  AvailabilityType: AvailabilityType;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CancelReservationInput: CancelReservationInput;
  CancelReservationPayload: ResolverTypeWrapper<Omit<CancelReservationPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  CertificateAuthority: ResolverTypeWrapper<CertificateAuthority>;
  CertificateHashData: ResolverTypeWrapper<CertificateHashData>;
  CertificateHashDataInput: CertificateHashDataInput;
  CertificateSignedInput: CertificateSignedInput;
  CertificateSignedPayload: ResolverTypeWrapper<Omit<CertificateSignedPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  CertificateUse: CertificateUse;
  ChangeAvailabilityInput: ChangeAvailabilityInput;
  ChangeAvailabilityPayload: ResolverTypeWrapper<Omit<ChangeAvailabilityPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  ChangeConfigurationInput: ChangeConfigurationInput;
  ChangeConfigurationPayload: ResolverTypeWrapper<Omit<ChangeConfigurationPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  ChargePoint: ResolverTypeWrapper<ChargePointModel>;
  ChargePointCertificate: ResolverTypeWrapper<ChargePointCertificate>;
  ChargePointCertificateConnection: ResolverTypeWrapper<ChargePointCertificateConnection>;
  ChargePointCertificateEdge: ResolverTypeWrapper<ChargePointCertificateEdge>;
  ChargePointConnection: ResolverTypeWrapper<Omit<ChargePointConnection, 'edges'> & { edges: Array<ResolversTypes['ChargePointEdge']> }>;
  ChargePointConnectionEvent: ResolverTypeWrapper<ChargePointConnectionEvent>;
  ChargePointEdge: ResolverTypeWrapper<Omit<ChargePointEdge, 'node'> & { node: ResolversTypes['ChargePoint'] }>;
  ChargingAllocation: ResolverTypeWrapper<ChargingAllocation>;
  ChargingGroup: ResolverTypeWrapper<ChargingGroup>;
  ChargingGroupConnection: ResolverTypeWrapper<ChargingGroupConnection>;
  ChargingGroupEdge: ResolverTypeWrapper<ChargingGroupEdge>;
  ChargingProfile: ResolverTypeWrapper<ChargingProfile>;
  ChargingProfileConnection: ResolverTypeWrapper<ChargingProfileConnection>;
  ChargingProfileEdge: ResolverTypeWrapper<ChargingProfileEdge>;
  ChargingProfileInput: ChargingProfileInput;
  ChargingProfileKindType: ChargingProfileKindType;
  ChargingProfilePurposeType: ChargingProfilePurposeType;
  ChargingRateUnitType: ChargingRateUnitType;
  ChargingSchedule: ResolverTypeWrapper<ChargingSchedule>;
  ChargingScheduleInput: ChargingScheduleInput;
  ChargingSchedulePeriod: ResolverTypeWrapper<ChargingSchedulePeriod>;
  ChargingSchedulePeriodInput: ChargingSchedulePeriodInput;
  ClearCacheInput: ClearCacheInput;
  ClearCachePayload: ResolverTypeWrapper<Omit<ClearCachePayload, 'command'> & { command: ResolversTypes['Command'] }>;
  ClearChargingProfileInput: ClearChargingProfileInput;
  ClearChargingProfilePayload: ResolverTypeWrapper<Omit<ClearChargingProfilePayload, 'command'> & { command: ResolversTypes['Command'] }>;
  Command: ResolverTypeWrapper<CommandParentModel>;
  CommandConnection: ResolverTypeWrapper<Omit<CommandConnection, 'edges'> & { edges: Array<ResolversTypes['CommandEdge']> }>;
  CommandEdge: ResolverTypeWrapper<Omit<CommandEdge, 'node'> & { node: ResolversTypes['Command'] }>;
  CommandFilter: CommandFilter;
  CommandSchedule: CommandSchedule;
  CommandStatus: CommandStatus;
  ConfigurationKey: ResolverTypeWrapper<ConfigurationKeyModel>;
  Connector: ResolverTypeWrapper<ConnectorParentModel>;
  ConnectorStatusEvent: ResolverTypeWrapper<ConnectorStatusEvent>;
  CreateApiKeyInput: CreateApiKeyInput;
  CreateApiKeyPayload: ResolverTypeWrapper<Omit<CreateApiKeyPayload, 'apiKey'> & { apiKey: ResolversTypes['ApiKey'] }>;
  CreateChargePointInput: CreateChargePointInput;
  CreateChargePointPayload: ResolverTypeWrapper<Omit<CreateChargePointPayload, 'chargePoint'> & { chargePoint: ResolversTypes['ChargePoint'] }>;
  CreateChargingGroupInput: CreateChargingGroupInput;
  CreateChargingGroupPayload: ResolverTypeWrapper<CreateChargingGroupPayload>;
  CreateTenantInput: CreateTenantInput;
  CreateTenantPayload: ResolverTypeWrapper<Omit<CreateTenantPayload, 'tenant'> & { tenant: ResolversTypes['Tenant'] }>;
  CreateWebhookInput: CreateWebhookInput;
  CreateWebhookPayload: ResolverTypeWrapper<CreateWebhookPayload>;
  DataTransferInput: DataTransferInput;
  DataTransferPayload: ResolverTypeWrapper<Omit<DataTransferPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeleteCertificateInput: DeleteCertificateInput;
  DeleteCertificatePayload: ResolverTypeWrapper<Omit<DeleteCertificatePayload, 'command'> & { command: ResolversTypes['Command'] }>;
  DeleteChargePointInput: DeleteChargePointInput;
  DeleteChargePointPayload: ResolverTypeWrapper<DeleteChargePointPayload>;
  DeleteChargingGroupInput: DeleteChargingGroupInput;
  DeleteChargingGroupPayload: ResolverTypeWrapper<DeleteChargingGroupPayload>;
  DeleteFirmwareFileInput: DeleteFirmwareFileInput;
  DeleteFirmwareFilePayload: ResolverTypeWrapper<DeleteFirmwareFilePayload>;
  DeleteIdTagInput: DeleteIdTagInput;
  DeleteIdTagPayload: ResolverTypeWrapper<Omit<DeleteIdTagPayload, 'localListCommands'> & { localListCommands: Array<ResolversTypes['Command']> }>;
  DeleteWebhookInput: DeleteWebhookInput;
  DeleteWebhookPayload: ResolverTypeWrapper<DeleteWebhookPayload>;
  DiagnosticsFile: ResolverTypeWrapper<DiagnosticsFile>;
  DiagnosticsFileConnection: ResolverTypeWrapper<DiagnosticsFileConnection>;
  DiagnosticsFileEdge: ResolverTypeWrapper<DiagnosticsFileEdge>;
  DiagnosticsStatusEvent: ResolverTypeWrapper<DiagnosticsStatusEvent>;
  DiagnosticsStatusEventConnection: ResolverTypeWrapper<DiagnosticsStatusEventConnection>;
  DiagnosticsStatusEventEdge: ResolverTypeWrapper<DiagnosticsStatusEventEdge>;
  Direction: Direction;
  Event: ResolverTypeWrapper<Event>;
  EventConnection: ResolverTypeWrapper<EventConnection>;
  EventEdge: ResolverTypeWrapper<EventEdge>;
  EventFilter: EventFilter;
  EventType: EventType;
  ExtendedMessageTrigger: ExtendedMessageTrigger;
  ExtendedTriggerMessageInput: ExtendedTriggerMessageInput;
  ExtendedTriggerMessagePayload: ResolverTypeWrapper<Omit<ExtendedTriggerMessagePayload, 'command'> & { command: ResolversTypes['Command'] }>;
  FirmwareFile: ResolverTypeWrapper<FirmwareFile>;
  FirmwareFileConnection: ResolverTypeWrapper<FirmwareFileConnection>;
  FirmwareFileEdge: ResolverTypeWrapper<FirmwareFileEdge>;
  FirmwareStatusEvent: ResolverTypeWrapper<FirmwareStatusEvent>;
  FirmwareStatusEventConnection: ResolverTypeWrapper<FirmwareStatusEventConnection>;
  FirmwareStatusEventEdge: ResolverTypeWrapper<FirmwareStatusEventEdge>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GetCompositeScheduleInput: GetCompositeScheduleInput;
  GetCompositeSchedulePayload: ResolverTypeWrapper<Omit<GetCompositeSchedulePayload, 'command'> & { command: ResolversTypes['Command'] }>;
  GetConfigurationInput: GetConfigurationInput;
  GetConfigurationPayload: ResolverTypeWrapper<Omit<GetConfigurationPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  GetDiagnosticsInput: GetDiagnosticsInput;
  GetDiagnosticsPayload: ResolverTypeWrapper<Omit<GetDiagnosticsPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  GetInstalledCertificateIdsInput: GetInstalledCertificateIdsInput;
  GetInstalledCertificateIdsPayload: ResolverTypeWrapper<Omit<GetInstalledCertificateIdsPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  GetLocalListVersionInput: GetLocalListVersionInput;
  GetLocalListVersionPayload: ResolverTypeWrapper<Omit<GetLocalListVersionPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  GetLogInput: GetLogInput;
  GetLogPayload: ResolverTypeWrapper<Omit<GetLogPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  HashAlgorithm: HashAlgorithm;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  IdTag: ResolverTypeWrapper<IdTagModel>;
  IdTagConnection: ResolverTypeWrapper<Omit<IdTagConnection, 'edges'> & { edges: Array<ResolversTypes['IdTagEdge']> }>;
  IdTagEdge: ResolverTypeWrapper<Omit<IdTagEdge, 'node'> & { node: ResolversTypes['IdTag'] }>;
  IdTagInfo: ResolverTypeWrapper<IdTagInfo>;
  IdTagInfoInput: IdTagInfoInput;
  IdTagStatus: IdTagStatus;
  ImportChargePointInput: ImportChargePointInput;
  ImportChargePointsInput: ImportChargePointsInput;
  ImportChargePointsPayload: ResolverTypeWrapper<ImportChargePointsPayload>;
  ImportIdTagInput: ImportIdTagInput;
  ImportIdTagsInput: ImportIdTagsInput;
  ImportIdTagsPayload: ResolverTypeWrapper<ImportIdTagsPayload>;
  InstallCertificateInput: InstallCertificateInput;
  InstallCertificatePayload: ResolverTypeWrapper<Omit<InstallCertificatePayload, 'command'> & { command: ResolversTypes['Command'] }>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  KeyValue: ResolverTypeWrapper<KeyValue>;
  LocalAuthorizationList: ResolverTypeWrapper<LocalAuthorizationList>;
  LocalListEntry: ResolverTypeWrapper<LocalListEntry>;
  LogParametersInput: LogParametersInput;
  LogStatus: ResolverTypeWrapper<LogStatus>;
  LogType: LogType;
  MessageTrigger: MessageTrigger;
  MeterValue: ResolverTypeWrapper<MeterValueModel>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OcppMessage: ResolverTypeWrapper<OcppMessage>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Quirk: Quirk;
  QuirkRepairCount: ResolverTypeWrapper<QuirkRepairCount>;
  RecurrencyKindType: RecurrencyKindType;
  RedeliverWebhookEventInput: RedeliverWebhookEventInput;
  RedeliverWebhookEventPayload: ResolverTypeWrapper<RedeliverWebhookEventPayload>;
  RegistrationStatus: RegistrationStatus;
  RemoteStartTransactionInput: RemoteStartTransactionInput;
  RemoteStartTransactionPayload: ResolverTypeWrapper<Omit<RemoteStartTransactionPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  RemoteStopTransactionInput: RemoteStopTransactionInput;
  RemoteStopTransactionPayload: ResolverTypeWrapper<Omit<RemoteStopTransactionPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  Reservation: ResolverTypeWrapper<Reservation>;
  ReservationConnection: ResolverTypeWrapper<ReservationConnection>;
  ReservationEdge: ResolverTypeWrapper<ReservationEdge>;
  ReservationFilter: ReservationFilter;
  ReservationStatus: ReservationStatus;
  ReserveNowInput: ReserveNowInput;
  ReserveNowPayload: ResolverTypeWrapper<Omit<ReserveNowPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  ResetInput: ResetInput;
  ResetPayload: ResolverTypeWrapper<Omit<ResetPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  ResetType: ResetType;
  RevokeApiKeyInput: RevokeApiKeyInput;
  RevokeApiKeyPayload: ResolverTypeWrapper<Omit<RevokeApiKeyPayload, 'apiKey'> & { apiKey: ResolversTypes['ApiKey'] }>;
  RevokeChargePointCertificateInput: RevokeChargePointCertificateInput;
  RevokeChargePointCertificatePayload: ResolverTypeWrapper<RevokeChargePointCertificatePayload>;
  Role: Role;
  RotateChargePointPasswordInput: RotateChargePointPasswordInput;
  RotateChargePointPasswordPayload: ResolverTypeWrapper<Omit<RotateChargePointPasswordPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  SampledValue: ResolverTypeWrapper<SampledValue>;
  SecurityEvent: ResolverTypeWrapper<SecurityEvent>;
  SecurityEventConnection: ResolverTypeWrapper<SecurityEventConnection>;
  SecurityEventEdge: ResolverTypeWrapper<SecurityEventEdge>;
  SecurityEventFilter: SecurityEventFilter;
  SecurityEventSource: SecurityEventSource;
  SendLocalListInput: SendLocalListInput;
  SendLocalListPayload: ResolverTypeWrapper<Omit<SendLocalListPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  SetCertificateAuthorityInput: SetCertificateAuthorityInput;
  SetCertificateAuthorityPayload: ResolverTypeWrapper<SetCertificateAuthorityPayload>;
  SetChargingProfileInput: SetChargingProfileInput;
  SetChargingProfilePayload: ResolverTypeWrapper<Omit<SetChargingProfilePayload, 'command'> & { command: ResolversTypes['Command'] }>;
  SignedFirmwareInput: SignedFirmwareInput;
  SignedUpdateFirmwareInput: SignedUpdateFirmwareInput;
  SignedUpdateFirmwarePayload: ResolverTypeWrapper<Omit<SignedUpdateFirmwarePayload, 'command'> & { command: ResolversTypes['Command'] }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Tenant: ResolverTypeWrapper<TenantModel>;
  TenantConnection: ResolverTypeWrapper<Omit<TenantConnection, 'edges'> & { edges: Array<ResolversTypes['TenantEdge']> }>;
  TenantEdge: ResolverTypeWrapper<Omit<TenantEdge, 'node'> & { node: ResolversTypes['Tenant'] }>;
  Transaction: ResolverTypeWrapper<TransactionParentModel>;
  TransactionConnection: ResolverTypeWrapper<Omit<TransactionConnection, 'edges'> & { edges: Array<ResolversTypes['TransactionEdge']> }>;
  TransactionEdge: ResolverTypeWrapper<Omit<TransactionEdge, 'node'> & { node: ResolversTypes['Transaction'] }>;
  TransactionFilter: TransactionFilter;
  TransactionState: TransactionState;
  TriggerMessageInput: TriggerMessageInput;
  TriggerMessagePayload: ResolverTypeWrapper<Omit<TriggerMessagePayload, 'command'> & { command: ResolversTypes['Command'] }>;
  UnlockConnectorInput: UnlockConnectorInput;
  UnlockConnectorPayload: ResolverTypeWrapper<Omit<UnlockConnectorPayload, 'command'> & { command: ResolversTypes['Command'] }>;
  UpdateChargePointInput: UpdateChargePointInput;
  UpdateChargePointPayload: ResolverTypeWrapper<Omit<UpdateChargePointPayload, 'chargePoint'> & { chargePoint: ResolversTypes['ChargePoint'] }>;
  UpdateChargingGroupInput: UpdateChargingGroupInput;
  UpdateChargingGroupPayload: ResolverTypeWrapper<UpdateChargingGroupPayload>;
  UpdateFirmwareInput: UpdateFirmwareInput;
  UpdateFirmwarePayload: ResolverTypeWrapper<Omit<UpdateFirmwarePayload, 'command'> & { command: ResolversTypes['Command'] }>;
  UpdateType: UpdateType;
  UpdateWebhookInput: UpdateWebhookInput;
  UpdateWebhookPayload: ResolverTypeWrapper<UpdateWebhookPayload>;
  UploadProtocol: UploadProtocol;
  UpsertIdTagInput: UpsertIdTagInput;
  UpsertIdTagPayload: ResolverTypeWrapper<Omit<UpsertIdTagPayload, 'idTag' | 'localListCommands'> & { idTag: ResolversTypes['IdTag'], localListCommands: Array<ResolversTypes['Command']> }>;
  Webhook: ResolverTypeWrapper<Webhook>;
  WebhookConnection: ResolverTypeWrapper<WebhookConnection>;
  WebhookDelivery: ResolverTypeWrapper<WebhookDelivery>;
  WebhookDeliveryConnection: ResolverTypeWrapper<WebhookDeliveryConnection>;
  WebhookDeliveryEdge: ResolverTypeWrapper<WebhookDeliveryEdge>;
  WebhookDeliveryStatus: WebhookDeliveryStatus;
  WebhookEdge: ResolverTypeWrapper<WebhookEdge>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ApiKey: ApiKeyModel;
  ApiKeyConnection: Omit<ApiKeyConnection, 'edges'> & { edges: Array<ResolversParentTypes['ApiKeyEdge']> };
  ApiKeyEdge: Omit<ApiKeyEdge, 'node'> & { node: ResolversParentTypes['ApiKey'] };
  AuthorizationDataInput: AuthorizationDataInput;
  Boolean: Scalars['Boolean']['output'];
  CancelReservationInput: CancelReservationInput;
  CancelReservationPayload: Omit<CancelReservationPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  CertificateAuthority: CertificateAuthority;
  CertificateHashData: CertificateHashData;
  CertificateHashDataInput: CertificateHashDataInput;
  CertificateSignedInput: CertificateSignedInput;
  CertificateSignedPayload: Omit<CertificateSignedPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  ChangeAvailabilityInput: ChangeAvailabilityInput;
  ChangeAvailabilityPayload: Omit<ChangeAvailabilityPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  ChangeConfigurationInput: ChangeConfigurationInput;
  ChangeConfigurationPayload: Omit<ChangeConfigurationPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  ChargePoint: ChargePointModel;
  ChargePointCertificate: ChargePointCertificate;
  ChargePointCertificateConnection: ChargePointCertificateConnection;
  ChargePointCertificateEdge: ChargePointCertificateEdge;
  ChargePointConnection: Omit<ChargePointConnection, 'edges'> & { edges: Array<ResolversParentTypes['ChargePointEdge']> };
  ChargePointConnectionEvent: ChargePointConnectionEvent;
  ChargePointEdge: Omit<ChargePointEdge, 'node'> & { node: ResolversParentTypes['ChargePoint'] };
  ChargingAllocation: ChargingAllocation;
  ChargingGroup: ChargingGroup;
  ChargingGroupConnection: ChargingGroupConnection;
  ChargingGroupEdge: ChargingGroupEdge;
  ChargingProfile: ChargingProfile;
  ChargingProfileConnection: ChargingProfileConnection;
  ChargingProfileEdge: ChargingProfileEdge;
  ChargingProfileInput: ChargingProfileInput;
  ChargingSchedule: ChargingSchedule;
  ChargingScheduleInput: ChargingScheduleInput;
  ChargingSchedulePeriod: ChargingSchedulePeriod;
  ChargingSchedulePeriodInput: ChargingSchedulePeriodInput;
  ClearCacheInput: ClearCacheInput;
  ClearCachePayload: Omit<ClearCachePayload, 'command'> & { command: ResolversParentTypes['Command'] };
  ClearChargingProfileInput: ClearChargingProfileInput;
  ClearChargingProfilePayload: Omit<ClearChargingProfilePayload, 'command'> & { command: ResolversParentTypes['Command'] };
  Command: CommandParentModel;
  CommandConnection: Omit<CommandConnection, 'edges'> & { edges: Array<ResolversParentTypes['CommandEdge']> };
  CommandEdge: Omit<CommandEdge, 'node'> & { node: ResolversParentTypes['Command'] };
  CommandFilter: CommandFilter;
  CommandSchedule: CommandSchedule;
  ConfigurationKey: ConfigurationKeyModel;
  Connector: ConnectorParentModel;
  ConnectorStatusEvent: ConnectorStatusEvent;
  CreateApiKeyInput: CreateApiKeyInput;
  CreateApiKeyPayload: Omit<CreateApiKeyPayload, 'apiKey'> & { apiKey: ResolversParentTypes['ApiKey'] };
  CreateChargePointInput: CreateChargePointInput;
  CreateChargePointPayload: Omit<CreateChargePointPayload, 'chargePoint'> & { chargePoint: ResolversParentTypes['ChargePoint'] };
  CreateChargingGroupInput: CreateChargingGroupInput;
  CreateChargingGroupPayload: CreateChargingGroupPayload;
  CreateTenantInput: CreateTenantInput;
  CreateTenantPayload: Omit<CreateTenantPayload, 'tenant'> & { tenant: ResolversParentTypes['Tenant'] };
  CreateWebhookInput: CreateWebhookInput;
  CreateWebhookPayload: CreateWebhookPayload;
  DataTransferInput: DataTransferInput;
  DataTransferPayload: Omit<DataTransferPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  DateTime: Scalars['DateTime']['output'];
  DeleteCertificateInput: DeleteCertificateInput;
  DeleteCertificatePayload: Omit<DeleteCertificatePayload, 'command'> & { command: ResolversParentTypes['Command'] };
  DeleteChargePointInput: DeleteChargePointInput;
  DeleteChargePointPayload: DeleteChargePointPayload;
  DeleteChargingGroupInput: DeleteChargingGroupInput;
  DeleteChargingGroupPayload: DeleteChargingGroupPayload;
  DeleteFirmwareFileInput: DeleteFirmwareFileInput;
  DeleteFirmwareFilePayload: DeleteFirmwareFilePayload;
  DeleteIdTagInput: DeleteIdTagInput;
  DeleteIdTagPayload: Omit<DeleteIdTagPayload, 'localListCommands'> & { localListCommands: Array<ResolversParentTypes['Command']> };
  DeleteWebhookInput: DeleteWebhookInput;
  DeleteWebhookPayload: DeleteWebhookPayload;
  DiagnosticsFile: DiagnosticsFile;
  DiagnosticsFileConnection: DiagnosticsFileConnection;
  DiagnosticsFileEdge: DiagnosticsFileEdge;
  DiagnosticsStatusEvent: DiagnosticsStatusEvent;
  DiagnosticsStatusEventConnection: DiagnosticsStatusEventConnection;
  DiagnosticsStatusEventEdge: DiagnosticsStatusEventEdge;
  Event: Event;
  EventConnection: EventConnection;
  EventEdge: EventEdge;
  EventFilter: EventFilter;
  ExtendedTriggerMessageInput: ExtendedTriggerMessageInput;
  ExtendedTriggerMessagePayload: Omit<ExtendedTriggerMessagePayload, 'command'> & { command: ResolversParentTypes['Command'] };
  FirmwareFile: FirmwareFile;
  FirmwareFileConnection: FirmwareFileConnection;
  FirmwareFileEdge: FirmwareFileEdge;
  FirmwareStatusEvent: FirmwareStatusEvent;
  FirmwareStatusEventConnection: FirmwareStatusEventConnection;
  FirmwareStatusEventEdge: FirmwareStatusEventEdge;
  Float: Scalars['Float']['output'];
  GetCompositeScheduleInput: GetCompositeScheduleInput;
  GetCompositeSchedulePayload: Omit<GetCompositeSchedulePayload, 'command'> & { command: ResolversParentTypes['Command'] };
  GetConfigurationInput: GetConfigurationInput;
  GetConfigurationPayload: Omit<GetConfigurationPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  GetDiagnosticsInput: GetDiagnosticsInput;
  GetDiagnosticsPayload: Omit<GetDiagnosticsPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  GetInstalledCertificateIdsInput: GetInstalledCertificateIdsInput;
  GetInstalledCertificateIdsPayload: Omit<GetInstalledCertificateIdsPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  GetLocalListVersionInput: GetLocalListVersionInput;
  GetLocalListVersionPayload: Omit<GetLocalListVersionPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  GetLogInput: GetLogInput;
  GetLogPayload: Omit<GetLogPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  ID: Scalars['ID']['output'];
  IdTag: IdTagModel;
  IdTagConnection: Omit<IdTagConnection, 'edges'> & { edges: Array<ResolversParentTypes['IdTagEdge']> };
  IdTagEdge: Omit<IdTagEdge, 'node'> & { node: ResolversParentTypes['IdTag'] };
  IdTagInfo: IdTagInfo;
  IdTagInfoInput: IdTagInfoInput;
  ImportChargePointInput: ImportChargePointInput;
  ImportChargePointsInput: ImportChargePointsInput;
  ImportChargePointsPayload: ImportChargePointsPayload;
  ImportIdTagInput: ImportIdTagInput;
  ImportIdTagsInput: ImportIdTagsInput;
  ImportIdTagsPayload: ImportIdTagsPayload;
  InstallCertificateInput: InstallCertificateInput;
  InstallCertificatePayload: Omit<InstallCertificatePayload, 'command'> & { command: ResolversParentTypes['Command'] };
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  KeyValue: KeyValue;
  LocalAuthorizationList: LocalAuthorizationList;
  LocalListEntry: LocalListEntry;
  LogParametersInput: LogParametersInput;
  LogStatus: LogStatus;
  MeterValue: MeterValueModel;
  Mutation: Record<PropertyKey, never>;
  OcppMessage: OcppMessage;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  QuirkRepairCount: QuirkRepairCount;
  RedeliverWebhookEventInput: RedeliverWebhookEventInput;
  RedeliverWebhookEventPayload: RedeliverWebhookEventPayload;
  RemoteStartTransactionInput: RemoteStartTransactionInput;
  RemoteStartTransactionPayload: Omit<RemoteStartTransactionPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  RemoteStopTransactionInput: RemoteStopTransactionInput;
  RemoteStopTransactionPayload: Omit<RemoteStopTransactionPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  Reservation: Reservation;
  ReservationConnection: ReservationConnection;
  ReservationEdge: ReservationEdge;
  ReservationFilter: ReservationFilter;
  ReserveNowInput: ReserveNowInput;
  ReserveNowPayload: Omit<ReserveNowPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  ResetInput: ResetInput;
  ResetPayload: Omit<ResetPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  RevokeApiKeyInput: RevokeApiKeyInput;
  RevokeApiKeyPayload: Omit<RevokeApiKeyPayload, 'apiKey'> & { apiKey: ResolversParentTypes['ApiKey'] };
  RevokeChargePointCertificateInput: RevokeChargePointCertificateInput;
  RevokeChargePointCertificatePayload: RevokeChargePointCertificatePayload;
  RotateChargePointPasswordInput: RotateChargePointPasswordInput;
  RotateChargePointPasswordPayload: Omit<RotateChargePointPasswordPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  SampledValue: SampledValue;
  SecurityEvent: SecurityEvent;
  SecurityEventConnection: SecurityEventConnection;
  SecurityEventEdge: SecurityEventEdge;
  SecurityEventFilter: SecurityEventFilter;
  SendLocalListInput: SendLocalListInput;
  SendLocalListPayload: Omit<SendLocalListPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  SetCertificateAuthorityInput: SetCertificateAuthorityInput;
  SetCertificateAuthorityPayload: SetCertificateAuthorityPayload;
  SetChargingProfileInput: SetChargingProfileInput;
  SetChargingProfilePayload: Omit<SetChargingProfilePayload, 'command'> & { command: ResolversParentTypes['Command'] };
  SignedFirmwareInput: SignedFirmwareInput;
  SignedUpdateFirmwareInput: SignedUpdateFirmwareInput;
  SignedUpdateFirmwarePayload: Omit<SignedUpdateFirmwarePayload, 'command'> & { command: ResolversParentTypes['Command'] };
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  Tenant: TenantModel;
  TenantConnection: Omit<TenantConnection, 'edges'> & { edges: Array<ResolversParentTypes['TenantEdge']> };
  TenantEdge: Omit<TenantEdge, 'node'> & { node: ResolversParentTypes['Tenant'] };
  Transaction: TransactionParentModel;
  TransactionConnection: Omit<TransactionConnection, 'edges'> & { edges: Array<ResolversParentTypes['TransactionEdge']> };
  TransactionEdge: Omit<TransactionEdge, 'node'> & { node: ResolversParentTypes['Transaction'] };
  TransactionFilter: TransactionFilter;
  TriggerMessageInput: TriggerMessageInput;
  TriggerMessagePayload: Omit<TriggerMessagePayload, 'command'> & { command: ResolversParentTypes['Command'] };
  UnlockConnectorInput: UnlockConnectorInput;
  UnlockConnectorPayload: Omit<UnlockConnectorPayload, 'command'> & { command: ResolversParentTypes['Command'] };
  UpdateChargePointInput: UpdateChargePointInput;
  UpdateChargePointPayload: Omit<UpdateChargePointPayload, 'chargePoint'> & { chargePoint: ResolversParentTypes['ChargePoint'] };
  UpdateChargingGroupInput: UpdateChargingGroupInput;
  UpdateChargingGroupPayload: UpdateChargingGroupPayload;
  UpdateFirmwareInput: UpdateFirmwareInput;
  UpdateFirmwarePayload: Omit<UpdateFirmwarePayload, 'command'> & { command: ResolversParentTypes['Command'] };
  UpdateWebhookInput: UpdateWebhookInput;
  UpdateWebhookPayload: UpdateWebhookPayload;
  UpsertIdTagInput: UpsertIdTagInput;
  UpsertIdTagPayload: Omit<UpsertIdTagPayload, 'idTag' | 'localListCommands'> & { idTag: ResolversParentTypes['IdTag'], localListCommands: Array<ResolversParentTypes['Command']> };
  Webhook: Webhook;
  WebhookConnection: WebhookConnection;
  WebhookDelivery: WebhookDelivery;
  WebhookDeliveryConnection: WebhookDeliveryConnection;
  WebhookDeliveryEdge: WebhookDeliveryEdge;
  WebhookEdge: WebhookEdge;
};

export type ApiKeyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
};

export type ApiKeyConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ApiKeyConnection'] = ResolversParentTypes['ApiKeyConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ApiKeyEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ApiKeyEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ApiKeyEdge'] = ResolversParentTypes['ApiKeyEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
};

export type CancelReservationPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CancelReservationPayload'] = ResolversParentTypes['CancelReservationPayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CertificateAuthorityResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CertificateAuthority'] = ResolversParentTypes['CertificateAuthority']> = {
  certificate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fingerprintSha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  notAfter?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type CertificateHashDataResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CertificateHashData'] = ResolversParentTypes['CertificateHashData']> = {
  hashAlgorithm?: Resolver<ResolversTypes['HashAlgorithm'], ParentType, ContextType>;
  issuerKeyHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  issuerNameHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  serialNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CertificateSignedPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CertificateSignedPayload'] = ResolversParentTypes['CertificateSignedPayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ChangeAvailabilityPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChangeAvailabilityPayload'] = ResolversParentTypes['ChangeAvailabilityPayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ChangeConfigurationPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChangeConfigurationPayload'] = ResolversParentTypes['ChangeConfigurationPayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ChargePointResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChargePoint'] = ResolversParentTypes['ChargePoint']> = {
  chargeBoxSerialNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  compatibility?: Resolver<Array<ResolversTypes['Quirk']>, ParentType, ContextType>;
  configuration?: Resolver<Array<ResolversTypes['ConfigurationKey']>, ParentType, ContextType>;
  connected?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  connectors?: Resolver<Array<ResolversTypes['Connector']>, ParentType, ContextType, RequireFields<ChargePointConnectorsArgs, 'freshOnly'>>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  diagnosticsStatus?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  firmwareStatus?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  firmwareVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  iccid?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imsi?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastBootAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastHeartbeatAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastSeenAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  localListVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  logStatus?: Resolver<Maybe<ResolversTypes['LogStatus']>, ParentType, ContextType>;
  meterSerialNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  meterType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  model?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  quirkRepairs?: Resolver<Array<ResolversTypes['QuirkRepairCount']>, ParentType, ContextType>;
  registrationStatus?: Resolver<ResolversTypes['RegistrationStatus'], ParentType, ContextType>;
  securityProfile?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  serialNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  uploadProtocol?: Resolver<ResolversTypes['UploadProtocol'], ParentType, ContextType>;
  vendor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ChargePointCertificateResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChargePointCertificate'] = ResolversParentTypes['ChargePointCertificate']> = {
  fingerprintSha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  notAfter?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  notBefore?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  serialNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ChargePointCertificateConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChargePointCertificateConnection'] = ResolversParentTypes['ChargePointCertificateConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ChargePointCertificateEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ChargePointCertificateEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChargePointCertificateEdge'] = ResolversParentTypes['ChargePointCertificateEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ChargePointCertificate'], ParentType, ContextType>;
};

export type ChargePointConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChargePointConnection'] = ResolversParentTypes['ChargePointConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ChargePointEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ChargePointConnectionEventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChargePointConnectionEvent'] = ResolversParentTypes['ChargePointConnectionEvent']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  chargePointId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  connected?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ChargePointEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChargePointEdge'] = ResolversParentTypes['ChargePointEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ChargePoint'], ParentType, ContextType>;
};

export type ChargingAllocationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChargingAllocation'] = ResolversParentTypes['ChargingAllocation']> = {
  chargePointId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  connectorId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  limit?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  transactionId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ChargingGroupResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChargingGroup'] = ResolversParentTypes['ChargingGroup']> = {
  activeTransactions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  allocations?: Resolver<Array<ResolversTypes['ChargingAllocation']>, ParentType, ContextType>;
  chargePointIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  maxCurrent?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ChargingGroupConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChargingGroupConnection'] = ResolversParentTypes['ChargingGroupConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ChargingGroupEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ChargingGroupEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChargingGroupEdge'] = ResolversParentTypes['ChargingGroupEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ChargingGroup'], ParentType, ContextType>;
};

export type ChargingProfileResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChargingProfile'] = ResolversParentTypes['ChargingProfile']> = {
  chargePointId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  chargingProfileId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  chargingProfileKind?: Resolver<ResolversTypes['ChargingProfileKindType'], ParentType, ContextType>;
  chargingProfilePurpose?: Resolver<ResolversTypes['ChargingProfilePurposeType'], ParentType, ContextType>;
  chargingSchedule?: Resolver<ResolversTypes['ChargingSchedule'], ParentType, ContextType>;
  connectorId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  recurrencyKind?: Resolver<Maybe<ResolversTypes['RecurrencyKindType']>, ParentType, ContextType>;
  stackLevel?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  transactionId?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  validFrom?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  validTo?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type ChargingProfileConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChargingProfileConnection'] = ResolversParentTypes['ChargingProfileConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ChargingProfileEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ChargingProfileEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChargingProfileEdge'] = ResolversParentTypes['ChargingProfileEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ChargingProfile'], ParentType, ContextType>;
};

export type ChargingScheduleResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChargingSchedule'] = ResolversParentTypes['ChargingSchedule']> = {
  chargingRateUnit?: Resolver<ResolversTypes['ChargingRateUnitType'], ParentType, ContextType>;
  chargingSchedulePeriod?: Resolver<Array<ResolversTypes['ChargingSchedulePeriod']>, ParentType, ContextType>;
  duration?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  minChargingRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  startSchedule?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type ChargingSchedulePeriodResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChargingSchedulePeriod'] = ResolversParentTypes['ChargingSchedulePeriod']> = {
  limit?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  numberPhases?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  startPeriod?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ClearCachePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ClearCachePayload'] = ResolversParentTypes['ClearCachePayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ClearChargingProfilePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ClearChargingProfilePayload'] = ResolversParentTypes['ClearChargingProfilePayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CommandResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Command'] = ResolversParentTypes['Command']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  chargePointId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  errorCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  errorDescription?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ocppErrorCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  request?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  response?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  retryUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  scheduledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  sentAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CommandStatus'], ParentType, ContextType>;
};

export type CommandConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CommandConnection'] = ResolversParentTypes['CommandConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CommandEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CommandEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CommandEdge'] = ResolversParentTypes['CommandEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
};

export type ConfigurationKeyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConfigurationKey'] = ResolversParentTypes['ConfigurationKey']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  readonly?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ConnectorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Connector'] = ResolversParentTypes['Connector']> = {
  connectorId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  errorCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  info?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stale?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  statusAgeSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  timestamp?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  vendorErrorCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  vendorId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ConnectorStatusEventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConnectorStatusEvent'] = ResolversParentTypes['ConnectorStatusEvent']> = {
  chargePointId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  connectorId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  errorCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  info?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timestamp?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  vendorErrorCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  vendorId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CreateApiKeyPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CreateApiKeyPayload'] = ResolversParentTypes['CreateApiKeyPayload']> = {
  apiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CreateChargePointPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CreateChargePointPayload'] = ResolversParentTypes['CreateChargePointPayload']> = {
  chargePoint?: Resolver<ResolversTypes['ChargePoint'], ParentType, ContextType>;
  password?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CreateChargingGroupPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CreateChargingGroupPayload'] = ResolversParentTypes['CreateChargingGroupPayload']> = {
  chargingGroup?: Resolver<ResolversTypes['ChargingGroup'], ParentType, ContextType>;
};

export type CreateTenantPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CreateTenantPayload'] = ResolversParentTypes['CreateTenantPayload']> = {
  apiKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tenant?: Resolver<ResolversTypes['Tenant'], ParentType, ContextType>;
};

export type CreateWebhookPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CreateWebhookPayload'] = ResolversParentTypes['CreateWebhookPayload']> = {
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  webhook?: Resolver<ResolversTypes['Webhook'], ParentType, ContextType>;
};

export type DataTransferPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DataTransferPayload'] = ResolversParentTypes['DataTransferPayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  data?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeleteCertificatePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DeleteCertificatePayload'] = ResolversParentTypes['DeleteCertificatePayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type DeleteChargePointPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DeleteChargePointPayload'] = ResolversParentTypes['DeleteChargePointPayload']> = {
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type DeleteChargingGroupPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DeleteChargingGroupPayload'] = ResolversParentTypes['DeleteChargingGroupPayload']> = {
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type DeleteFirmwareFilePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DeleteFirmwareFilePayload'] = ResolversParentTypes['DeleteFirmwareFilePayload']> = {
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type DeleteIdTagPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DeleteIdTagPayload'] = ResolversParentTypes['DeleteIdTagPayload']> = {
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  idTag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  localListCommands?: Resolver<Array<ResolversTypes['Command']>, ParentType, ContextType>;
};

export type DeleteWebhookPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DeleteWebhookPayload'] = ResolversParentTypes['DeleteWebhookPayload']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type DiagnosticsFileResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DiagnosticsFile'] = ResolversParentTypes['DiagnosticsFile']> = {
  chargePointId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  contentType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  downloadUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fileName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  uploadedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type DiagnosticsFileConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DiagnosticsFileConnection'] = ResolversParentTypes['DiagnosticsFileConnection']> = {
  edges?: Resolver<Array<ResolversTypes['DiagnosticsFileEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DiagnosticsFileEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DiagnosticsFileEdge'] = ResolversParentTypes['DiagnosticsFileEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['DiagnosticsFile'], ParentType, ContextType>;
};

export type DiagnosticsStatusEventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DiagnosticsStatusEvent'] = ResolversParentTypes['DiagnosticsStatusEvent']> = {
  receivedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DiagnosticsStatusEventConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DiagnosticsStatusEventConnection'] = ResolversParentTypes['DiagnosticsStatusEventConnection']> = {
  edges?: Resolver<Array<ResolversTypes['DiagnosticsStatusEventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DiagnosticsStatusEventEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DiagnosticsStatusEventEdge'] = ResolversParentTypes['DiagnosticsStatusEventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['DiagnosticsStatusEvent'], ParentType, ContextType>;
};

export type EventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Event'] = ResolversParentTypes['Event']> = {
  chargePointId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  payload?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['EventType'], ParentType, ContextType>;
};

export type EventConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EventConnection'] = ResolversParentTypes['EventConnection']> = {
  edges?: Resolver<Array<ResolversTypes['EventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type EventEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EventEdge'] = ResolversParentTypes['EventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Event'], ParentType, ContextType>;
};

export type ExtendedTriggerMessagePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ExtendedTriggerMessagePayload'] = ResolversParentTypes['ExtendedTriggerMessagePayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type FirmwareFileResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FirmwareFile'] = ResolversParentTypes['FirmwareFile']> = {
  contentType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fileName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  uploadedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type FirmwareFileConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FirmwareFileConnection'] = ResolversParentTypes['FirmwareFileConnection']> = {
  edges?: Resolver<Array<ResolversTypes['FirmwareFileEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FirmwareFileEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FirmwareFileEdge'] = ResolversParentTypes['FirmwareFileEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['FirmwareFile'], ParentType, ContextType>;
};

export type FirmwareStatusEventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FirmwareStatusEvent'] = ResolversParentTypes['FirmwareStatusEvent']> = {
  receivedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FirmwareStatusEventConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FirmwareStatusEventConnection'] = ResolversParentTypes['FirmwareStatusEventConnection']> = {
  edges?: Resolver<Array<ResolversTypes['FirmwareStatusEventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FirmwareStatusEventEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FirmwareStatusEventEdge'] = ResolversParentTypes['FirmwareStatusEventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['FirmwareStatusEvent'], ParentType, ContextType>;
};

export type GetCompositeSchedulePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GetCompositeSchedulePayload'] = ResolversParentTypes['GetCompositeSchedulePayload']> = {
  chargingSchedule?: Resolver<Maybe<ResolversTypes['ChargingSchedule']>, ParentType, ContextType>;
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  connectorId?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  scheduleStart?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type GetConfigurationPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GetConfigurationPayload'] = ResolversParentTypes['GetConfigurationPayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  configurationKey?: Resolver<Maybe<Array<ResolversTypes['KeyValue']>>, ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  unknownKey?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
};

export type GetDiagnosticsPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GetDiagnosticsPayload'] = ResolversParentTypes['GetDiagnosticsPayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  fileName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type GetInstalledCertificateIdsPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GetInstalledCertificateIdsPayload'] = ResolversParentTypes['GetInstalledCertificateIdsPayload']> = {
  certificateHashData?: Resolver<Maybe<Array<ResolversTypes['CertificateHashData']>>, ParentType, ContextType>;
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type GetLocalListVersionPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GetLocalListVersionPayload'] = ResolversParentTypes['GetLocalListVersionPayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  listVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type GetLogPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GetLogPayload'] = ResolversParentTypes['GetLogPayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  filename?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  remoteLocation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type IdTagResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['IdTag'] = ResolversParentTypes['IdTag']> = {
  expiryDate?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  idTag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parentIdTag?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['IdTagStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type IdTagConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['IdTagConnection'] = ResolversParentTypes['IdTagConnection']> = {
  edges?: Resolver<Array<ResolversTypes['IdTagEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type IdTagEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['IdTagEdge'] = ResolversParentTypes['IdTagEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['IdTag'], ParentType, ContextType>;
};

export type IdTagInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['IdTagInfo'] = ResolversParentTypes['IdTagInfo']> = {
  expiryDate?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  parentIdTag?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImportChargePointsPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImportChargePointsPayload'] = ResolversParentTypes['ImportChargePointsPayload']> = {
  imported?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ImportIdTagsPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImportIdTagsPayload'] = ResolversParentTypes['ImportIdTagsPayload']> = {
  created?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  imported?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updated?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type InstallCertificatePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['InstallCertificatePayload'] = ResolversParentTypes['InstallCertificatePayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type KeyValueResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['KeyValue'] = ResolversParentTypes['KeyValue']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  readonly?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type LocalAuthorizationListResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LocalAuthorizationList'] = ResolversParentTypes['LocalAuthorizationList']> = {
  chargePointId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  entries?: Resolver<Array<ResolversTypes['LocalListEntry']>, ParentType, ContextType>;
  listVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  reportedListVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  resyncNeeded?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type LocalListEntryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LocalListEntry'] = ResolversParentTypes['LocalListEntry']> = {
  idTag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  idTagInfo?: Resolver<Maybe<ResolversTypes['IdTagInfo']>, ParentType, ContextType>;
};

export type LogStatusResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LogStatus'] = ResolversParentTypes['LogStatus']> = {
  requestId?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type MeterValueResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MeterValue'] = ResolversParentTypes['MeterValue']> = {
  sampledValue?: Resolver<Array<ResolversTypes['SampledValue']>, ParentType, ContextType>;
  timestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  cancelReservation?: Resolver<ResolversTypes['CancelReservationPayload'], ParentType, ContextType, RequireFields<MutationCancelReservationArgs, 'input'>>;
  certificateSigned?: Resolver<ResolversTypes['CertificateSignedPayload'], ParentType, ContextType, RequireFields<MutationCertificateSignedArgs, 'input'>>;
  changeAvailability?: Resolver<ResolversTypes['ChangeAvailabilityPayload'], ParentType, ContextType, RequireFields<MutationChangeAvailabilityArgs, 'input'>>;
  changeConfiguration?: Resolver<ResolversTypes['ChangeConfigurationPayload'], ParentType, ContextType, RequireFields<MutationChangeConfigurationArgs, 'input'>>;
  clearCache?: Resolver<ResolversTypes['ClearCachePayload'], ParentType, ContextType, RequireFields<MutationClearCacheArgs, 'input'>>;
  clearChargingProfile?: Resolver<ResolversTypes['ClearChargingProfilePayload'], ParentType, ContextType, RequireFields<MutationClearChargingProfileArgs, 'input'>>;
  createApiKey?: Resolver<ResolversTypes['CreateApiKeyPayload'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'input'>>;
  createChargePoint?: Resolver<ResolversTypes['CreateChargePointPayload'], ParentType, ContextType, RequireFields<MutationCreateChargePointArgs, 'input'>>;
  createChargingGroup?: Resolver<ResolversTypes['CreateChargingGroupPayload'], ParentType, ContextType, RequireFields<MutationCreateChargingGroupArgs, 'input'>>;
  createTenant?: Resolver<ResolversTypes['CreateTenantPayload'], ParentType, ContextType, RequireFields<MutationCreateTenantArgs, 'input'>>;
  createWebhook?: Resolver<ResolversTypes['CreateWebhookPayload'], ParentType, ContextType, RequireFields<MutationCreateWebhookArgs, 'input'>>;
  dataTransfer?: Resolver<ResolversTypes['DataTransferPayload'], ParentType, ContextType, RequireFields<MutationDataTransferArgs, 'input'>>;
  deleteCertificate?: Resolver<ResolversTypes['DeleteCertificatePayload'], ParentType, ContextType, RequireFields<MutationDeleteCertificateArgs, 'input'>>;
  deleteChargePoint?: Resolver<ResolversTypes['DeleteChargePointPayload'], ParentType, ContextType, RequireFields<MutationDeleteChargePointArgs, 'input'>>;
  deleteChargingGroup?: Resolver<ResolversTypes['DeleteChargingGroupPayload'], ParentType, ContextType, RequireFields<MutationDeleteChargingGroupArgs, 'input'>>;
  deleteFirmwareFile?: Resolver<ResolversTypes['DeleteFirmwareFilePayload'], ParentType, ContextType, RequireFields<MutationDeleteFirmwareFileArgs, 'input'>>;
  deleteIdTag?: Resolver<ResolversTypes['DeleteIdTagPayload'], ParentType, ContextType, RequireFields<MutationDeleteIdTagArgs, 'input'>>;
  deleteWebhook?: Resolver<ResolversTypes['DeleteWebhookPayload'], ParentType, ContextType, RequireFields<MutationDeleteWebhookArgs, 'input'>>;
  extendedTriggerMessage?: Resolver<ResolversTypes['ExtendedTriggerMessagePayload'], ParentType, ContextType, RequireFields<MutationExtendedTriggerMessageArgs, 'input'>>;
  getCompositeSchedule?: Resolver<ResolversTypes['GetCompositeSchedulePayload'], ParentType, ContextType, RequireFields<MutationGetCompositeScheduleArgs, 'input'>>;
  getConfiguration?: Resolver<ResolversTypes['GetConfigurationPayload'], ParentType, ContextType, RequireFields<MutationGetConfigurationArgs, 'input'>>;
  getDiagnostics?: Resolver<ResolversTypes['GetDiagnosticsPayload'], ParentType, ContextType, RequireFields<MutationGetDiagnosticsArgs, 'input'>>;
  getInstalledCertificateIds?: Resolver<ResolversTypes['GetInstalledCertificateIdsPayload'], ParentType, ContextType, RequireFields<MutationGetInstalledCertificateIdsArgs, 'input'>>;
  getLocalListVersion?: Resolver<ResolversTypes['GetLocalListVersionPayload'], ParentType, ContextType, RequireFields<MutationGetLocalListVersionArgs, 'input'>>;
  getLog?: Resolver<ResolversTypes['GetLogPayload'], ParentType, ContextType, RequireFields<MutationGetLogArgs, 'input'>>;
  importChargePoints?: Resolver<ResolversTypes['ImportChargePointsPayload'], ParentType, ContextType, RequireFields<MutationImportChargePointsArgs, 'input'>>;
  importIdTags?: Resolver<ResolversTypes['ImportIdTagsPayload'], ParentType, ContextType, RequireFields<MutationImportIdTagsArgs, 'input'>>;
  installCertificate?: Resolver<ResolversTypes['InstallCertificatePayload'], ParentType, ContextType, RequireFields<MutationInstallCertificateArgs, 'input'>>;
  redeliverWebhookEvent?: Resolver<ResolversTypes['RedeliverWebhookEventPayload'], ParentType, ContextType, RequireFields<MutationRedeliverWebhookEventArgs, 'input'>>;
  remoteStartTransaction?: Resolver<ResolversTypes['RemoteStartTransactionPayload'], ParentType, ContextType, RequireFields<MutationRemoteStartTransactionArgs, 'input'>>;
  remoteStopTransaction?: Resolver<ResolversTypes['RemoteStopTransactionPayload'], ParentType, ContextType, RequireFields<MutationRemoteStopTransactionArgs, 'input'>>;
  reserveNow?: Resolver<ResolversTypes['ReserveNowPayload'], ParentType, ContextType, RequireFields<MutationReserveNowArgs, 'input'>>;
  reset?: Resolver<ResolversTypes['ResetPayload'], ParentType, ContextType, RequireFields<MutationResetArgs, 'input'>>;
  revokeApiKey?: Resolver<ResolversTypes['RevokeApiKeyPayload'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'input'>>;
  revokeChargePointCertificate?: Resolver<ResolversTypes['RevokeChargePointCertificatePayload'], ParentType, ContextType, RequireFields<MutationRevokeChargePointCertificateArgs, 'input'>>;
  rotateChargePointPassword?: Resolver<ResolversTypes['RotateChargePointPasswordPayload'], ParentType, ContextType, RequireFields<MutationRotateChargePointPasswordArgs, 'input'>>;
  sendLocalList?: Resolver<ResolversTypes['SendLocalListPayload'], ParentType, ContextType, RequireFields<MutationSendLocalListArgs, 'input'>>;
  setCertificateAuthority?: Resolver<ResolversTypes['SetCertificateAuthorityPayload'], ParentType, ContextType, RequireFields<MutationSetCertificateAuthorityArgs, 'input'>>;
  setChargingProfile?: Resolver<ResolversTypes['SetChargingProfilePayload'], ParentType, ContextType, RequireFields<MutationSetChargingProfileArgs, 'input'>>;
  signedUpdateFirmware?: Resolver<ResolversTypes['SignedUpdateFirmwarePayload'], ParentType, ContextType, RequireFields<MutationSignedUpdateFirmwareArgs, 'input'>>;
  triggerMessage?: Resolver<ResolversTypes['TriggerMessagePayload'], ParentType, ContextType, RequireFields<MutationTriggerMessageArgs, 'input'>>;
  unlockConnector?: Resolver<ResolversTypes['UnlockConnectorPayload'], ParentType, ContextType, RequireFields<MutationUnlockConnectorArgs, 'input'>>;
  updateChargePoint?: Resolver<ResolversTypes['UpdateChargePointPayload'], ParentType, ContextType, RequireFields<MutationUpdateChargePointArgs, 'input'>>;
  updateChargingGroup?: Resolver<ResolversTypes['UpdateChargingGroupPayload'], ParentType, ContextType, RequireFields<MutationUpdateChargingGroupArgs, 'input'>>;
  updateFirmware?: Resolver<ResolversTypes['UpdateFirmwarePayload'], ParentType, ContextType, RequireFields<MutationUpdateFirmwareArgs, 'input'>>;
  updateWebhook?: Resolver<ResolversTypes['UpdateWebhookPayload'], ParentType, ContextType, RequireFields<MutationUpdateWebhookArgs, 'input'>>;
  upsertIdTag?: Resolver<ResolversTypes['UpsertIdTagPayload'], ParentType, ContextType, RequireFields<MutationUpsertIdTagArgs, 'input'>>;
};

export type OcppMessageResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['OcppMessage'] = ResolversParentTypes['OcppMessage']> = {
  action?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  chargePointId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['Direction'], ParentType, ContextType>;
  errorCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  messageTypeId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  payload?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  timestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  uniqueId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  apiKeys?: Resolver<ResolversTypes['ApiKeyConnection'], ParentType, ContextType, RequireFields<QueryApiKeysArgs, 'first'>>;
  certificateAuthority?: Resolver<ResolversTypes['CertificateAuthority'], ParentType, ContextType>;
  chargePoint?: Resolver<ResolversTypes['ChargePoint'], ParentType, ContextType, RequireFields<QueryChargePointArgs, 'id'>>;
  chargePointCertificates?: Resolver<ResolversTypes['ChargePointCertificateConnection'], ParentType, ContextType, RequireFields<QueryChargePointCertificatesArgs, 'chargePointId' | 'first'>>;
  chargePoints?: Resolver<ResolversTypes['ChargePointConnection'], ParentType, ContextType, RequireFields<QueryChargePointsArgs, 'first'>>;
  chargingGroups?: Resolver<ResolversTypes['ChargingGroupConnection'], ParentType, ContextType, RequireFields<QueryChargingGroupsArgs, 'first'>>;
  chargingProfiles?: Resolver<ResolversTypes['ChargingProfileConnection'], ParentType, ContextType, RequireFields<QueryChargingProfilesArgs, 'chargePointId' | 'first'>>;
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType, RequireFields<QueryCommandArgs, 'id'>>;
  commands?: Resolver<ResolversTypes['CommandConnection'], ParentType, ContextType, RequireFields<QueryCommandsArgs, 'first'>>;
  diagnosticsFiles?: Resolver<ResolversTypes['DiagnosticsFileConnection'], ParentType, ContextType, RequireFields<QueryDiagnosticsFilesArgs, 'chargePointId' | 'first'>>;
  diagnosticsStatusHistory?: Resolver<ResolversTypes['DiagnosticsStatusEventConnection'], ParentType, ContextType, RequireFields<QueryDiagnosticsStatusHistoryArgs, 'chargePointId' | 'first'>>;
  events?: Resolver<ResolversTypes['EventConnection'], ParentType, ContextType, RequireFields<QueryEventsArgs, 'first'>>;
  expectedCompositeSchedule?: Resolver<Maybe<ResolversTypes['ChargingSchedule']>, ParentType, ContextType, RequireFields<QueryExpectedCompositeScheduleArgs, 'chargePointId' | 'connectorId' | 'duration'>>;
  firmwareFiles?: Resolver<ResolversTypes['FirmwareFileConnection'], ParentType, ContextType, RequireFields<QueryFirmwareFilesArgs, 'first'>>;
  firmwareStatusHistory?: Resolver<ResolversTypes['FirmwareStatusEventConnection'], ParentType, ContextType, RequireFields<QueryFirmwareStatusHistoryArgs, 'chargePointId' | 'first'>>;
  idTags?: Resolver<ResolversTypes['IdTagConnection'], ParentType, ContextType, RequireFields<QueryIdTagsArgs, 'first'>>;
  localAuthorizationList?: Resolver<ResolversTypes['LocalAuthorizationList'], ParentType, ContextType, RequireFields<QueryLocalAuthorizationListArgs, 'chargePointId'>>;
  me?: Resolver<ResolversTypes['Tenant'], ParentType, ContextType>;
  reservations?: Resolver<ResolversTypes['ReservationConnection'], ParentType, ContextType, RequireFields<QueryReservationsArgs, 'first'>>;
  securityEvents?: Resolver<ResolversTypes['SecurityEventConnection'], ParentType, ContextType, RequireFields<QuerySecurityEventsArgs, 'first'>>;
  tenants?: Resolver<ResolversTypes['TenantConnection'], ParentType, ContextType, RequireFields<QueryTenantsArgs, 'first'>>;
  transaction?: Resolver<ResolversTypes['Transaction'], ParentType, ContextType, RequireFields<QueryTransactionArgs, 'id'>>;
  transactions?: Resolver<ResolversTypes['TransactionConnection'], ParentType, ContextType, RequireFields<QueryTransactionsArgs, 'first'>>;
  webhookDeliveries?: Resolver<ResolversTypes['WebhookDeliveryConnection'], ParentType, ContextType, RequireFields<QueryWebhookDeliveriesArgs, 'first' | 'webhookId'>>;
  webhooks?: Resolver<ResolversTypes['WebhookConnection'], ParentType, ContextType, RequireFields<QueryWebhooksArgs, 'first'>>;
};

export type QuirkRepairCountResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['QuirkRepairCount'] = ResolversParentTypes['QuirkRepairCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  quirk?: Resolver<ResolversTypes['Quirk'], ParentType, ContextType>;
};

export type RedeliverWebhookEventPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RedeliverWebhookEventPayload'] = ResolversParentTypes['RedeliverWebhookEventPayload']> = {
  delivery?: Resolver<ResolversTypes['WebhookDelivery'], ParentType, ContextType>;
};

export type RemoteStartTransactionPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RemoteStartTransactionPayload'] = ResolversParentTypes['RemoteStartTransactionPayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type RemoteStopTransactionPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RemoteStopTransactionPayload'] = ResolversParentTypes['RemoteStopTransactionPayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ReservationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Reservation'] = ResolversParentTypes['Reservation']> = {
  chargePointId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  connectorId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiryDate?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  idTag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parentIdTag?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  responseStatus?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReservationStatus'], ParentType, ContextType>;
  transactionId?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ReservationConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ReservationConnection'] = ResolversParentTypes['ReservationConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ReservationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ReservationEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ReservationEdge'] = ResolversParentTypes['ReservationEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Reservation'], ParentType, ContextType>;
};

export type ReserveNowPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ReserveNowPayload'] = ResolversParentTypes['ReserveNowPayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reservationId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ResetPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ResetPayload'] = ResolversParentTypes['ResetPayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type RevokeApiKeyPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RevokeApiKeyPayload'] = ResolversParentTypes['RevokeApiKeyPayload']> = {
  apiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
};

export type RevokeChargePointCertificatePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RevokeChargePointCertificatePayload'] = ResolversParentTypes['RevokeChargePointCertificatePayload']> = {
  certificate?: Resolver<ResolversTypes['ChargePointCertificate'], ParentType, ContextType>;
};

export type RotateChargePointPasswordPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RotateChargePointPasswordPayload'] = ResolversParentTypes['RotateChargePointPasswordPayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  password?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SampledValueResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SampledValue'] = ResolversParentTypes['SampledValue']> = {
  context?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  format?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  measurand?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phase?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  unit?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SecurityEventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SecurityEvent'] = ResolversParentTypes['SecurityEvent']> = {
  chargePointId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['SecurityEventSource'], ParentType, ContextType>;
  techInfo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  timestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SecurityEventConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SecurityEventConnection'] = ResolversParentTypes['SecurityEventConnection']> = {
  edges?: Resolver<Array<ResolversTypes['SecurityEventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SecurityEventEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SecurityEventEdge'] = ResolversParentTypes['SecurityEventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['SecurityEvent'], ParentType, ContextType>;
};

export type SendLocalListPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SendLocalListPayload'] = ResolversParentTypes['SendLocalListPayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  listVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SetCertificateAuthorityPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SetCertificateAuthorityPayload'] = ResolversParentTypes['SetCertificateAuthorityPayload']> = {
  certificateAuthority?: Resolver<ResolversTypes['CertificateAuthority'], ParentType, ContextType>;
};

export type SetChargingProfilePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SetChargingProfilePayload'] = ResolversParentTypes['SetChargingProfilePayload']> = {
  chargingProfileId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SignedUpdateFirmwarePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SignedUpdateFirmwarePayload'] = ResolversParentTypes['SignedUpdateFirmwarePayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  chargePointConnectionChanged?: SubscriptionResolver<ResolversTypes['ChargePointConnectionEvent'], "chargePointConnectionChanged", ParentType, ContextType, Partial<SubscriptionChargePointConnectionChangedArgs>>;
  commandUpdated?: SubscriptionResolver<ResolversTypes['Command'], "commandUpdated", ParentType, ContextType, Partial<SubscriptionCommandUpdatedArgs>>;
  connectorStatusChanged?: SubscriptionResolver<ResolversTypes['ConnectorStatusEvent'], "connectorStatusChanged", ParentType, ContextType, Partial<SubscriptionConnectorStatusChangedArgs>>;
  events?: SubscriptionResolver<ResolversTypes['Event'], "events", ParentType, ContextType, Partial<SubscriptionEventsArgs>>;
  ocppMessages?: SubscriptionResolver<ResolversTypes['OcppMessage'], "ocppMessages", ParentType, ContextType, Partial<SubscriptionOcppMessagesArgs>>;
  transactionUpdated?: SubscriptionResolver<ResolversTypes['Transaction'], "transactionUpdated", ParentType, ContextType, Partial<SubscriptionTransactionUpdatedArgs>>;
};

export type TenantResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Tenant'] = ResolversParentTypes['Tenant']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TenantConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TenantConnection'] = ResolversParentTypes['TenantConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TenantEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TenantEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TenantEdge'] = ResolversParentTypes['TenantEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Tenant'], ParentType, ContextType>;
};

export type TransactionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Transaction'] = ResolversParentTypes['Transaction']> = {
  abandonedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  abandonedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  chargePointId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  connectorId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  energyWh?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  idTag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  meterStart?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  meterStop?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  meterValues?: Resolver<Array<ResolversTypes['MeterValue']>, ParentType, ContextType>;
  reservationId?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  startStatus?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startTimestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['TransactionState'], ParentType, ContextType>;
  stopReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stopTimestamp?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type TransactionConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TransactionConnection'] = ResolversParentTypes['TransactionConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TransactionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TransactionEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TransactionEdge'] = ResolversParentTypes['TransactionEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Transaction'], ParentType, ContextType>;
};

export type TriggerMessagePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TriggerMessagePayload'] = ResolversParentTypes['TriggerMessagePayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type UnlockConnectorPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UnlockConnectorPayload'] = ResolversParentTypes['UnlockConnectorPayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type UpdateChargePointPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UpdateChargePointPayload'] = ResolversParentTypes['UpdateChargePointPayload']> = {
  chargePoint?: Resolver<ResolversTypes['ChargePoint'], ParentType, ContextType>;
};

export type UpdateChargingGroupPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UpdateChargingGroupPayload'] = ResolversParentTypes['UpdateChargingGroupPayload']> = {
  chargingGroup?: Resolver<ResolversTypes['ChargingGroup'], ParentType, ContextType>;
};

export type UpdateFirmwarePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UpdateFirmwarePayload'] = ResolversParentTypes['UpdateFirmwarePayload']> = {
  command?: Resolver<ResolversTypes['Command'], ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type UpdateWebhookPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UpdateWebhookPayload'] = ResolversParentTypes['UpdateWebhookPayload']> = {
  webhook?: Resolver<ResolversTypes['Webhook'], ParentType, ContextType>;
};

export type UpsertIdTagPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UpsertIdTagPayload'] = ResolversParentTypes['UpsertIdTagPayload']> = {
  idTag?: Resolver<ResolversTypes['IdTag'], ParentType, ContextType>;
  localListCommands?: Resolver<Array<ResolversTypes['Command']>, ParentType, ContextType>;
};

export type WebhookResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Webhook'] = ResolversParentTypes['Webhook']> = {
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  eventTypes?: Resolver<Array<ResolversTypes['EventType']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WebhookConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WebhookConnection'] = ResolversParentTypes['WebhookConnection']> = {
  edges?: Resolver<Array<ResolversTypes['WebhookEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type WebhookDeliveryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WebhookDelivery'] = ResolversParentTypes['WebhookDelivery']> = {
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  httpStatus?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  nextAttemptAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WebhookDeliveryStatus'], ParentType, ContextType>;
};

export type WebhookDeliveryConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WebhookDeliveryConnection'] = ResolversParentTypes['WebhookDeliveryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['WebhookDeliveryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type WebhookDeliveryEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WebhookDeliveryEdge'] = ResolversParentTypes['WebhookDeliveryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['WebhookDelivery'], ParentType, ContextType>;
};

export type WebhookEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WebhookEdge'] = ResolversParentTypes['WebhookEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Webhook'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  ApiKey?: ApiKeyResolvers<ContextType>;
  ApiKeyConnection?: ApiKeyConnectionResolvers<ContextType>;
  ApiKeyEdge?: ApiKeyEdgeResolvers<ContextType>;
  CancelReservationPayload?: CancelReservationPayloadResolvers<ContextType>;
  CertificateAuthority?: CertificateAuthorityResolvers<ContextType>;
  CertificateHashData?: CertificateHashDataResolvers<ContextType>;
  CertificateSignedPayload?: CertificateSignedPayloadResolvers<ContextType>;
  ChangeAvailabilityPayload?: ChangeAvailabilityPayloadResolvers<ContextType>;
  ChangeConfigurationPayload?: ChangeConfigurationPayloadResolvers<ContextType>;
  ChargePoint?: ChargePointResolvers<ContextType>;
  ChargePointCertificate?: ChargePointCertificateResolvers<ContextType>;
  ChargePointCertificateConnection?: ChargePointCertificateConnectionResolvers<ContextType>;
  ChargePointCertificateEdge?: ChargePointCertificateEdgeResolvers<ContextType>;
  ChargePointConnection?: ChargePointConnectionResolvers<ContextType>;
  ChargePointConnectionEvent?: ChargePointConnectionEventResolvers<ContextType>;
  ChargePointEdge?: ChargePointEdgeResolvers<ContextType>;
  ChargingAllocation?: ChargingAllocationResolvers<ContextType>;
  ChargingGroup?: ChargingGroupResolvers<ContextType>;
  ChargingGroupConnection?: ChargingGroupConnectionResolvers<ContextType>;
  ChargingGroupEdge?: ChargingGroupEdgeResolvers<ContextType>;
  ChargingProfile?: ChargingProfileResolvers<ContextType>;
  ChargingProfileConnection?: ChargingProfileConnectionResolvers<ContextType>;
  ChargingProfileEdge?: ChargingProfileEdgeResolvers<ContextType>;
  ChargingSchedule?: ChargingScheduleResolvers<ContextType>;
  ChargingSchedulePeriod?: ChargingSchedulePeriodResolvers<ContextType>;
  ClearCachePayload?: ClearCachePayloadResolvers<ContextType>;
  ClearChargingProfilePayload?: ClearChargingProfilePayloadResolvers<ContextType>;
  Command?: CommandResolvers<ContextType>;
  CommandConnection?: CommandConnectionResolvers<ContextType>;
  CommandEdge?: CommandEdgeResolvers<ContextType>;
  ConfigurationKey?: ConfigurationKeyResolvers<ContextType>;
  Connector?: ConnectorResolvers<ContextType>;
  ConnectorStatusEvent?: ConnectorStatusEventResolvers<ContextType>;
  CreateApiKeyPayload?: CreateApiKeyPayloadResolvers<ContextType>;
  CreateChargePointPayload?: CreateChargePointPayloadResolvers<ContextType>;
  CreateChargingGroupPayload?: CreateChargingGroupPayloadResolvers<ContextType>;
  CreateTenantPayload?: CreateTenantPayloadResolvers<ContextType>;
  CreateWebhookPayload?: CreateWebhookPayloadResolvers<ContextType>;
  DataTransferPayload?: DataTransferPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeleteCertificatePayload?: DeleteCertificatePayloadResolvers<ContextType>;
  DeleteChargePointPayload?: DeleteChargePointPayloadResolvers<ContextType>;
  DeleteChargingGroupPayload?: DeleteChargingGroupPayloadResolvers<ContextType>;
  DeleteFirmwareFilePayload?: DeleteFirmwareFilePayloadResolvers<ContextType>;
  DeleteIdTagPayload?: DeleteIdTagPayloadResolvers<ContextType>;
  DeleteWebhookPayload?: DeleteWebhookPayloadResolvers<ContextType>;
  DiagnosticsFile?: DiagnosticsFileResolvers<ContextType>;
  DiagnosticsFileConnection?: DiagnosticsFileConnectionResolvers<ContextType>;
  DiagnosticsFileEdge?: DiagnosticsFileEdgeResolvers<ContextType>;
  DiagnosticsStatusEvent?: DiagnosticsStatusEventResolvers<ContextType>;
  DiagnosticsStatusEventConnection?: DiagnosticsStatusEventConnectionResolvers<ContextType>;
  DiagnosticsStatusEventEdge?: DiagnosticsStatusEventEdgeResolvers<ContextType>;
  Event?: EventResolvers<ContextType>;
  EventConnection?: EventConnectionResolvers<ContextType>;
  EventEdge?: EventEdgeResolvers<ContextType>;
  ExtendedTriggerMessagePayload?: ExtendedTriggerMessagePayloadResolvers<ContextType>;
  FirmwareFile?: FirmwareFileResolvers<ContextType>;
  FirmwareFileConnection?: FirmwareFileConnectionResolvers<ContextType>;
  FirmwareFileEdge?: FirmwareFileEdgeResolvers<ContextType>;
  FirmwareStatusEvent?: FirmwareStatusEventResolvers<ContextType>;
  FirmwareStatusEventConnection?: FirmwareStatusEventConnectionResolvers<ContextType>;
  FirmwareStatusEventEdge?: FirmwareStatusEventEdgeResolvers<ContextType>;
  GetCompositeSchedulePayload?: GetCompositeSchedulePayloadResolvers<ContextType>;
  GetConfigurationPayload?: GetConfigurationPayloadResolvers<ContextType>;
  GetDiagnosticsPayload?: GetDiagnosticsPayloadResolvers<ContextType>;
  GetInstalledCertificateIdsPayload?: GetInstalledCertificateIdsPayloadResolvers<ContextType>;
  GetLocalListVersionPayload?: GetLocalListVersionPayloadResolvers<ContextType>;
  GetLogPayload?: GetLogPayloadResolvers<ContextType>;
  IdTag?: IdTagResolvers<ContextType>;
  IdTagConnection?: IdTagConnectionResolvers<ContextType>;
  IdTagEdge?: IdTagEdgeResolvers<ContextType>;
  IdTagInfo?: IdTagInfoResolvers<ContextType>;
  ImportChargePointsPayload?: ImportChargePointsPayloadResolvers<ContextType>;
  ImportIdTagsPayload?: ImportIdTagsPayloadResolvers<ContextType>;
  InstallCertificatePayload?: InstallCertificatePayloadResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  KeyValue?: KeyValueResolvers<ContextType>;
  LocalAuthorizationList?: LocalAuthorizationListResolvers<ContextType>;
  LocalListEntry?: LocalListEntryResolvers<ContextType>;
  LogStatus?: LogStatusResolvers<ContextType>;
  MeterValue?: MeterValueResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OcppMessage?: OcppMessageResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  QuirkRepairCount?: QuirkRepairCountResolvers<ContextType>;
  RedeliverWebhookEventPayload?: RedeliverWebhookEventPayloadResolvers<ContextType>;
  RemoteStartTransactionPayload?: RemoteStartTransactionPayloadResolvers<ContextType>;
  RemoteStopTransactionPayload?: RemoteStopTransactionPayloadResolvers<ContextType>;
  Reservation?: ReservationResolvers<ContextType>;
  ReservationConnection?: ReservationConnectionResolvers<ContextType>;
  ReservationEdge?: ReservationEdgeResolvers<ContextType>;
  ReserveNowPayload?: ReserveNowPayloadResolvers<ContextType>;
  ResetPayload?: ResetPayloadResolvers<ContextType>;
  RevokeApiKeyPayload?: RevokeApiKeyPayloadResolvers<ContextType>;
  RevokeChargePointCertificatePayload?: RevokeChargePointCertificatePayloadResolvers<ContextType>;
  RotateChargePointPasswordPayload?: RotateChargePointPasswordPayloadResolvers<ContextType>;
  SampledValue?: SampledValueResolvers<ContextType>;
  SecurityEvent?: SecurityEventResolvers<ContextType>;
  SecurityEventConnection?: SecurityEventConnectionResolvers<ContextType>;
  SecurityEventEdge?: SecurityEventEdgeResolvers<ContextType>;
  SendLocalListPayload?: SendLocalListPayloadResolvers<ContextType>;
  SetCertificateAuthorityPayload?: SetCertificateAuthorityPayloadResolvers<ContextType>;
  SetChargingProfilePayload?: SetChargingProfilePayloadResolvers<ContextType>;
  SignedUpdateFirmwarePayload?: SignedUpdateFirmwarePayloadResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Tenant?: TenantResolvers<ContextType>;
  TenantConnection?: TenantConnectionResolvers<ContextType>;
  TenantEdge?: TenantEdgeResolvers<ContextType>;
  Transaction?: TransactionResolvers<ContextType>;
  TransactionConnection?: TransactionConnectionResolvers<ContextType>;
  TransactionEdge?: TransactionEdgeResolvers<ContextType>;
  TriggerMessagePayload?: TriggerMessagePayloadResolvers<ContextType>;
  UnlockConnectorPayload?: UnlockConnectorPayloadResolvers<ContextType>;
  UpdateChargePointPayload?: UpdateChargePointPayloadResolvers<ContextType>;
  UpdateChargingGroupPayload?: UpdateChargingGroupPayloadResolvers<ContextType>;
  UpdateFirmwarePayload?: UpdateFirmwarePayloadResolvers<ContextType>;
  UpdateWebhookPayload?: UpdateWebhookPayloadResolvers<ContextType>;
  UpsertIdTagPayload?: UpsertIdTagPayloadResolvers<ContextType>;
  Webhook?: WebhookResolvers<ContextType>;
  WebhookConnection?: WebhookConnectionResolvers<ContextType>;
  WebhookDelivery?: WebhookDeliveryResolvers<ContextType>;
  WebhookDeliveryConnection?: WebhookDeliveryConnectionResolvers<ContextType>;
  WebhookDeliveryEdge?: WebhookDeliveryEdgeResolvers<ContextType>;
  WebhookEdge?: WebhookEdgeResolvers<ContextType>;
};

