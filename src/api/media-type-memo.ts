import { createRequire } from 'node:module';

interface NegotiatorClass {
  prototype: { mediaType(this: { request: { headers: { accept?: string } } }, available?: string[]): string | undefined };
}

const memoized = Symbol('qcharge.memoizedMediaType');

/** Accept headers (with the types offered) whose answer is kept; a client-chosen text, so the memo is bounded. */
const MAX_KEPT = 256;

/**
 * Apollo Server asks Negotiator which media type an Accept header prefers once or twice per request (the
 * response's content type, and whether incremental delivery is legacy), parsing the header and the offered
 * types every time: ~4% of a GraphQL mutation's CPU. The answer depends only on the header and the offered
 * types, so it is kept per pair (the same strings Negotiator would answer). Patches the Negotiator module
 * Apollo itself loads; idempotent.
 */
export function memoizeApolloMediaTypes(): void {
  const negotiator = createRequire(require.resolve('@apollo/server'))('negotiator') as NegotiatorClass;
  const proto = negotiator.prototype as NegotiatorClass['prototype'] & { [memoized]?: true };
  if (proto[memoized]) return;
  const mediaType = proto.mediaType;
  const kept = new Map<string, string | undefined>();
  proto.mediaType = function (available) {
    const accept = this.request.headers.accept;
    if (!Array.isArray(available) || (accept !== undefined && typeof accept !== 'string')) return mediaType.call(this, available);
    const key = `${accept ?? '\u0000'}\u0001${available.join('\u0001')}`;
    if (kept.has(key)) return kept.get(key);
    const answer = mediaType.call(this, available);
    if (kept.size >= MAX_KEPT) kept.clear();
    kept.set(key, answer);
    return answer;
  };
  proto[memoized] = true;
}
