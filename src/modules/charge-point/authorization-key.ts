/** OCPP compares configuration keys case-insensitively; so does every check for the secret one. */
export function isAuthorizationKey(key: unknown): boolean {
  return typeof key === 'string' && key.toLowerCase() === 'authorizationkey';
}

/** The password an AuthorizationKey value stands for: the value is the hex of its UTF-8 bytes (OCPP 1.6 security whitepaper). */
export function passwordFromAuthorizationKey(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(value)) return null;
  const bytes = Buffer.from(value, 'hex');
  const password = bytes.toString('utf8');
  // Bytes that are not UTF-8 could not be typed into HTTP Basic the same way.
  return Buffer.from(password, 'utf8').equals(bytes) ? password : null;
}

/**
 * ChangeConfiguration(AuthorizationKey) carries a charge point's next password (as hex), and a charge point
 * that breaks the rule that the key is write-only reports it in GetConfiguration. Frames leave the ingress
 * (to Redis, to subscribers) and answers are stored only with that value hidden.
 */
export function hideAuthorizationKey(action: string | undefined, payload: unknown): unknown {
  if (payload === null || typeof payload !== 'object') return payload;
  const message = payload as Record<string, unknown>;
  if (action === 'GetConfiguration' && Array.isArray(message.configurationKey)) {
    if (!message.configurationKey.some((k) => isAuthorizationKey((k as { key?: unknown })?.key))) return payload;
    return {
      ...message,
      configurationKey: message.configurationKey.map((k) => (isAuthorizationKey((k as { key?: unknown })?.key) && 'value' in (k as object) ? hideSecretValue(k as Record<string, any>) : k)),
    };
  }
  if (action !== 'ChangeConfiguration' || !isAuthorizationKey(message.key) || !('value' in message)) return payload;
  return hideSecretValue(message);
}

/** The request with the AuthorizationKey's value replaced, as it is stored and shown. */
export function hideSecretValue(request: Record<string, any>): Record<string, any> {
  return { ...request, value: '[redacted]' };
}
