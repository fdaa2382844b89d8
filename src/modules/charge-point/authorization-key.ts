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
 * (to Redis, to subscribers) and answers are stored only with that value hidden: every `{ key, value }`
 * naming the AuthorizationKey, wherever it sits, whatever the action (a late answer to a call that timed
 * out, or a malformed frame, has none to go by).
 */
export function hideAuthorizationKey(payload: unknown, depth = 0): unknown {
  if (payload === null || typeof payload !== 'object' || depth > MAX_DEPTH) return payload;
  if (Array.isArray(payload)) {
    const items = payload.map((item) => hideAuthorizationKey(item, depth + 1));
    return items.some((item, i) => item !== payload[i]) ? items : payload;
  }
  const message = payload as Record<string, unknown>;
  if (isAuthorizationKey(message.key) && 'value' in message) return hideSecretValue(message);
  let copy: Record<string, unknown> | undefined;
  // for-in over own fields (no [key, value] array per field: this walks every command's answer).
  for (const field in message) {
    if (!Object.hasOwn(message, field)) continue;
    const value = message[field];
    const hidden = hideAuthorizationKey(value, depth + 1);
    if (hidden !== value) (copy ??= { ...message })[field] = hidden;
  }
  return copy ?? payload;
}

/** Frames deeper than this are refused at the edge (MAX_FRAME_DEPTH); the bound only keeps the walk finite. */
const MAX_DEPTH = 40;

/** The request with the AuthorizationKey's value replaced, as it is stored and shown. */
export function hideSecretValue<T extends object>(request: T): T & { value: string } {
  return { ...request, value: '[redacted]' };
}
