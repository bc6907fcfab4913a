import { mapBounded } from './map-bounded';

describe('mapBounded', () => {
  it('keeps at most `concurrency` calls in flight, slides the window and keeps the order', async () => {
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await mapBounded([5, 1, 4, 2, 3, 0, 6], 3, async (n, i) => {
      started.push(i);
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      for (let tick = 0; tick < n; tick += 1) await Promise.resolve();
      inFlight -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(peak).toBe(3);
    expect(started).toHaveLength(7);
  });

  it('handles an empty list and a window larger than the list', async () => {
    expect(await mapBounded([], 50, async () => 1)).toEqual([]);
    expect(await mapBounded([1, 2], 50, async (n) => n + 1)).toEqual([2, 3]);
  });
});
