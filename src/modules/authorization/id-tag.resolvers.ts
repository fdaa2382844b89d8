import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
import { pageSize } from '../../api/limits';
import { connection, decodeCursor } from '../../api/pagination';
import { commandView } from '../command/command.service';
import { pushIdTagChange } from '../local-list/local-list.push';
import { deleteIdTag, listIdTags, upsertIdTag } from './id-tag.service';

/** The tenant's id tags, as Authorize/StartTransaction look them up. */
export const idTagApi: ApiModule = {
  permissions: {
    'Query.idTags': 'read',
    'Mutation.upsertIdTag': 'operate',
    'Mutation.deleteIdTag': 'operate',
  },
  resolvers: {
    Query: {
      async idTags(_parent, { first, after }, ctx) {
        const size = pageSize(first, 100, 1000);
        const { rows, totalCount } = await listIdTags(tenantScope(ctx).em, decodeCursor<string>(after, 'string'), size + 1);
        return connection(rows, size, after, (t) => t.idTagKey, (t) => t, totalCount);
      },
    },
    Mutation: {
      async upsertIdTag(_parent, { input }, ctx) {
        const { em, tenantId, actor } = tenantScope(ctx);
        const { pushToLocalLists, ...fields } = input;
        const idTag = await upsertIdTag(em, tenantId, fields);
        const commands = pushToLocalLists ? await pushIdTagChange(ctx.app, em, tenantId, { kind: 'upserted', tag: idTag }, actor) : [];
        return { idTag, localListCommands: commands.map(commandView) };
      },
      async deleteIdTag(_parent, { input }, ctx) {
        const { em, tenantId, actor } = tenantScope(ctx);
        await deleteIdTag(em, input.idTag);
        const commands = input.pushToLocalLists ? await pushIdTagChange(ctx.app, em, tenantId, { kind: 'deleted', idTag: input.idTag }, actor) : [];
        return { idTag: input.idTag, deleted: true, localListCommands: commands.map(commandView) };
      },
    },
  },
};
