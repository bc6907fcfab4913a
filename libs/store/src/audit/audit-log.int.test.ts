import { installLeakCheck, withRedis } from '@fleetpush/testing';
import { redisKeys } from '../redis-keys';
import { AuditLog } from './audit-log';

installLeakCheck();

describe('AuditLog', () => {
  it('pages a filtered log across read batches: every match once, newest first, none skipped', async () => {
    await withRedis(async ({ redis, prefix }) => {
      const log = new AuditLog(redis, redisKeys(prefix));
      // 1,300 entries (more than two read batches); every 7th is a token revocation by "ci".
      for (let i = 0; i < 1300; i++) {
        const revoke = i % 7 === 0;
        await log.append({
          actor: revoke ? 'ci (tok_1)' : 'ops (tok_2)',
          action: revoke ? 'token:revoked' : 'job:submitted',
          target: `t${i}`,
          details: { i },
        });
      }
      const seen: string[] = [];
      let before: string | undefined;
      for (let page = 0; page < 100; page++) {
        const result = await log.list({ action: 'token:revoked', actor: 'CI', before, limit: 40 });
        seen.push(...result.items.map((e) => e.target));
        if (result.next === null) break;
        before = result.next;
      }
      const expected = Array.from({ length: 1300 }, (_, i) => i)
        .filter((i) => i % 7 === 0)
        .reverse()
        .map((i) => `t${i}`);
      expect(seen).toEqual(expected);
    });
  });

  it('reads the flat entries host-key enrollments were first written with, and skips damaged ones', async () => {
    await withRedis(async ({ redis, prefix }) => {
      const keys = redisKeys(prefix);
      const fingerprint = `SHA256:${'B'.repeat(43)}`;
      await redis.xadd(
        keys.audit,
        '*',
        'action',
        'host_key:enrolled',
        'device',
        '10.0.0.1:22',
        'fingerprint',
        fingerprint,
        'at',
        '2026-01-01T00:00:00.000Z',
      );
      await redis.xadd(keys.audit, '*', 'entry', '{"not":"an entry"}');
      const log = new AuditLog(redis, keys);
      const page = await log.list({ limit: 10 });
      expect(page.items).toEqual([
        expect.objectContaining({
          action: 'host_key:enrolled',
          actor: 'worker',
          target: '10.0.0.1:22',
          details: { fingerprint },
        }),
      ]);
    });
  });

  it('refuses an entry whose details are not flat scalars (so no object can slip in)', async () => {
    await withRedis(async ({ redis, prefix }) => {
      const log = new AuditLog(redis, redisKeys(prefix));
      await expect(
        log.append({
          actor: 'a',
          action: 'credential:created',
          target: 'lab',
          details: { profile: { password: 'x' } } as never,
        }),
      ).rejects.toThrow();
      expect(await redis.exists(redisKeys(prefix).audit)).toBe(0);
    });
  });
});
