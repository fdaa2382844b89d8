import type { ChargingProfilePurpose, ChargingRateUnit, ChargingSchedule, ChargingSchedulePeriod, ChargingProfileKind, RecurrencyKind } from './charging-profile.entity';

/** A stored profile as the calculation needs it (dates as Date, schedule as OCPP). */
export interface ProfileInput {
  connectorId: number;
  chargingProfileId: number;
  transactionId?: number | null;
  /** A RemoteStartTransaction's TxProfile still waiting for its transaction: applies to nothing yet. */
  pendingIdTagKey?: string | null;
  stackLevel: number;
  chargingProfilePurpose: ChargingProfilePurpose;
  chargingProfileKind: ChargingProfileKind;
  recurrencyKind?: RecurrencyKind | null;
  validFrom?: Date | null;
  validTo?: Date | null;
  chargingSchedule: ChargingSchedule;
}

export interface CompositeRequest {
  profiles: ProfileInput[];
  connectorId: number;
  start: Date;
  /** Seconds. */
  duration: number;
  chargingRateUnit?: ChargingRateUnit;
  /** The transaction running on the connector: selects its TxProfiles and starts Relative schedules. */
  transaction?: { id: number; startTimestamp: Date } | null;
  /** For A <-> W conversion: W = A * voltage * phases. */
  voltage?: number;
  defaultNumberPhases?: number;
}

export interface CompositeSchedule {
  connectorId: number;
  scheduleStart: string;
  chargingSchedule: { duration: number; startSchedule: string; chargingRateUnit: ChargingRateUnit; chargingSchedulePeriod: ChargingSchedulePeriod[] };
}

interface Limit {
  limit: number;
  numberPhases?: number;
}

const DAY = 86_400;
const RECURRENCE_SECONDS: Record<RecurrencyKind, number> = { Daily: DAY, Weekly: 7 * DAY };

/**
 * The composite schedule the CSMS expects the charge point to apply, from the profiles it stored: per
 * moment, the lower of the ChargePointMaxProfile and the Tx limit, where the Tx limit is the TxProfile of
 * the running transaction, else the connector's TxDefaultProfile, else connector 0's. Within each group
 * the valid profile with the highest stackLevel wins. Times with no profile in force have no period.
 */
export function compositeSchedule(request: CompositeRequest): CompositeSchedule {
  const unit = request.chargingRateUnit ?? request.profiles.find((p) => relevant(p, request))?.chargingSchedule.chargingRateUnit ?? 'A';
  const startS = Math.floor(request.start.getTime() / 1000);
  const endS = startS + request.duration;
  const profiles = request.profiles.filter((p) => relevant(p, request));

  const moments = new Set<number>([startS]);
  for (const profile of profiles) for (const at of boundaries(profile, request, startS, endS)) if (at > startS && at < endS) moments.add(at);
  const periods: ChargingSchedulePeriod[] = [];
  for (const at of [...moments].sort((a, b) => a - b)) {
    const limit = limitAt(profiles, request, at, unit);
    const previous = periods[periods.length - 1];
    if (!limit) continue;
    if (previous && previous.limit === limit.limit && previous.numberPhases === limit.numberPhases) continue;
    periods.push({ startPeriod: at - startS, limit: limit.limit, ...(limit.numberPhases !== undefined ? { numberPhases: limit.numberPhases } : {}) });
  }
  const scheduleStart = request.start.toISOString();
  return {
    connectorId: request.connectorId,
    scheduleStart,
    chargingSchedule: { duration: request.duration, startSchedule: scheduleStart, chargingRateUnit: unit, chargingSchedulePeriod: periods },
  };
}

function relevant(profile: ProfileInput, request: CompositeRequest): boolean {
  switch (profile.chargingProfilePurpose) {
    case 'ChargePointMaxProfile':
      return profile.connectorId === 0;
    case 'TxDefaultProfile':
      return profile.connectorId === 0 || profile.connectorId === request.connectorId;
    case 'TxProfile':
      if (profile.pendingIdTagKey != null) return false;
      return profile.connectorId === request.connectorId && !!request.transaction && (profile.transactionId == null || profile.transactionId === request.transaction.id);
  }
}

function limitAt(profiles: ProfileInput[], request: CompositeRequest, atS: number, unit: ChargingRateUnit): Limit | undefined {
  const winner = (candidates: ProfileInput[]) => {
    let best: { stackLevel: number; limit: Limit } | undefined;
    for (const profile of candidates) {
      const limit = profileLimitAt(profile, request, atS);
      if (limit && (!best || profile.stackLevel > best.stackLevel)) best = { stackLevel: profile.stackLevel, limit: inUnit(limit, profile.chargingSchedule.chargingRateUnit, unit, request) };
    }
    return best?.limit;
  };
  const byPurpose = (purpose: ChargingProfilePurpose, connectorId?: number) =>
    profiles.filter((p) => p.chargingProfilePurpose === purpose && (connectorId === undefined || p.connectorId === connectorId));
  const max = winner(byPurpose('ChargePointMaxProfile'));
  const tx =
    winner(byPurpose('TxProfile')) ??
    (request.connectorId !== 0 ? winner(byPurpose('TxDefaultProfile', request.connectorId)) : undefined) ??
    winner(byPurpose('TxDefaultProfile', 0));
  if (!max) return tx;
  if (!tx) return max;
  return tx.limit < max.limit ? tx : max;
}

/** The limit one profile sets at a moment, or undefined when it is not in force then. */
function profileLimitAt(profile: ProfileInput, request: CompositeRequest, atS: number): Limit | undefined {
  if (profile.validFrom && atS < seconds(profile.validFrom)) return undefined;
  if (profile.validTo && atS >= seconds(profile.validTo)) return undefined;
  const scheduleStart = scheduleStartFor(profile, request, atS);
  if (scheduleStart === undefined) return undefined;
  const offset = atS - scheduleStart;
  const { duration, chargingSchedulePeriod } = profile.chargingSchedule;
  if (offset < 0 || (duration !== undefined && offset >= duration)) return undefined;
  let current: ChargingSchedulePeriod | undefined;
  for (const period of chargingSchedulePeriod) if (period.startPeriod <= offset && (!current || period.startPeriod >= current.startPeriod)) current = period;
  if (!current) return undefined;
  return { limit: current.limit, ...(current.numberPhases !== undefined ? { numberPhases: current.numberPhases } : {}) };
}

/** When the schedule that applies at `atS` started, in epoch seconds. */
function scheduleStartFor(profile: ProfileInput, request: CompositeRequest, atS: number): number | undefined {
  const declared = profile.chargingSchedule.startSchedule ? seconds(new Date(profile.chargingSchedule.startSchedule)) : undefined;
  switch (profile.chargingProfileKind) {
    case 'Absolute':
      // Without startSchedule a charge point starts an Absolute schedule when it receives it; our best guess is validFrom.
      return declared ?? (profile.validFrom ? seconds(profile.validFrom) : seconds(request.start));
    case 'Relative':
      return request.transaction ? seconds(request.transaction.startTimestamp) : seconds(request.start);
    case 'Recurring': {
      if (declared === undefined || !profile.recurrencyKind) return undefined;
      const every = RECURRENCE_SECONDS[profile.recurrencyKind];
      if (atS < declared) return undefined;
      return declared + Math.floor((atS - declared) / every) * every;
    }
  }
}

/** Every moment in the window where this profile's limit may change. */
function boundaries(profile: ProfileInput, request: CompositeRequest, startS: number, endS: number): number[] {
  const out: number[] = [];
  if (profile.validFrom) out.push(seconds(profile.validFrom));
  if (profile.validTo) out.push(seconds(profile.validTo));
  const { duration, chargingSchedulePeriod } = profile.chargingSchedule;
  const starts: number[] = [];
  if (profile.chargingProfileKind === 'Recurring') {
    const first = scheduleStartFor(profile, request, Math.max(startS, profile.chargingSchedule.startSchedule ? seconds(new Date(profile.chargingSchedule.startSchedule)) : startS));
    const every = profile.recurrencyKind ? RECURRENCE_SECONDS[profile.recurrencyKind] : 0;
    if (first !== undefined && every > 0) for (let s = first; s < endS; s += every) starts.push(s);
  } else {
    const s = scheduleStartFor(profile, request, startS);
    if (s !== undefined) starts.push(s);
  }
  for (const s of starts) {
    for (const period of chargingSchedulePeriod) out.push(s + period.startPeriod);
    if (duration !== undefined) out.push(s + duration);
  }
  return out;
}

function inUnit(limit: Limit, from: ChargingRateUnit, to: ChargingRateUnit, request: CompositeRequest): Limit {
  if (from === to) return limit;
  const factor = (request.voltage ?? 230) * (limit.numberPhases ?? request.defaultNumberPhases ?? 3);
  const value = from === 'A' ? limit.limit * factor : limit.limit / factor;
  return { ...limit, limit: Math.round(value * 10) / 10 };
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
