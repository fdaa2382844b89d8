import { randomUUID } from 'node:crypto';
import { SpreadInterval } from '../src/platform/spread-interval';

/**
 * Periodic work over connections (pings, presence refreshes) visits each member once per period, a slice of
 * them per tick, and never one that left; a tick walks only its own slice, not every connection.
 */
it('hands each member to one tick per period, and none after it was deleted', async () => {
  const ids = Array.from({ length: 200 }, () => randomUUID());
  const ticks: string[][] = [];
  const spread = new SpreadInterval<string>(40, (due) => ticks.push([...due]), 10);
  for (const id of ids) spread.add(id, id);
  const gone = ids.slice(0, 50);
  for (const id of gone) spread.delete(id);
  spread.start();
  try {
    // Four ticks make one period; wait for two periods.
    while (ticks.length < 8) await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    spread.stop();
  }
  const period = ticks.slice(0, 4).flat();
  expect(period.sort()).toEqual(ids.slice(50).sort());
  // The next period visits the same members at the same ticks.
  expect(ticks.slice(4, 8)).toEqual(ticks.slice(0, 4));
  // Spread out: no tick holds all of them.
  expect(Math.max(...ticks.slice(0, 4).map((t) => t.length))).toBeLessThan(150);
});
