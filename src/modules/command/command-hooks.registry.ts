import type { CommandHookRegistry } from './command-hooks';
import { configurationHooks } from '../charge-point/configuration.hooks';
import { diagnosticsHooks } from '../diagnostics/diagnostics.hooks';
import { firmwareHooks } from '../firmware/firmware.hooks';
import { localListHooks } from '../local-list/local-list.hooks';
import { reservationHooks } from '../reservation/reservation.hooks';
import { smartChargingHooks } from '../smart-charging/smart-charging.hooks';
import { securityHooks } from '../security/security.hooks';

/** Every action's command hooks, in one place. */
export const COMMAND_HOOKS: CommandHookRegistry = {
  ...configurationHooks,
  ...reservationHooks,
  ...localListHooks,
  ...smartChargingHooks,
  ...diagnosticsHooks,
  ...firmwareHooks,
  ...securityHooks,
};
