import type { AppContext } from '../../app-context';
import type { TenantEm } from '../../platform/db';
import type { Actor } from '../command/command.service';
import type { Command } from '../command/command.entity';
import { idTagKey, type IdTag } from '../authorization/id-tag.entity';
import { ChargePoint } from '../charge-point/charge-point.entity';
import type { SendLocalListRequest } from '../../ocpp/generated/ocpp16';
import { LocalListEntry } from './local-list-entry.entity';

type AuthorizationData = NonNullable<SendLocalListRequest['localAuthorizationList']>[number];

/** An id tag change to carry to the local lists: the tag as it now is, or gone. */
export type IdTagChange = { kind: 'upserted'; tag: IdTag } | { kind: 'deleted'; idTag: string };

/**
 * Carries an id tag change to the charge points' local lists as scheduled Differential SendLocalLists
 * (sent now, retried while a charge point is offline): an upserted tag goes to every charge point the CSMS
 * believes holds a list, a deleted one is removed from the lists that hold it. Each command takes the next
 * list version at creation; the CSMS's copy follows each list as its charge point accepts.
 */
export async function pushIdTagChange(app: AppContext, em: TenantEm, tenantId: string, change: IdTagChange, actor?: Actor): Promise<Command[]> {
  const commands: Command[] = [];
  for (const { chargePointId, entry } of await listUpdates(em, change)) {
    const { command } = await app.commands.create(em, {
      tenantId,
      chargePointId,
      action: 'SendLocalList',
      request: { updateType: 'Differential', localAuthorizationList: [entry] },
      actor,
      schedule: {},
    });
    commands.push(command);
  }
  return commands;
}

/** Per charge point, the Differential entry to send: the tag with its idTagInfo, or (removal) the tag as that list spells it. */
async function listUpdates(em: TenantEm, change: IdTagChange): Promise<Array<{ chargePointId: string; entry: AuthorizationData }>> {
  if (change.kind === 'deleted') {
    const holding = await em.find(LocalListEntry, { idTagKey: idTagKey(change.idTag) }, { fields: ['chargePointId', 'idTag'], orderBy: { chargePointId: 'asc' } });
    return holding.map((e) => ({ chargePointId: e.chargePointId, entry: { idTag: e.idTag } }));
  }
  const { tag } = change;
  const idTagInfo = {
    status: tag.status,
    ...(tag.expiryDate ? { expiryDate: tag.expiryDate.toISOString() } : {}),
    ...(tag.parentIdTag ? { parentIdTag: tag.parentIdTag } : {}),
  };
  const withList = await em.find(ChargePoint, { localListVersion: { $gt: 0 } }, { fields: ['identity'], orderBy: { identity: 'asc' } });
  return withList.map((c) => ({ chargePointId: c.identity, entry: { idTag: tag.idTag, idTagInfo } }));
}
