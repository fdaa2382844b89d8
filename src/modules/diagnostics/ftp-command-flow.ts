import type { EventEmitter } from 'node:events';
import type { Server, Socket } from 'node:net';
import type { FtpConnection, FtpSrv } from 'ftp-srv';
import { addressGroup } from '../../platform/address-group';
import { Counts } from '../../platform/counts';
import { LogThrottle } from '../../platform/log-throttle';
import type { Logger } from '../../platform/logger';

/** FTP control connections at once from one client address, and in all; more are answered 421 and closed. */
export const FTP_MAX_CONNECTIONS_PER_ADDRESS = 16;
export const FTP_MAX_CONNECTIONS = 512;
/** A connection whose idle timeout fired but whose 421 cannot be delivered (its peer reads nothing) is cut after this. */
const CLOSE_GRACE_MS = 2000;

/** What ftp-srv keeps of a connection that its types leave out. */
interface FtpConnectionInternals {
  commandSocket: Socket;
  encoding: BufferEncoding;
  commands: { handle(line: string): PromiseLike<unknown> };
}

/**
 * Bounds what one FTP client can cost, before and after login. ftp-srv accepts any number of control
 * connections, and reads each one without pause: every chunk's commands are answered one after another,
 * each once the previous answer was flushed, so a client that sends commands and never reads the answers
 * piled every chunk up in memory (one connection sending HELP for 20 s: 134 MB sent, 3.7 GB RSS, the event
 * loop held for seconds, then the process out of memory). Here a connection is not read while any of its
 * commands waits for its answer (ftp-srv itself stops reading during a transfer), connections are capped
 * per address and in all, and a connection that timed out is cut even when its peer never reads the 421.
 */
export function limitFtpClients(ftp: FtpSrv, log: Logger): void {
  const server = (ftp as unknown as { server: Server }).server;
  const connections = new Counts();
  const refusals = new LogThrottle();
  const [serve, ...others] = server.listeners('connection') as Array<(socket: Socket) => void>;
  if (!serve || others.length > 0) throw new Error('ftp-srv no longer serves connections through one listener: review limitFtpClients');
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    const address = addressGroup(socket.remoteAddress ?? 'unknown');
    const fromAddress = connections.get(address);
    if (connections.total >= FTP_MAX_CONNECTIONS || fromAddress >= FTP_MAX_CONNECTIONS_PER_ADDRESS) {
      const suppressed = refusals.admit('too many');
      if (suppressed !== undefined) log.warn({ address, fromAddress, total: connections.total, suppressed }, 'too many FTP connections: refusing new ones');
      socket.on('error', () => undefined);
      socket.end('421 Too many connections, try again later\r\n');
      setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
      return;
    }
    connections.add(address);
    socket.once('close', () => connections.remove(address));
    socket.on('timeout', () => setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref());
    serve(socket);
  });
  // 'connect' (emitted as `serve` makes the connection) is missing from ftp-srv's types.
  (ftp as EventEmitter).on('connect', ({ connection }: { connection: FtpConnection }) => answerInTurn(connection as unknown as FtpConnectionInternals, log));
}

/**
 * ftp-srv's own reading of the control socket (each chunk split into its non-empty CRLF lines, answered in
 * order, the rest of a chunk dropped after a command fails or the client left), except that the socket is
 * paused while any command read from it waits for its answer.
 */
function answerInTurn(connection: FtpConnectionInternals, log: Logger): void {
  const socket = connection.commandSocket;
  socket.removeAllListeners('data');
  let waiting = 0;
  socket.on('data', (data: Buffer) => {
    const lines = data.toString(connection.encoding).split('\r\n').filter((line) => line !== '');
    if (lines.length === 0) return;
    waiting += lines.length;
    socket.pause();
    void answerAll(connection, lines)
      .catch((error: unknown) => log.debug({ err: error }, 'FTP command failed'))
      .finally(() => {
        waiting -= lines.length;
        if (waiting === 0 && !socket.destroyed) socket.resume();
      });
  });
}

/** A client gone mid-chunk leaves the rest unanswered: ftp-srv would log an error for each answer it cannot write. */
async function answerAll(connection: FtpConnectionInternals, lines: string[]): Promise<void> {
  for (const line of lines) {
    if (connection.commandSocket.destroyed) return;
    await connection.commands.handle(line);
  }
}
