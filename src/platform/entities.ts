import { ConfigurationKey } from '../modules/charge-point/configuration-key.entity';
import { ChargePoint } from '../modules/charge-point/charge-point.entity';
import { Connector } from '../modules/charge-point/connector.entity';
import { StatusNotification } from '../modules/charge-point/status-notification.entity';
import { IdTag } from '../modules/authorization/id-tag.entity';
import { Command } from '../modules/command/command.entity';
import { ApiKey } from '../modules/tenant/api-key.entity';
import { Tenant } from '../modules/tenant/tenant.entity';
import { MeterValue } from '../modules/transaction/meter-value.entity';
import { ChargingTransaction } from '../modules/transaction/transaction.entity';
import { Reservation } from '../modules/reservation/reservation.entity';
import { LocalListEntry } from '../modules/local-list/local-list-entry.entity';
import { LocalListState } from '../modules/local-list/local-list-state.entity';
import { ChargingProfile } from '../modules/smart-charging/charging-profile.entity';
import { ChargingGroup, ChargingGroupMember } from '../modules/smart-charging/charging-group.entity';
import { FirmwareStatusEvent } from '../modules/firmware/firmware-status-event.entity';
import { DiagnosticsStatusEvent } from '../modules/diagnostics/diagnostics-status-event.entity';
import { DiagnosticsFile, DiagnosticsUploadToken } from '../modules/diagnostics/diagnostics-file.entity';
import { FirmwareDownloadToken, FirmwareFile, FirmwareUploadReservation } from '../modules/firmware/firmware-file.entity';
import { CertificateAuthority } from '../modules/security/certificate-authority.entity';
import { ChargePointCertificate } from '../modules/security/charge-point-certificate.entity';
import { SecurityEvent } from '../modules/security/security-event.entity';
import { EventRecord, TenantEventSeq } from '../modules/event/event.entity';
import { Webhook, WebhookDelivery } from '../modules/webhook/webhook.entity';

/** Every MikroORM entity; a module adds its entities here. */
export const ENTITIES = [
  Tenant,
  ApiKey,
  ChargePoint,
  Connector,
  StatusNotification,
  ConfigurationKey,
  IdTag,
  ChargingTransaction,
  MeterValue,
  Command,
  Reservation,
  LocalListEntry,
  LocalListState,
  ChargingProfile,
  ChargingGroup,
  ChargingGroupMember,
  FirmwareStatusEvent,
  DiagnosticsStatusEvent,
  DiagnosticsFile,
  DiagnosticsUploadToken,
  FirmwareFile,
  FirmwareDownloadToken,
  FirmwareUploadReservation,
  CertificateAuthority,
  ChargePointCertificate,
  SecurityEvent,
  EventRecord,
  TenantEventSeq,
  Webhook,
  WebhookDelivery,
];
