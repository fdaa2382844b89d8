import { compositeSchedule, type ProfileInput } from '../src/modules/smart-charging/composite-schedule';

const T0 = new Date('2026-03-02T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000).toISOString();

function profile(over: Partial<ProfileInput> & { periods: Array<[number, number]>; unit?: 'A' | 'W'; duration?: number; startSchedule?: string }): ProfileInput {
  const { periods, unit, duration, startSchedule, ...rest } = over;
  return {
    connectorId: 1,
    chargingProfileId: 1,
    stackLevel: 0,
    chargingProfilePurpose: 'TxDefaultProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: {
      chargingRateUnit: unit ?? 'A',
      duration,
      startSchedule: startSchedule ?? T0.toISOString(),
      chargingSchedulePeriod: periods.map(([startPeriod, limit]) => ({ startPeriod, limit })),
    },
    ...rest,
  };
}

const periodsOf = (result: ReturnType<typeof compositeSchedule>) => result.chargingSchedule.chargingSchedulePeriod.map((p) => [p.startPeriod, p.limit]);

describe('composite schedule (pure)', () => {
  it('follows a single Absolute TxDefaultProfile and ends with its duration', () => {
    const result = compositeSchedule({ profiles: [profile({ periods: [[0, 16], [600, 10]], duration: 1200 })], connectorId: 1, start: T0, duration: 1800 });
    expect(result).toMatchObject({ connectorId: 1, scheduleStart: T0.toISOString(), chargingSchedule: { duration: 1800, chargingRateUnit: 'A' } });
    expect(periodsOf(result)).toEqual([[0, 16], [600, 10]]);
  });

  it('takes the minimum of ChargePointMaxProfile and the Tx limit in each period', () => {
    const max = profile({ connectorId: 0, chargingProfileId: 2, chargingProfilePurpose: 'ChargePointMaxProfile', periods: [[0, 20], [300, 12]] });
    const txDefault = profile({ periods: [[0, 16], [900, 25]] });
    const result = compositeSchedule({ profiles: [max, txDefault], connectorId: 1, start: T0, duration: 1200 });
    expect(periodsOf(result)).toEqual([[0, 16], [300, 12]]);
  });

  it('lets the higher stackLevel win, and only while it is valid', () => {
    const low = profile({ chargingProfileId: 1, stackLevel: 0, periods: [[0, 16]] });
    const high = profile({ chargingProfileId: 2, stackLevel: 3, periods: [[0, 8]], validFrom: new Date(at(600)), validTo: new Date(at(1200)) });
    const result = compositeSchedule({ profiles: [low, high], connectorId: 1, start: T0, duration: 1800 });
    expect(periodsOf(result)).toEqual([[0, 16], [600, 8], [1200, 16]]);
  });

  it('prefers the TxProfile of the running transaction over TxDefaultProfile, and the connector default over connector 0', () => {
    const station = profile({ connectorId: 0, chargingProfileId: 1, periods: [[0, 32]] });
    const connector = profile({ connectorId: 1, chargingProfileId: 2, periods: [[0, 20]] });
    const tx = profile({ chargingProfileId: 3, chargingProfilePurpose: 'TxProfile', transactionId: 77, periods: [[0, 10]], duration: 600 });
    const otherTx = profile({ chargingProfileId: 4, chargingProfilePurpose: 'TxProfile', transactionId: 78, periods: [[0, 1]] });
    const withTx = compositeSchedule({ profiles: [station, connector, tx, otherTx], connectorId: 1, start: T0, duration: 1200, transaction: { id: 77, startTimestamp: T0 } });
    expect(periodsOf(withTx)).toEqual([[0, 10], [600, 20]]);
    const connector2 = compositeSchedule({ profiles: [station, connector, tx], connectorId: 2, start: T0, duration: 600 });
    expect(periodsOf(connector2)).toEqual([[0, 32]]);
  });

  it('starts a Relative profile at the transaction start', () => {
    const relative = profile({ chargingProfileKind: 'Relative', startSchedule: undefined, periods: [[0, 6], [300, 16]] });
    delete relative.chargingSchedule.startSchedule;
    const result = compositeSchedule({ profiles: [relative], connectorId: 1, start: new Date(at(200)), duration: 600, transaction: { id: 1, startTimestamp: T0 } });
    // The transaction began 200 s before the window: the 300 s step falls at 100 s into it.
    expect(periodsOf(result)).toEqual([[0, 6], [100, 16]]);
  });

  it('repeats a Daily Recurring profile', () => {
    const daily = profile({
      chargingProfileKind: 'Recurring',
      recurrencyKind: 'Daily',
      startSchedule: '2026-03-01T18:00:00.000Z',
      duration: 86400,
      periods: [[0, 10], [6 * 3600, 32]],
    });
    // 18:00 low for 6 h, then high until 18:00 the next day.
    const result = compositeSchedule({ profiles: [daily], connectorId: 1, start: new Date('2026-03-02T17:00:00.000Z'), duration: 3 * 3600 });
    expect(periodsOf(result)).toEqual([[0, 32], [3600, 10]]);
  });

  it('converts between A and W when asked for the other unit', () => {
    const amps = profile({ connectorId: 0, chargingProfilePurpose: 'ChargePointMaxProfile', periods: [[0, 10]] });
    const watts = profile({ unit: 'W', periods: [[0, 11000], [600, 4600]] });
    const result = compositeSchedule({ profiles: [amps, watts], connectorId: 1, start: T0, duration: 1200, chargingRateUnit: 'W' });
    // 10 A * 230 V * 3 phases = 6900 W.
    expect(result.chargingSchedule.chargingRateUnit).toBe('W');
    expect(periodsOf(result)).toEqual([[0, 6900], [600, 4600]]);
  });

  it('has no periods when nothing is in force', () => {
    const later = profile({ periods: [[0, 16]], startSchedule: at(7200) });
    expect(periodsOf(compositeSchedule({ profiles: [later], connectorId: 1, start: T0, duration: 3600 }))).toEqual([]);
  });
});
