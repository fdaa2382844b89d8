import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125202307_initial } from './Migration20261125202307_initial';
import { Migration20261125203816_profiles } from './Migration20261125203816_profiles';
import { Migration20261125213411_charging_groups } from './Migration20261125213411_charging_groups';
import { Migration20261126014500_pending_tx_profile } from './Migration20261126014500_pending_tx_profile';
import { Migration20261126015042_firmware_files } from './Migration20261126015042_firmware_files';
import { Migration20261126021718_meter_bigint } from './Migration20261126021718_meter_bigint';
import { Migration20261126025818_diagnostics_file_name } from './Migration20261126025818_diagnostics_file_name';
import { Migration20261126033100_transaction_connector_start_index } from './Migration20261126033100_transaction_connector_start_index';
import { Migration20261126033152_local_list_issued_version } from './Migration20261126033152_local_list_issued_version';
import { Migration20261202170500_meter_value_unique } from './Migration20261202170500_meter_value_unique';
import { Migration20261202171500_firmware_upload_reservation } from './Migration20261202171500_firmware_upload_reservation';
import { Migration20261202170252_transaction_state } from './Migration20261202170252_transaction_state';
import { Migration20261202174053_upload_protocol } from './Migration20261202174053_upload_protocol';
import { Migration20261202175239_charge_point_quirks } from './Migration20261202175239_charge_point_quirks';
import { Migration20261202170637_security_extension } from './Migration20261202170637_security_extension';
import { Migration20261202170116_event_log_webhooks } from './Migration20261202170116_event_log_webhooks';
import { Migration20261206170000_row_level_security } from './Migration20261206170000_row_level_security';
import { Migration20261206230000_start_transaction_function } from './Migration20261206230000_start_transaction_function';
import { Migration20261206233000_stop_transaction_function } from './Migration20261206233000_stop_transaction_function';
import { Migration20261206234000_meter_values_function } from './Migration20261206234000_meter_values_function';
import { Migration20261207050000_webhook_delivery_claims } from './Migration20261207050000_webhook_delivery_claims';

/** Checked-in migrations, in order. Listed statically so they run the same from ts and from dist. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261125202307_initial', class: Migration20261125202307_initial },
  { name: 'Migration20261125203816_profiles', class: Migration20261125203816_profiles },
  { name: 'Migration20261125213411_charging_groups', class: Migration20261125213411_charging_groups },
  { name: 'Migration20261126014500_pending_tx_profile', class: Migration20261126014500_pending_tx_profile },
  { name: 'Migration20261126015042_firmware_files', class: Migration20261126015042_firmware_files },
  { name: 'Migration20261126021718_meter_bigint', class: Migration20261126021718_meter_bigint },
  { name: 'Migration20261126025818_diagnostics_file_name', class: Migration20261126025818_diagnostics_file_name },
  { name: 'Migration20261126033100_transaction_connector_start_index', class: Migration20261126033100_transaction_connector_start_index },
  { name: 'Migration20261126033152_local_list_issued_version', class: Migration20261126033152_local_list_issued_version },
  { name: 'Migration20261202170500_meter_value_unique', class: Migration20261202170500_meter_value_unique },
  { name: 'Migration20261202171500_firmware_upload_reservation', class: Migration20261202171500_firmware_upload_reservation },
  { name: 'Migration20261202170252_transaction_state', class: Migration20261202170252_transaction_state },
  { name: 'Migration20261202174053_upload_protocol', class: Migration20261202174053_upload_protocol },
  { name: 'Migration20261202175239_charge_point_quirks', class: Migration20261202175239_charge_point_quirks },
  { name: 'Migration20261202170637_security_extension', class: Migration20261202170637_security_extension },
  { name: 'Migration20261202170116_event_log_webhooks', class: Migration20261202170116_event_log_webhooks },
  { name: 'Migration20261206170000_row_level_security', class: Migration20261206170000_row_level_security },
  { name: 'Migration20261206230000_start_transaction_function', class: Migration20261206230000_start_transaction_function },
  { name: 'Migration20261206233000_stop_transaction_function', class: Migration20261206233000_stop_transaction_function },
  { name: 'Migration20261206234000_meter_values_function', class: Migration20261206234000_meter_values_function },
  { name: 'Migration20261207050000_webhook_delivery_claims', class: Migration20261207050000_webhook_delivery_claims },
];
