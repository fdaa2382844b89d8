/** Resolves once `count()` stopped growing for `quietMs`, or after `maxWaitMs`: what a phase set off has all arrived. */
export async function untilQuiet(count: () => number, quietMs: number, maxWaitMs: number): Promise<void> {
  const started = Date.now();
  let seen = -1;
  while (seen !== count() && Date.now() - started < maxWaitMs) {
    seen = count();
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}
