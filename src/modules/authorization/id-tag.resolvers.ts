import { tenantScope } from '../../api/access';
import type { ApiModule } from '../../api/api-module';
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
      idTags: (_parent, _args, ctx) => listIdTags(tenantScope(ctx).em),
    },
    Mutation: {
      async upsertIdTag(_parent, { input }, ctx) {
        const { em, tenantId } = tenantScope(ctx);
        return { idTag: await upsertIdTag(em, tenantId, input) };
      },
      async deleteIdTag(_parent, { input }, ctx) {
        await deleteIdTag(tenantScope(ctx).em, input.idTag);
        return { idTag: input.idTag, deleted: true };
      },
    },
  },
};
