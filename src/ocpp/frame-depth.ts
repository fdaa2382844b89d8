/**
 * Whether a JSON text nests arrays and objects deeper than `maxDepth`, found by one linear scan of the
 * brackets outside strings, before anything parses it: a frame of 32,000 nested brackets fits in 64 KiB,
 * and while JSON.parse copes with it, every recursive walk after it (JSON.stringify for subscribers,
 * schema validation, logging) overflows the stack. OCPP 1.6 payloads nest a handful of levels.
 * Text that is not JSON at all is left for the parser to refuse.
 */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}
