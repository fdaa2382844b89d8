import fs from 'node:fs';
import https from 'node:https';
import type { Config } from '../config';

/**
 * The wss:// listener beside the plain one (OCPP_TLS_PORT), when OCPP_TLS_CERT/OCPP_TLS_KEY are set. It
 * asks every client for a certificate but does not require or judge one in the handshake: security
 * profile 3 checks it per charge point at the upgrade (against that charge point's tenant CA).
 */
export function createTlsListener(config: Config, options: https.ServerOptions = {}): https.Server | undefined {
  if (!config.ocppTlsCert || !config.ocppTlsKey) return undefined;
  return https.createServer({
    ...options,
    cert: fs.readFileSync(config.ocppTlsCert),
    key: fs.readFileSync(config.ocppTlsKey),
    requestCert: true,
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2',
  });
}
