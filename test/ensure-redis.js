// @ts-check
/**
 * jest globalSetup: the integration tests need a Redis. When none answers at FLEETPUSH_REDIS_URL
 * (default redis://127.0.0.1:6379) and a `redis-server` binary is on PATH, start one there
 * (no persistence), so that `npm test` works on a machine that merely has Redis installed.
 */
const net = require('node:net');
const { spawnSync } = require('node:child_process');

/** @param {string} host @param {number} port @returns {Promise<boolean>} */
function answersPing(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (/** @type {boolean} */ ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

module.exports = async function ensureRedis() {
  const url = new URL(process.env.FLEETPUSH_REDIS_URL || 'redis://127.0.0.1:6379');
  const host = url.hostname || '127.0.0.1';
  const port = Number(url.port || 6379);
  if (await answersPing(host, port)) return;
  const started = spawnSync(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      host,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
    ],
    { stdio: 'ignore' },
  );
  if (started.error || started.status !== 0) {
    throw new Error(
      `No Redis answers at ${url.href} and redis-server could not be started: install Redis (apt-get install redis-server) or set FLEETPUSH_REDIS_URL.`,
    );
  }
  for (let i = 0; i < 50; i += 1) {
    if (await answersPing(host, port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`redis-server was started on ${host}:${port} but does not answer`);
};
