import { lookup } from 'node:dns/promises';
import { isIPv4, type AddressInfo } from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { FileSystem, FtpSrv, type FtpConnection } from 'ftp-srv';
import type { AppContext } from '../../app-context';
import type { DiagnosticsUploadToken } from './diagnostics-file.entity';
import { findUploadToken, ftpUserFor, storeUpload } from './diagnostics.service';
import { limitFtpClients } from './ftp-command-flow';

/**
 * The FTP side of diagnostics uploads, for charge points that upload only by FTP: passive mode, one login
 * per upload URL (user and password from the URL the CSMS handed out), an empty write-only directory, and
 * each STOR stored like an http upload (same size limit, same files, the token spent by a complete upload).
 */
class UploadOnlyFileSystem extends FileSystem {
  constructor(
    connection: FtpConnection,
    private readonly app: AppContext,
    private readonly token: DiagnosticsUploadToken,
  ) {
    super(connection, { root: '/', cwd: '/' });
  }

  override currentDirectory(): string {
    return '/';
  }

  override async get(fileName: string): Promise<{ name: string; isDirectory(): boolean; size: number; mtime: Date; mode: number }> {
    if (fileName === '/' || fileName === '.' || fileName === '') return { name: '/', isDirectory: () => true, size: 0, mtime: new Date(), mode: 0o755 };
    throw Object.assign(new Error('No such file'), { code: 550 });
  }

  override async list(): Promise<never[]> {
    return [];
  }

  override async chdir(): Promise<string> {
    return '/';
  }

  /** 226 is answered once the file is stored: the writable finishes only when storeUpload has. */
  override write(fileName: string, { append }: { append?: boolean; start?: unknown } = {}): { stream: Writable; clientPath: string } {
    if (append) throw Object.assign(new Error('Appending is not supported'), { code: 550 });
    const body = new PassThrough();
    const stored = storeUpload(this.app, this.token, body, { fileName: fileName.split('/').pop() || this.token.fileName || 'diagnostics', contentType: null });
    const target = new Writable({
      write(chunk, _encoding, callback) {
        if (body.write(chunk)) callback();
        else body.once('drain', () => callback());
      },
      final(callback) {
        body.end();
        stored.then(() => callback(), callback);
      },
    });
    stored.catch((error) => target.destroy(error));
    // ftp-srv ends an upload by emitting 'close' on the stream when it has listeners (as pipe() adds).
    target.on('close', () => {
      if (!target.writableEnded && !target.destroyed) target.end();
    });
    return { stream: target, clientPath: fileName };
  }

  override async read(): Promise<never> {
    throw Object.assign(new Error('Upload only'), { code: 550 });
  }

  override async delete(): Promise<never> {
    throw Object.assign(new Error('Upload only'), { code: 550 });
  }

  override async mkdir(): Promise<never> {
    throw Object.assign(new Error('Upload only'), { code: 550 });
  }

  override async rename(): Promise<never> {
    throw Object.assign(new Error('Upload only'), { code: 550 });
  }

  override async chmod(): Promise<never> {
    throw Object.assign(new Error('Upload only'), { code: 550 });
  }
}

/** The IPv4 address PASV answers with: PUBLIC_FTP_HOST, resolved when it is a name. */
async function passiveAddress(host: string): Promise<string> {
  return isIPv4(host) ? host : (await lookup(host, { family: 4 })).address;
}

/**
 * Starts the FTP listener on FTP_PORT (0: any free port, then written back to the config so upload URLs
 * name the bound one). Returns its stop.
 */
export async function startFtpUploads(app: AppContext): Promise<() => Promise<void>> {
  const signalsBefore = new Map((['SIGTERM', 'SIGINT', 'SIGQUIT'] as const).map((signal) => [signal, new Set(process.listeners(signal))]));
  const server = new FtpSrv({
    url: `ftp://0.0.0.0:${app.config.ftpPort}`,
    pasv_min: app.config.ftpPasvMin,
    pasv_max: app.config.ftpPasvMax,
    pasv_url: ((() => passiveAddress(app.config.publicFtpHost)) as unknown) as string,
    anonymous: false,
    greeting: 'QCharge diagnostics upload',
    log: app.log.child({ component: 'ftp' }),
    timeout: 60_000,
  });
  // ftp-srv exits the process on these signals; the process's own shutdown stops it instead.
  for (const [signal, before] of signalsBefore) {
    for (const listener of process.listeners(signal)) if (!before.has(listener)) process.removeListener(signal, listener);
  }
  limitFtpClients(server, app.log.child({ component: 'ftp' }));
  server.on('login', ({ connection, username, password }, resolve, reject) => {
    findUploadToken(app, password).then(
      (token) => {
        if (!token || ftpUserFor(token) !== username) return reject(new Error('Unknown or used upload login'));
        resolve({ fs: new UploadOnlyFileSystem(connection, app, token) });
      },
      (error) => reject(error),
    );
  });
  server.on('client-error', ({ error }) => app.log.info({ err: error }, 'ftp client error'));
  await server.listen();
  const bound = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  if (app.config.ftpPort === 0) app.config.ftpPort = bound.port;
  app.log.info({ port: bound.port }, 'FTP upload listener ready');
  return async () => {
    await server.close();
  };
}
