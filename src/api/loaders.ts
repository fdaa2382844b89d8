import DataLoader from 'dataloader';
import type { AppContext } from '../app-context';
import type { TenantEm } from '../platform/db';
import { ConfigurationKey } from '../modules/charge-point/configuration-key.entity';
import { Connector } from '../modules/charge-point/connector.entity';
import { MeterValue } from '../modules/transaction/meter-value.entity';
import { ChargingTransaction } from '../modules/transaction/transaction.entity';

export type Loaders = ReturnType<typeof createLoaders>;

function groupBy<T, K>(rows: T[], keyOf: (row: T) => K, keys: readonly K[]): T[][] {
  const groups = new Map<K, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
}

/** One set per request and tenant: each field that lists rows of many parents costs one query. */
export function createLoaders(app: AppContext, tenantId: string, em: TenantEm) {
  return {
    connected: new DataLoader<string, boolean>(async (ids) => app.cluster.isConnected(tenantId, [...ids])),
    connectors: new DataLoader<string, Connector[]>(async (ids) => {
      const rows = await em.find(Connector, { chargePointId: { $in: [...ids] } }, { orderBy: { connectorId: 'asc' } });
      return groupBy(rows, (r) => r.chargePointId, ids);
    }),
    configuration: new DataLoader<string, ConfigurationKey[]>(async (ids) => {
      const rows = await em.find(ConfigurationKey, { chargePointId: { $in: [...ids] } }, { orderBy: { key: 'asc' } });
      return groupBy(rows, (r) => r.chargePointId, ids);
    }),
    meterValues: new DataLoader<number, MeterValue[]>(async (ids) => {
      const rows = await em.find(MeterValue, { transactionId: { $in: [...ids] } }, { orderBy: { timestamp: 'asc', id: 'asc' } });
      return groupBy(rows, (r) => r.transactionId!, ids);
    }),
    transaction: new DataLoader<number, ChargingTransaction | null>(async (ids) => {
      const rows = await em.find(ChargingTransaction, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
