import type { CommandHookContext } from '../command/command-hooks';
import { tenantSql } from '../../platform/db';

/**
 * The whitepaper's profile upgrade: once a charge point accepts ChangeConfiguration SecurityProfile = N,
 * N is the lowest profile the CSMS accepts from it (only ever raised: never downgraded this way).
 */
export async function raiseSecurityProfile(ctx: CommandHookContext, key: string, value: string | null | undefined): Promise<void> {
  if (key.toLowerCase() !== 'securityprofile' || !/^\s*[123]\s*$/.test(value ?? '')) return;
  const profile = Number(value);
  await tenantSql(ctx.em, 'update charge_point set security_profile = ? where tenant_id = $tenant and identity = ? and security_profile < ?', [
    profile,
    ctx.chargePointId,
    profile,
  ]);
}
