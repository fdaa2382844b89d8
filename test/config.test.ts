import { ConfigError, loadConfig } from '../src/config';

describe('configuration from the environment', () => {
  it('takes the contract defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/qcharge',
      redisUrl: 'redis://127.0.0.1:6379',
      ocppPort: 9000,
      apiPort: 4000,
      adminApiKey: undefined,
      logLevel: 'info',
    });
  });

  it('accepts any admin key the operator chose (a short one is only warned about at start)', () => {
    expect(loadConfig({ ADMIN_API_KEY: 'admin' }).adminApiKey).toBe('admin');
  });

  it('reads LOG_LEVEL case-insensitively and refuses an unknown one with a clear message', () => {
    expect(loadConfig({ LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
    expect(() => loadConfig({ LOG_LEVEL: 'chatty' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_LEVEL: 'chatty' })).toThrow(/LOG_LEVEL must be one of/);
    expect(() => loadConfig({ OCPP_PORT: 'nine' })).toThrow(/OCPP_PORT/);
  });
});
