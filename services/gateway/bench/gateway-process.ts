/**
 * The gateway side of the latency benchmark, in its own process (as deployed), so that its CPU
 * is not shared with the producer and the 20 viewers. Prints `{"port": N}`, then serves until
 * stdin closes, then prints `{"cpuMs": N}` (CPU used while serving).
 * Arguments: `--redis <url> --prefix <prefix>`.
 */
import { createLogger } from '@fleetpush/runtime';
import { redisKeys, TokenStore } from '@fleetpush/store';
import { Redis } from 'ioredis';
import { createGateway } from '../src/gateway';

function arg(name: string): string {
  const value = process.argv[process.argv.indexOf(name) + 1];
  if (!process.argv.includes(name) || value === undefined) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const redis = new Redis(arg('--redis'));
  const keys = redisKeys(arg('--prefix'));
  const gateway = createGateway({
    redis,
    keys,
    tokens: new TokenStore(redis, keys),
    corsOrigins: [],
    logger: createLogger({ service: 'gateway-bench', level: 'warn' }),
    port: 0,
    host: '127.0.0.1',
  });
  await gateway.start();
  const cpuBefore = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ port: gateway.port })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    const cpu = process.cpuUsage(cpuBefore);
    process.stdout.write(`${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
    void gateway
      .close()
      .then(() => redis.quit())
      .then(() => process.exit(0));
  });
}

void main();
