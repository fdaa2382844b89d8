import type { CommandHookRegistry } from './command-hooks';
import { configurationHooks } from '../charge-point/configuration.hooks';

/** Every action's command hooks, in one place. */
export const COMMAND_HOOKS: CommandHookRegistry = {
  ...configurationHooks,
};
