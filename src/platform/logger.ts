import pino from 'pino';

export type Logger = pino.Logger;

/** The one logger. Secrets never reach it: these paths are redacted wherever they appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['password', '*.password', 'authorization', '*.authorization', 'secret', '*.secret', 'apiKey', '*.apiKey', 'idTag', '*.idTag', '*.*.idTag'],
      censor: '[redacted]',
    },
  });
}
