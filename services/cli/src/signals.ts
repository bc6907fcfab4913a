/** The first and the second SIGINT/SIGTERM this process receives (first drains, second forces). */
export function processSignals(): { first: Promise<void>; second: Promise<void> } {
  let count = 0;
  let resolveFirst: () => void = () => {};
  let resolveSecond: () => void = () => {};
  const first = new Promise<void>((resolve) => (resolveFirst = resolve));
  const second = new Promise<void>((resolve) => (resolveSecond = resolve));
  const onSignal = (): void => {
    count += 1;
    if (count === 1) resolveFirst();
    else resolveSecond();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { first, second };
}
