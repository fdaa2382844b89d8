/**
 * Back-pressure and protocol limits of the OCPP ingress, in one place. Each protects the CSMS from one
 * charge point; none limits the fleet.
 */
export const INGRESS_LIMITS = {
  /** Frames larger than this close the socket (contract: 64 KiB). */
  maxFrameBytes: 64 * 1024,
  /** Unanswered calls from one charge point held in its in-order queue; beyond it they get GenericError. */
  maxQueuedCalls: 100,
  /** Unparseable or schema-invalid frames tolerated within `badFrameWindowMs` before the socket is closed. */
  maxBadFrames: 50,
  badFrameWindowMs: 60_000,
  /** WebSocket ping period: a socket silent for a period is pinged, and cut if it did not answer by the next. */
  pingIntervalMs: 30_000,
} as const;
