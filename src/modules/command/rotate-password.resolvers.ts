import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { checkPassword } from '../charge-point/charge-point-admin.service';
import { ChargePoint } from '../charge-point/charge-point.entity';
import { generatePassword, verifyPassword } from '../charge-point/password';
import type { TenantEm } from '../../platform/db';
import { commandView } from './command.service';

async function isStoredPassword(em: TenantEm, chargePointId: string, password: string): Promise<boolean> {
  const chargePoint = await em.fork().findOne(ChargePoint, { identity: chargePointId }, { fields: ['passwordHash'] });
  return chargePoint?.passwordHash != null && (await verifyPassword(password, chargePoint.passwordHash));
}

/**
 * rotateChargePointPassword: ChangeConfiguration(AuthorizationKey = hex of the new password's bytes), and
 * the new password is kept only when the charge point accepts it. The command log stores the request with
 * the key redacted: the hex is the password in another form.
 */
export const rotatePasswordApi: ApiModule = {
  permissions: { 'Mutation.rotateChargePointPassword': 'operate' },
  resolvers: {
    Mutation: {
      async rotateChargePointPassword(_parent, { input }, ctx) {
        const { em, tenantId, actor } = tenantScope(ctx);
        const password = input.password ?? generatePassword();
        checkPassword(password, input.chargePointId);
        const { command, response } = await ctx.app.commands.create(em, {
          tenantId,
          chargePointId: input.chargePointId,
          action: 'ChangeConfiguration',
          request: { key: 'AuthorizationKey', value: Buffer.from(password, 'utf8').toString('hex') },
          actor,
          // Stored redacted; when Accepted, the ChangeConfiguration hook keeps the new password.
          hookOptions: { passwordGenerated: input.password == null },
        });
        const status = (response?.status as string | undefined) ?? null;
        // Shown only when it is now the charge point's password: accepted, and stored (a scheduled command, a
        // refusal or a failed store leave the old one, and a password shown then would only mislead).
        const stored = status === 'Accepted' && (await isStoredPassword(em, input.chargePointId, password));
        return { messageId: command.messageId ?? null, status, password: stored ? password : null, command: commandView(command) };
      },
    },
  },
};
