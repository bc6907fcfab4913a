import { randomBytes } from 'node:crypto';
import { credentialProfileInputSchema } from '@fleetpush/contracts';
import { installLeakCheck, withRedis, type TestRedis } from '@fleetpush/testing';
import { storeInRedis } from './__fixtures__/store-in-redis';
import { toCsv } from './devices-to-csv';
import { importDevices } from './import-devices';
import { sealCredentialProfile } from './seal-credential-profile';
import { SecretBox } from './secret-box';

installLeakCheck();

/** The forms a leaked marker could take: raw, URL-encoded, and base64 at any byte alignment. */
function leakForms(marker: string): string[] {
  const forms = [marker, encodeURIComponent(marker)];
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad), Buffer.from(marker)]).toString('base64');
    // Drop the characters that mix in the padding bytes before and the `=` after.
    const core = encoded.slice(Math.ceil((pad * 4) / 3), encoded.length - 4);
    forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

/** Every key under the prefix and everything in it, whatever the key's type. */
async function dumpPrefix({ redis, prefix }: TestRedis): Promise<string> {
  const parts: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      parts.push(key);
      const type = await redis.type(key);
      if (type === 'string') parts.push((await redis.get(key)) ?? '');
      else if (type === 'hash') parts.push(...Object.entries(await redis.hgetall(key)).flat());
      else if (type === 'zset') parts.push(...(await redis.zrange(key, 0, -1, 'WITHSCORES')));
      else if (type === 'list') parts.push(...(await redis.lrange(key, 0, -1)));
      else if (type === 'set') parts.push(...(await redis.smembers(key)));
      else parts.push(`<unread ${type}>`);
    }
  } while (cursor !== '0');
  return parts.join('\n');
}

describe('honeytoken: device secrets never reach Redis, rejected rows or exports in any readable form', () => {
  it('finds none of the marker secrets after an import is stored', async () => {
    await withRedis(async (ctx) => {
      const box = new SecretBox(randomBytes(32));
      const marker = (what: string, i: number) =>
        `HONEY-${what}-${i}-${randomBytes(6).toString('hex')}`;
      const markers: string[] = [];
      const rows: string[] = [];
      for (let i = 0; i < 20; i++) {
        const cells = [marker('pw', i), marker('en', i), marker('enpw', i), marker('snmp', i)];
        markers.push(...cells);
        const port = i % 5 === 4 ? 'bad' : '22'; // every fifth row is rejected
        rows.push(`r${i}.example.net,${port},cisco_ios,admin,${cells.join(',')},VISIBLE-${i}`);
      }
      const csv = [
        'host,port,device_type,username,password,secret,enable_password,snmp_community,name',
        ...rows,
      ].join('\n');
      const result = await importDevices(csv, { secrets: box });
      expect(result.devices).toHaveLength(16);
      expect(result.rejected).toHaveLength(4);
      const profileSecrets = ['pw', 'key', 'phrase', 'en'].map((w) => marker(`profile-${w}`, 0));
      markers.push(...profileSecrets);
      const profile = sealCredentialProfile(
        credentialProfileInputSchema.parse({
          name: 'core',
          username: 'netops',
          password: profileSecrets[0],
          private_key: profileSecrets[1],
          passphrase: profileSecrets[2],
          enable_secret: profileSecrets[3],
        }),
        box,
        new Date(),
      );

      const report = await storeInRedis({
        url: ctx.url,
        prefix: ctx.prefix,
        devices: result.devices,
        credentials: [profile],
      });
      expect(report.stored).toBe(16);

      const dump = await dumpPrefix(ctx);
      // Positive control: what is not secret is there, so the scan does see stored values.
      expect(dump).toContain('VISIBLE-0');
      expect(dump).toContain('netops');
      const shown = [dump, JSON.stringify(result.rejected), toCsv(result.devices)];
      const hits = markers.flatMap((m) =>
        leakForms(m).filter((form) => shown.some((s) => s.includes(form))),
      );
      expect(hits).toEqual([]);
    });
  });
});
