import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Resolver and model types generated from schema.graphql (`npm run codegen`). A test regenerates them in
 * memory and fails when the committed file is stale.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: {
    'src/api/generated/graphql.ts': {
      plugins: [
        { add: { content: '/* eslint-disable */\n// GENERATED FILE: do not edit. Source: schema.graphql; regenerate with `npm run codegen`.' } },
        'typescript',
        'typescript-resolvers',
      ],
      config: {
        contextType: '../context#GraphQLContext',
        enumsAsTypes: true,
        useTypeImports: true,
        mapperTypeSuffix: 'Model',
        avoidOptionals: false,
        scalars: {
          DateTime: { input: 'Date', output: 'Date | string' },
          JSON: { input: 'unknown', output: 'unknown' },
        },
        mappers: {
          Tenant: '../../modules/tenant/tenant.entity#Tenant',
          ApiKey: '../../modules/tenant/api-key.entity#ApiKey',
          ChargePoint: '../../modules/charge-point/charge-point.entity#ChargePoint',
          Connector: '../models#ConnectorParent',
          ConfigurationKey: '../../modules/charge-point/configuration-key.entity#ConfigurationKey',
          IdTag: '../../modules/authorization/id-tag.entity#IdTag',
          MeterValue: '../../modules/transaction/meter-value.entity#MeterValue',
          Transaction: '../models#TransactionParent',
          Command: '../models#CommandParent',
        },
      },
    },
  },
};

export default config;
