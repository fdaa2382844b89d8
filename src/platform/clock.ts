/** The one clock. Tests may replace `now` to move time. */
export const clock = {
  now: (): Date => new Date(),
};
