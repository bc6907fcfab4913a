import { readiness, redisAnswers } from './readiness';

describe('readiness', () => {
  it('is ready only when every check passes, and names each', async () => {
    expect(await readiness({ redis: () => true, consuming: async () => true })).toEqual({
      status: 'ready',
      checks: { redis: true, consuming: true },
    });
    expect(await readiness({ redis: () => true, consuming: () => false })).toEqual({
      status: 'not_ready',
      checks: { redis: true, consuming: false },
    });
  });

  it('counts a check that throws, or never answers, as failed', async () => {
    const report = await readiness({
      redis: redisAnswers({ ping: () => new Promise<string>(() => undefined) }),
      broken: () => Promise.reject(new Error('boom')),
    });
    expect(report).toEqual({ status: 'not_ready', checks: { redis: false, broken: false } });
  });
});
