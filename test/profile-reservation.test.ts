import type { RPCClient } from './support/rpc-client';
import type { CsmsAction } from '../src/ocpp/actions';
import { tenantEm } from '../src/platform/db';
import { Reservation } from '../src/modules/reservation/reservation.entity';
import { ChargingTransaction } from '../src/modules/transaction/transaction.entity';
import type { RunningServer } from '../src/server';
import { graphqlClient } from './support/graphql-client';
import { connectChargePoint, startTestServer } from './support/harness';
import { seedTenant } from './support/seed';

const BOOT = { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1' };

let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
const clients: RPCClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  tenant = await seedTenant(server);
  await tenant.idTag('RES-TAG');
  await tenant.idTag('OTHER-TAG');
  await tenant.idTag('PARENT-P');
  await tenant.idTag('CHILD-C', 'Accepted', { parentIdTag: 'PARENT-P' });
  await tenant.idTag('SIBLING-S', 'Accepted', { parentIdTag: 'PARENT-P' });
  for (const tag of ['OTHER-49', 'OTHER-BL', 'SIBLING-49', 'RES-49', 'GQL-TAG']) await tenant.idTag(tag, 'Accepted', tag.startsWith('SIBLING') ? { parentIdTag: 'PARENT-P' } : {});
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close({ force: true }).catch(() => undefined)));
});

afterAll(async () => {
  await server.stop();
});

const em = () => tenantEm(server.app.orm, tenant.tenantId);

/** A booted charge point with connectors 0..2 Available; `answers` maps an action to the reply it gives. */
async function station(id: string, answers: Record<string, (params: any) => any> = {}) {
  await tenant.chargePoint(id);
  const cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: id });
  clients.push(cp);
  const received: Record<string, any[]> = {};
  for (const [action, answer] of Object.entries(answers)) {
    cp.handle(action, ({ params }: { params: any }) => {
      (received[action] ??= []).push(params);
      return answer(params);
    });
  }
  await cp.call('BootNotification', BOOT);
  for (const connectorId of [0, 1, 2]) await cp.call('StatusNotification', { connectorId, status: 'Available', errorCode: 'NoError' });
  const command = (action: CsmsAction, request: Record<string, unknown>) =>
    server.app.commands.create(em(), { tenantId: tenant.tenantId, chargePointId: id, action, request });
  return { cp, received, command };
}

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const reservation = (id: number) => em().findOneOrFail(Reservation, { id });

describe('Reservation profile', () => {
  it('TC_046: reserves connector 1, and StartTransaction with the reservationId uses it', async () => {
    const { cp, received, command } = await station('CP-R46', { ReserveNow: () => ({ status: 'Accepted' }) });
    const { command: sent, response } = await command('ReserveNow', { connectorId: 1, expiryDate: inMinutes(5), idTag: 'RES-TAG' });
    expect(response).toEqual({ status: 'Accepted' });
    const reservationId = (sent.request as any).reservationId;
    expect(received.ReserveNow[0]).toMatchObject({ connectorId: 1, idTag: 'RES-TAG', reservationId });
    expect(received.ReserveNow[0].parentIdTag).toBeUndefined();
    expect((await reservation(reservationId)).status).toBe('ACTIVE');
    await cp.call('StatusNotification', { connectorId: 1, status: 'Reserved', errorCode: 'NoError' });
    expect((await cp.call('Authorize', { idTag: 'RES-TAG' })).idTagInfo.status).toBe('Accepted');
    await cp.call('StatusNotification', { connectorId: 1, status: 'Preparing', errorCode: 'NoError' });
    const start = await cp.call('StartTransaction', { connectorId: 1, idTag: 'RES-TAG', meterStart: 0, timestamp: new Date().toISOString(), reservationId });
    expect(start.idTagInfo.status).toBe('Accepted');
    const used = await reservation(reservationId);
    expect(used).toMatchObject({ status: 'USED', transactionId: start.transactionId, responseStatus: 'Accepted' });
    expect((await em().findOneOrFail(ChargingTransaction, { id: start.transactionId })).reservationId).toBe(reservationId);
  });

  it('TC_047: a reservation expires at expiryDate even if the charge point never says so', async () => {
    const { cp, command } = await station('CP-R47', { ReserveNow: () => ({ status: 'Accepted' }) });
    const { command: sent } = await command('ReserveNow', { connectorId: 1, expiryDate: new Date(Date.now() + 1500).toISOString(), idTag: 'RES-TAG' });
    const reservationId = (sent.request as any).reservationId;
    expect((await reservation(reservationId)).status).toBe('ACTIVE');
    await cp.call('StatusNotification', { connectorId: 1, status: 'Reserved', errorCode: 'NoError' });
    // The stored status changes by the delayed job, not only in the API's view.
    const expired = await pollStatus(reservationId, 'EXPIRED');
    expect(expired).toBe('EXPIRED');
    await cp.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError', timestamp: inMinutes(3) });
    // Once expired, another tag may use the connector.
    expect((await cp.call('StartTransaction', { connectorId: 1, idTag: 'OTHER-TAG', meterStart: 0, timestamp: new Date().toISOString() })).idTagInfo.status).toBe('Accepted');
  });

  it.each([
    ['TC_048_1', 'Faulted'],
    ['TC_048_2', 'Occupied'],
    ['TC_048_3', 'Unavailable'],
    ['TC_048_4', 'Rejected'],
  ])('%s: an answer %s keeps no active reservation', async (tc, status) => {
    const { cp, command } = await station(`CP-R${tc}`, { ReserveNow: () => ({ status }), ChangeAvailability: () => ({ status: 'Accepted' }) });
    if (status === 'Occupied') await cp.call('StatusNotification', { connectorId: 1, status: 'Preparing', errorCode: 'NoError' });
    if (status === 'Unavailable') {
      expect((await command('ChangeAvailability', { connectorId: 1, type: 'Inoperative' })).response).toEqual({ status: 'Accepted' });
      await cp.call('StatusNotification', { connectorId: 1, status: 'Unavailable', errorCode: 'NoError' });
    }
    const { command: sent, response } = await command('ReserveNow', { connectorId: 1, expiryDate: inMinutes(5), idTag: 'RES-TAG' });
    expect(response).toEqual({ status });
    expect(await reservation((sent.request as any).reservationId)).toMatchObject({ status: 'REJECTED', responseStatus: status });
    expect(await em().count(Reservation, { chargePointId: `CP-R${tc}`, status: 'ACTIVE' })).toBe(0);
  });

  it('TC_049: reserves the whole charge point (connector 0)', async () => {
    const { cp, command } = await station('CP-R49', { ReserveNow: () => ({ status: 'Accepted' }) });
    const { command: sent } = await command('ReserveNow', { connectorId: 0, expiryDate: inMinutes(5), idTag: 'RES-49' });
    expect(await reservation((sent.request as any).reservationId)).toMatchObject({ connectorId: 0, status: 'ACTIVE' });
    await cp.call('StatusNotification', { connectorId: 1, status: 'Reserved', errorCode: 'NoError' });
    // Connector 2 is still free, so another tag may still authorize and start there.
    expect((await cp.call('Authorize', { idTag: 'OTHER-49' })).idTagInfo.status).toBe('Accepted');
    expect((await cp.call('StartTransaction', { connectorId: 2, idTag: 'OTHER-49', meterStart: 0, timestamp: new Date().toISOString() })).idTagInfo.status).toBe('Accepted');
    await cp.call('StatusNotification', { connectorId: 2, status: 'Charging', errorCode: 'NoError' });
    // Now only connector 1 is left, and it is held for RES-49.
    expect((await cp.call('Authorize', { idTag: 'SIBLING-49' })).idTagInfo.status).toBe('Accepted');
    expect((await cp.call('StartTransaction', { connectorId: 1, idTag: 'SIBLING-49', meterStart: 0, timestamp: new Date().toISOString() })).idTagInfo.status).toBe('Invalid');
    const start = await cp.call('StartTransaction', { connectorId: 1, idTag: 'RES-49', meterStart: 0, timestamp: new Date().toISOString() });
    expect(start.idTagInfo.status).toBe('Accepted');
    expect(await reservation((sent.request as any).reservationId)).toMatchObject({ status: 'USED', transactionId: start.transactionId });
  });

  it('TC_051: CancelReservation Accepted cancels it', async () => {
    const { cp, command } = await station('CP-R51', { ReserveNow: () => ({ status: 'Accepted' }), CancelReservation: () => ({ status: 'Accepted' }) });
    const { command: sent } = await command('ReserveNow', { connectorId: 1, expiryDate: inMinutes(5), idTag: 'RES-TAG' });
    const reservationId = (sent.request as any).reservationId;
    await cp.call('StatusNotification', { connectorId: 1, status: 'Reserved', errorCode: 'NoError' });
    expect((await command('CancelReservation', { reservationId })).response).toEqual({ status: 'Accepted' });
    expect((await reservation(reservationId)).status).toBe('CANCELLED');
    await cp.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
  });

  it('TC_052: CancelReservation Rejected leaves it active', async () => {
    const { cp, command } = await station('CP-R52', { ReserveNow: () => ({ status: 'Accepted' }), CancelReservation: () => ({ status: 'Rejected' }) });
    const { command: sent } = await command('ReserveNow', { connectorId: 1, expiryDate: inMinutes(5), idTag: 'RES-TAG' });
    const reservationId = (sent.request as any).reservationId;
    await cp.call('StatusNotification', { connectorId: 1, status: 'Reserved', errorCode: 'NoError' });
    expect((await command('CancelReservation', { reservationId })).response).toEqual({ status: 'Rejected' });
    expect((await reservation(reservationId)).status).toBe('ACTIVE');
  });

  it('TC_053: fills parentIdTag and lets the parent tag use the child reservation', async () => {
    const { cp, received, command } = await station('CP-R53', { ReserveNow: () => ({ status: 'Accepted' }) });
    const { command: sent } = await command('ReserveNow', { connectorId: 1, expiryDate: inMinutes(5), idTag: 'CHILD-C' });
    const reservationId = (sent.request as any).reservationId;
    expect(received.ReserveNow[0]).toMatchObject({ idTag: 'CHILD-C', parentIdTag: 'PARENT-P', reservationId });
    await cp.call('StatusNotification', { connectorId: 1, status: 'Reserved', errorCode: 'NoError' });
    expect((await cp.call('Authorize', { idTag: 'PARENT-P' })).idTagInfo.status).toBe('Accepted');
    await cp.call('StatusNotification', { connectorId: 1, status: 'Preparing', errorCode: 'NoError' });
    const start = await cp.call('StartTransaction', { connectorId: 1, idTag: 'PARENT-P', meterStart: 0, timestamp: new Date().toISOString(), reservationId });
    expect(start.idTagInfo.status).toBe('Accepted');
    expect(await reservation(reservationId)).toMatchObject({ status: 'USED', transactionId: start.transactionId });
  });

  it('refuses another tag on a reserved connector, and at Authorize only when every connector is reserved', async () => {
    const { cp, command } = await station('CP-RBLOCK', { ReserveNow: () => ({ status: 'Accepted' }) });
    await command('ReserveNow', { connectorId: 1, expiryDate: inMinutes(5), idTag: 'RES-TAG' });
    expect((await cp.call('Authorize', { idTag: 'OTHER-BL' })).idTagInfo.status).toBe('Accepted');
    expect((await cp.call('StartTransaction', { connectorId: 1, idTag: 'OTHER-BL', meterStart: 0, timestamp: new Date().toISOString() })).idTagInfo.status).toBe('Invalid');
    expect((await cp.call('StartTransaction', { connectorId: 1, idTag: 'SIBLING-S', meterStart: 0, timestamp: new Date().toISOString() })).idTagInfo.status).toBe('Invalid');
    await command('ReserveNow', { connectorId: 2, expiryDate: inMinutes(5), idTag: 'CHILD-C' });
    expect((await cp.call('Authorize', { idTag: 'OTHER-BL' })).idTagInfo.status).toBe('Invalid');
    // Same group as the connector-2 reservation: still allowed.
    expect((await cp.call('Authorize', { idTag: 'SIBLING-S' })).idTagInfo.status).toBe('Accepted');
    expect((await cp.call('Authorize', { idTag: 'RES-TAG' })).idTagInfo.status).toBe('Accepted');
  });

  it("a reservationId naming another group's reservation neither uses it nor gets past it", async () => {
    await tenant.idTag('PARENT-M');
    await tenant.idTag('CHILD-M', 'Accepted', { parentIdTag: 'PARENT-M' });
    await tenant.idTag('OTHER-M');
    const { cp, received, command } = await station('CP-RMISUSE', { ReserveNow: () => ({ status: 'Accepted' }) });
    const { command: sent } = await command('ReserveNow', { connectorId: 1, expiryDate: inMinutes(5), idTag: 'CHILD-M' });
    const reservationId = (sent.request as any).reservationId;
    expect(received.ReserveNow[0]).toMatchObject({ idTag: 'CHILD-M', parentIdTag: 'PARENT-M', reservationId });
    await cp.call('StatusNotification', { connectorId: 1, status: 'Reserved', errorCode: 'NoError' });
    const start = (idTag: string, connectorId: number, withReservation?: number) =>
      cp.call('StartTransaction', { connectorId, idTag, meterStart: 0, timestamp: new Date().toISOString(), ...(withReservation !== undefined ? { reservationId: withReservation } : {}) });
    const without = await start('OTHER-M', 1);
    expect(without.idTagInfo.status).toBe('Invalid');
    // Naming the reservation changes nothing for a tag outside its group.
    expect((await start('OTHER-M', 1, reservationId)).idTagInfo.status).toBe(without.idTagInfo.status);
    expect(await reservation(reservationId)).toMatchObject({ status: 'ACTIVE', transactionId: null });
    // On a free connector the tag may charge, but the reservation it names is not its to end.
    const elsewhere = await start('OTHER-M', 2, reservationId);
    expect(elsewhere.idTagInfo.status).toBe('Accepted');
    expect(await reservation(reservationId)).toMatchObject({ status: 'ACTIVE', transactionId: null });
    // Nor does its transaction name that reservation.
    expect((await em().findOneOrFail(ChargingTransaction, { id: elsewhere.transactionId })).reservationId).toBeNull();
    // The reserving group still has it.
    const own = await start('PARENT-M', 1, reservationId);
    expect(own.idTagInfo.status).toBe('Accepted');
    expect(await reservation(reservationId)).toMatchObject({ status: 'USED', transactionId: own.transactionId });
    expect((await em().findOneOrFail(ChargingTransaction, { id: own.transactionId })).reservationId).toBe(reservationId);
  });

  it('ignores a reservationId the CSMS never issued: the start is judged, and uses a reservation, as without one', async () => {
    await tenant.idTag('RES-BOGUS');
    await tenant.idTag('OTHER-BOGUS');
    const { cp, command } = await station('CP-RBOGUS', { ReserveNow: () => ({ status: 'Accepted' }) });
    const { command: sent } = await command('ReserveNow', { connectorId: 1, expiryDate: inMinutes(5), idTag: 'RES-BOGUS' });
    const reservationId = (sent.request as any).reservationId;
    await cp.call('StatusNotification', { connectorId: 1, status: 'Reserved', errorCode: 'NoError' });
    const neverIssued = reservationId + 1_000_000;
    const other = await cp.call('StartTransaction', { connectorId: 1, idTag: 'OTHER-BOGUS', meterStart: 0, timestamp: new Date().toISOString(), reservationId: neverIssued });
    expect(other.idTagInfo.status).toBe('Invalid');
    expect((await reservation(reservationId)).status).toBe('ACTIVE');
    const own = await cp.call('StartTransaction', { connectorId: 1, idTag: 'RES-BOGUS', meterStart: 0, timestamp: new Date().toISOString(), reservationId: neverIssued });
    expect(own.idTagInfo.status).toBe('Accepted');
    expect(await reservation(reservationId)).toMatchObject({ status: 'USED', transactionId: own.transactionId });
  });

  it('marks a reservation whose ReserveNow got no answer REJECTED', async () => {
    const { command } = await station('CP-RTIMEOUT', { ReserveNow: () => new Promise(() => undefined) });
    const failed = await command('ReserveNow', { connectorId: 1, expiryDate: inMinutes(5), idTag: 'RES-TAG' }).catch((e) => e);
    expect(failed.code).toBe('CHARGE_POINT_TIMEOUT');
    const rows = await em().find(Reservation, { chargePointId: 'CP-RTIMEOUT' });
    expect(rows.map((r) => r.status)).toEqual(['REJECTED']);
  });

  it('through GraphQL: reserveNow returns the CSMS-assigned id, reservations filters active ones, cancel ends it', async () => {
    await station('CP-RGQL', { ReserveNow: () => ({ status: 'Accepted' }), CancelReservation: () => ({ status: 'Accepted' }) });
    const api = graphqlClient(server, tenant.ownerKey);
    const reserve = `mutation($input: ReserveNowInput!) { reserveNow(input: $input) { status reservationId command { status } } }`;
    const list = `query($f: ReservationFilter) { reservations(filter: $f) { edges { node { id chargePointId connectorId idTag parentIdTag expiryDate status responseStatus transactionId } } } }`;
    const expiryDate = inMinutes(5);
    const made = (await api.data(reserve, { input: { chargePointId: 'CP-RGQL', connectorId: 1, expiryDate, idTag: 'GQL-TAG' } })).reserveNow;
    expect(made).toMatchObject({ status: 'Accepted', reservationId: expect.any(Number), command: { status: 'COMPLETED' } });
    const active = (await api.data(list, { f: { chargePointId: 'CP-RGQL', active: true } })).reservations.edges.map((e: any) => e.node);
    expect(active).toEqual([
      { id: made.reservationId, chargePointId: 'CP-RGQL', connectorId: 1, idTag: 'GQL-TAG', parentIdTag: null, expiryDate, status: 'ACTIVE', responseStatus: 'Accepted', transactionId: null },
    ]);
    await api.data(`mutation($input: CancelReservationInput!) { cancelReservation(input: $input) { status } }`, { input: { chargePointId: 'CP-RGQL', reservationId: made.reservationId } });
    expect((await api.data(list, { f: { chargePointId: 'CP-RGQL', active: true } })).reservations.edges.map((e: any) => e.node)).toEqual([]);
    expect((await api.data(list, { f: { chargePointId: 'CP-RGQL', active: false } })).reservations.edges.map((e: any) => e.node).map((r: any) => r.status)).toEqual(['CANCELLED']);
    // Another tenant sees none of it.
    const other = await seedTenant(server);
    expect((await graphqlClient(server, other.ownerKey).data(list, { f: { chargePointId: 'CP-RGQL' } })).reservations.edges.map((e: any) => e.node)).toEqual([]);
  });

  it('shows an accepted reservation past its expiryDate as EXPIRED before the job has run', async () => {
    const { command } = await station('CP-RGUARD', { ReserveNow: () => ({ status: 'Accepted' }) });
    const { command: sent } = await command('ReserveNow', { connectorId: 1, expiryDate: inMinutes(5), idTag: 'RES-TAG' });
    const reservationId = (sent.request as any).reservationId;
    // Pretend time passed without the job: the row still says ACTIVE.
    await em().nativeUpdate(Reservation, { id: reservationId }, { expiryDate: new Date(Date.now() - 1000) });
    const api = graphqlClient(server, tenant.ownerKey);
    const rows = (await api.data(`query { reservations(filter: { chargePointId: "CP-RGUARD" }) { edges { node { id status } } } }`)).reservations.edges.map((e: any) => e.node);
    expect(rows).toEqual([{ id: reservationId, status: 'EXPIRED' }]);
    expect((await api.data(`query { reservations(filter: { chargePointId: "CP-RGUARD", active: true }) { edges { node { id } } } }`)).reservations.edges.map((e: any) => e.node)).toEqual([]);
  });
});

async function pollStatus(id: number, wanted: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const status = (await reservation(id)).status;
    if (status === wanted || Date.now() > deadline) return status;
    await new Promise((r) => setTimeout(r, 100));
  }
}
