/**
 * ChangeConfiguration(AuthorizationKey) carries a charge point's next password (as hex). Frames leave the
 * ingress (to Redis, to subscribers) only with that value hidden.
 */
export function hideAuthorizationKey(action: string | undefined, payload: unknown): unknown {
  if (action !== 'ChangeConfiguration' || payload === null || typeof payload !== 'object') return payload;
  const request = payload as Record<string, unknown>;
  if (String(request.key).toLowerCase() !== 'authorizationkey' || !('value' in request)) return payload;
  return { ...request, value: '[redacted]' };
}
