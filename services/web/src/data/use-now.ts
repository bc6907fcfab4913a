import { useEffect, useState } from 'react';

/** How often a clock on screen moves: the seconds of a countdown or an ETA. */
const TICK_MS = 1_000;

/**
 * The time now (ms since epoch), refreshed every second while `ticking`; frozen otherwise (a
 * finished job's page need not redraw).
 */
export function useNow(ticking = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}
