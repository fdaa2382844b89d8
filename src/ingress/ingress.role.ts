import type { RoleModule } from '../roles';
import { OcppServer } from './ocpp-server';

/** The ingress role: the OCPP-J listeners (ws:// on OCPP_PORT, wss:// on OCPP_TLS_PORT when TLS is configured). */
export const ingressRole: RoleModule = {
  name: 'ingress',
  role: 'ingress',
  async start(app) {
    const server = new OcppServer(app);
    const ocpp = await server.listen(app.config.ocppPort);
    app.log.info({ port: ocpp }, 'OCPP listener ready');
    const ocppTls = await server.listenTls(app.config.ocppTlsPort);
    if (ocppTls !== undefined) app.log.info({ port: ocppTls }, 'OCPP TLS listener ready');
    return {
      ports: { ocpp, ocppTls },
      async disconnect() {
        await server.close();
        // Charge points are gone; what they sent last is still written before the pool closes.
        await Promise.all([app.meterValues.drain(), app.statusNotifications.drain()]);
      },
    };
  },
};
