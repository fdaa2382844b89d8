import type { Connector } from '../modules/charge-point/connector.entity';
import type { commandView } from '../modules/command/command.service';
import type { transactionView } from '../modules/transaction/transaction.service';

/**
 * What the resolvers of some GraphQL types receive as parent. Queries and subscription events hand over
 * the same shape, so one set of field resolvers serves both (codegen maps the types here, see codegen.ts).
 */

/** A transaction as queries build it and as the transactionUpdated event carries it (without startStatus). */
/** `asOf`: in a transactionUpdated event, when the event happened (its meter values are those received by then). */
export type TransactionParent = ReturnType<typeof transactionView> & { startStatus?: string; asOf?: string };

/** A command as commandView() builds it, for queries and the commandUpdated event alike. */
export type CommandParent = ReturnType<typeof commandView>;

/** A connector's last known status, and whether it is current (see ChargePoint.connectors). */
export type ConnectorParent = Connector & { stale: boolean };
