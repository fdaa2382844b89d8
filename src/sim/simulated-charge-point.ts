import { RPCClient } from 'ocpp-rpc';
import type { ChargePointAction } from '../ocpp/actions';
import type { OcppRequest, OcppResponse } from '../ocpp/generated/ocpp16';
import { registerCsmsCommands } from './csms-commands';
import { standardConfiguration, type ConfigEntry } from './standard-configuration';

export interface SimStats {
  connected: number;
  sessionsActive: number;
  sessionsCompleted: number;
  /** Starts the CSMS did not accept (the charger then stops them as DeAuthorized). */
  sessionsRefused: number;
  messages: number;
  errors: number;
  lastError?: string;
  /** Id tags charging right now on some charger of this simulator: a tag is used once at a time, as by one driver. */
  tagsInUse: Set<string>;
}

export interface ChargePointOptions {
  ocppUrl: string;
  tenant: string;
  identity: string;
  password?: string;
  idTags: string[];
  stats: SimStats;
  /** Seconds between sessions on a free connector, and a session's length (both drawn uniformly). */
  idleS: [number, number];
  sessionS: [number, number];
  connectors?: number;
}

interface Session {
  transactionId: number;
  idTag: string;
  meterWh: number;
  timer?: NodeJS.Timeout;
  endTimer?: NodeJS.Timeout;
}

type ConnectorStatus = OcppRequest<'StatusNotification'>['status'];
type SampledValue = OcppRequest<'MeterValues'>['meterValue'][number]['sampledValue'][number];

export interface ConnectorState {
  status: ConnectorStatus;
  available: boolean;
  session?: Session;
  reservation?: { reservationId: number; idTag: string; timer: NodeJS.Timeout };
  /** A ChangeAvailability that waits for the running transaction to end. */
  pendingAvailability?: boolean;
}

const uniform = ([min, max]: [number, number]) => (min + Math.random() * (max - min)) * 1000;

/**
 * One simulated OCPP 1.6-J charge point: an ocpp-rpc client in strict mode (so every frame it sends or
 * receives is checked against the official schemas), with connectors, sessions and meter readings, and
 * an answer for every CSMS-initiated action (csms-commands.ts).
 */
export class SimulatedChargePoint {
  client: RPCClient | undefined;
  readonly connectors = new Map<number, ConnectorState>();
  readonly configuration: Map<string, ConfigEntry>;
  readonly chargingProfiles = new Map<number, { connectorId: number; profile: OcppRequest<'SetChargingProfile'>['csChargingProfiles'] }>();
  localList = { version: 0, entries: new Map<string, unknown>() };
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private sessionTimers = new Set<NodeJS.Timeout>();
  private readonly starting = new Set<Promise<boolean>>();
  private stopped = false;
  private online = false;
  /** Set while rebooting: no new session starts, so none is cut off mid-StartTransaction by the closing socket. */
  private rebooting = false;
  private energyWh = Math.floor(Math.random() * 1_000_000);

  constructor(readonly options: ChargePointOptions) {
    const count = options.connectors ?? 2;
    this.configuration = standardConfiguration(count);
    for (let id = 1; id <= count; id++) this.connectors.set(id, { status: 'Available', available: true });
  }

  get stats(): SimStats {
    return this.options.stats;
  }

  /** Connects, boots and sends status for connectors 0..n; sessions then start by themselves. */
  async start(): Promise<void> {
    await this.connect();
    for (const connectorId of this.connectors.keys()) this.scheduleSession(connectorId);
  }

  async connect(): Promise<void> {
    const client = new RPCClient({
      endpoint: `${this.options.ocppUrl.replace(/\/$/, '')}/ocpp/${encodeURIComponent(this.options.tenant)}`,
      identity: this.options.identity,
      password: this.options.password,
      protocols: ['ocpp1.6'],
      strictMode: true,
      reconnect: false,
      callTimeoutMs: 30_000,
      // ocpp-rpc's typings list every option as required; the library fills in its defaults.
    } as unknown as ConstructorParameters<typeof RPCClient>[0]);
    registerCsmsCommands(this, client);
    client.on('message', ({ outbound }: { outbound: boolean }) => {
      if (!outbound) this.stats.messages++;
    });
    client.on('close', () => {
      if (this.client === client && this.online) {
        this.online = false;
        this.stats.connected--;
        clearInterval(this.heartbeatTimer);
      }
    });
    this.client = client;
    await client.connect();
    this.online = true;
    this.stats.connected++;
    await this.boot();
  }

  private async boot(): Promise<void> {
    for (;;) {
      const answer = await this.send('BootNotification', {
        chargePointVendor: 'QCharge',
        chargePointModel: 'Simulator',
        chargePointSerialNumber: this.options.identity.slice(-25),
        firmwareVersion: '1.0.0',
        meterType: 'SimMeter',
      });
      if (!answer || this.stopped) return;
      if (answer.interval > 0) this.configuration.get('HeartbeatInterval')!.value = String(answer.interval);
      if (answer.status === 'Accepted') break;
      // Pending or Rejected: try again after the interval the CSMS asked for (OCPP 1.6 section 4.2).
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, answer.interval || 10) * 1000));
    }
    this.restartHeartbeat();
    await this.sendStatus(0, 'Available');
    for (const [connectorId, connector] of this.connectors) await this.sendStatus(connectorId, connector.status);
  }

  restartHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    const seconds = Number(this.configuration.get('HeartbeatInterval')!.value) || 300;
    this.heartbeatTimer = setInterval(() => void this.send('Heartbeat', {}), seconds * 1000);
    this.heartbeatTimer.unref();
  }

  /** Sends a call; failures are counted, never thrown, so one bad answer does not stop the simulation. */
  async send<A extends ChargePointAction>(action: A, payload: OcppRequest<A>): Promise<OcppResponse<A> | undefined> {
    if (!this.client || !this.online) return undefined;
    this.stats.messages++;
    try {
      // ocpp-rpc in strict mode checks the answer against the action's schema.
      return (await this.client.call(action, payload)) as OcppResponse<A>;
    } catch (error) {
      this.stats.errors++;
      this.stats.lastError = `${this.options.identity} ${action}: ${(error as Error).message}`;
      return undefined;
    }
  }

  async sendStatus(connectorId: number, status: ConnectorStatus): Promise<void> {
    const connector = this.connectors.get(connectorId);
    if (connector) connector.status = status;
    await this.send('StatusNotification', { connectorId, status, errorCode: 'NoError', timestamp: new Date().toISOString() });
  }

  meterValue(connectorId: number, context: SampledValue['context'] = 'Sample.Periodic'): OcppRequest<'MeterValues'>['meterValue'][number] {
    const session = this.connectors.get(connectorId)?.session;
    const power = session ? 7000 + Math.round(Math.random() * 400) : 0;
    return {
      timestamp: new Date().toISOString(),
      sampledValue: [
        { value: String(session?.meterWh ?? this.energyWh), context, measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
        { value: String(power), context, measurand: 'Power.Active.Import', unit: 'W' },
        { value: (power / 230).toFixed(1), context, measurand: 'Current.Import', unit: 'A', phase: 'L1' },
      ],
    };
  }

  scheduleSession(connectorId: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.sessionTimers.delete(timer);
      const connector = this.connectors.get(connectorId)!;
      if (!this.online || this.rebooting || connector.session || connector.reservation || !connector.available) return this.scheduleSession(connectorId);
      const free = this.options.idTags.filter((tag) => !this.stats.tagsInUse.has(tag));
      if (free.length === 0) return this.scheduleSession(connectorId);
      const idTag = free[Math.floor(Math.random() * free.length)];
      this.stats.tagsInUse.add(idTag);
      void this.startSession(connectorId, idTag, true).then((started) => {
        if (!started) this.stats.tagsInUse.delete(idTag);
      });
    }, uniform(this.options.idleS));
    this.sessionTimers.add(timer);
  }

  /** A charging session: Authorize (when asked), StartTransaction, periodic MeterValues, then a stop. */
  startSession(connectorId: number, idTag: string, authorize: boolean): Promise<boolean> {
    const starting = this.beginSession(connectorId, idTag, authorize);
    this.starting.add(starting);
    return starting.finally(() => this.starting.delete(starting));
  }

  private async beginSession(connectorId: number, idTag: string, authorize: boolean): Promise<boolean> {
    const connector = this.connectors.get(connectorId)!;
    if (connector.session || this.rebooting) return false;
    if (authorize) {
      const auth = await this.send('Authorize', { idTag });
      if (auth?.idTagInfo?.status !== 'Accepted' || this.stopped) {
        this.scheduleSession(connectorId);
        return false;
      }
    }
    await this.sendStatus(connectorId, 'Preparing');
    const reservationId = connector.reservation?.idTag === idTag ? connector.reservation.reservationId : undefined;
    if (connector.reservation && reservationId !== undefined) {
      clearTimeout(connector.reservation.timer);
      connector.reservation = undefined;
    }
    this.energyWh += 1;
    const meterStart = this.energyWh;
    const started = await this.send('StartTransaction', { connectorId, idTag, meterStart, timestamp: new Date().toISOString(), ...(reservationId !== undefined ? { reservationId } : {}) });
    if (!started) {
      await this.sendStatus(connectorId, 'Available');
      this.scheduleSession(connectorId);
      return false;
    }
    const session: Session = { transactionId: started.transactionId, idTag, meterWh: meterStart };
    connector.session = session;
    this.stats.sessionsActive++;
    if (started.idTagInfo.status !== 'Accepted' || this.stopped) {
      // StopTransactionOnInvalidId: the CSMS refused the tag after all.
      if (started.idTagInfo.status !== 'Accepted') this.stats.sessionsRefused++;
      await this.stopSession(connectorId, 'DeAuthorized');
      return true;
    }
    await this.sendStatus(connectorId, 'Charging');
    const intervalS = Math.max(1, Number(this.configuration.get('MeterValueSampleInterval')!.value) || 10);
    session.timer = setInterval(() => {
      session.meterWh += Math.round((7200 * intervalS) / 3600);
      this.energyWh = session.meterWh;
      void this.send('MeterValues', { connectorId, transactionId: session.transactionId, meterValue: [this.meterValue(connectorId)] });
    }, intervalS * 1000);
    session.endTimer = setTimeout(() => void this.stopSession(connectorId, 'EVDisconnected'), uniform(this.options.sessionS));
    return true;
  }

  async stopSession(connectorId: number, reason: OcppRequest<'StopTransaction'>['reason'], idTagOverride?: string): Promise<void> {
    const connector = this.connectors.get(connectorId);
    const session = connector?.session;
    if (!connector || !session) return;
    connector.session = undefined;
    clearInterval(session.timer);
    clearTimeout(session.endTimer);
    this.stats.sessionsActive--;
    this.stats.tagsInUse.delete(session.idTag);
    const idTag = idTagOverride ?? session.idTag;
    await this.send('StopTransaction', {
      transactionId: session.transactionId,
      idTag,
      meterStop: session.meterWh,
      timestamp: new Date().toISOString(),
      reason,
      transactionData: [{ ...this.meterValue(connectorId, 'Transaction.End') }],
    });
    this.stats.sessionsCompleted++;
    await this.sendStatus(connectorId, 'Finishing');
    const next = connector.pendingAvailability ? 'Unavailable' : 'Available';
    connector.pendingAvailability = false;
    if (next === 'Unavailable') connector.available = false;
    await this.sendStatus(connectorId, next);
    this.scheduleSession(connectorId);
  }

  /** A reboot (Reset, firmware install): stop sessions, drop the socket, connect and boot again. */
  async reboot(reason: 'SoftReset' | 'HardReset' | 'Reboot'): Promise<void> {
    this.rebooting = true;
    // A StartTransaction in flight gets its answer first: closing under it would leave a transaction
    // the CSMS stored and the charger never knew, so never stopped.
    await Promise.all(this.starting);
    for (const connectorId of this.connectors.keys()) await this.stopSession(connectorId, reason === 'Reboot' ? 'Reboot' : reason);
    this.rebooting = false;
    const old = this.client;
    this.online = false;
    this.stats.connected--;
    clearInterval(this.heartbeatTimer);
    await old?.close({ code: 1000, reason: 'reboot' }).catch(() => undefined);
    if (this.stopped) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
    await this.connect().catch((error) => {
      this.stats.errors++;
      this.stats.lastError = `${this.options.identity} reconnect: ${(error as Error).message}`;
    });
  }

  /** Ends the simulation for this charger: open sessions are stopped so the CSMS sees complete data. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.sessionTimers) clearTimeout(timer);
    this.sessionTimers.clear();
    await Promise.all(this.starting);
    for (const connectorId of this.connectors.keys()) await this.stopSession(connectorId, 'Local');
    for (const connector of this.connectors.values()) if (connector.reservation) clearTimeout(connector.reservation.timer);
    clearInterval(this.heartbeatTimer);
    if (this.online) {
      this.online = false;
      this.stats.connected--;
    }
    await this.client?.close({ code: 1000, reason: 'simulation over' }).catch(() => undefined);
  }

  get isStopped(): boolean {
    return this.stopped;
  }
}
