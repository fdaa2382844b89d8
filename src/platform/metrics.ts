import client from 'prom-client';

/** The one metrics registry of the process, served at GET /metrics. */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

export const ocppMessages = new client.Counter({
  name: 'qcharge_ocpp_messages_total',
  help: 'OCPP frames by action, direction and message type',
  labelNames: ['action', 'direction', 'type'] as const,
  registers: [registry],
});

export const ocppCallErrors = new client.Counter({
  name: 'qcharge_ocpp_callerrors_total',
  help: 'CALLERROR frames by error code and direction',
  labelNames: ['code', 'direction'] as const,
  registers: [registry],
});

export const ocppHandlingSeconds = new client.Histogram({
  name: 'qcharge_ocpp_handling_seconds',
  help: 'Time from receiving a charge point CALL to sending its answer',
  labelNames: ['action'] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const connectedChargePoints = new client.Gauge({
  name: 'qcharge_connected_charge_points',
  help: 'Charge points connected to this node, per tenant',
  labelNames: ['tenant'] as const,
  registers: [registry],
});

export const commandOutcomes = new client.Counter({
  name: 'qcharge_command_outcomes_total',
  help: 'CSMS-initiated commands by action and final status',
  labelNames: ['action', 'status'] as const,
  registers: [registry],
});
