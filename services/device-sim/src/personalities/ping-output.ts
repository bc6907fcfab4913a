/** Ping outputs of the BSD/Linux family (NX-OS, EOS, FRR, Junos, Linux all print one of these). */

/** TEST-NET-1 (192.0.2.0/24, RFC 5737) never answers, so tests can provoke a failed ping. */
export function unreachable(target: string): boolean {
  return target.startsWith('192.0.2.');
}

/** iputils `ping -c 5` (Linux, EOS, FRR). */
export function linuxPing(target: string, count = 5): string {
  const lines = [`PING ${target} (${target}) 56(84) bytes of data.`];
  const lost = unreachable(target);
  if (!lost) {
    for (let i = 1; i <= count; i += 1) {
      lines.push(`64 bytes from ${target}: icmp_seq=${i} ttl=64 time=0.0${40 + i} ms`);
    }
  }
  lines.push('', `--- ${target} ping statistics ---`);
  lines.push(
    lost
      ? `${count} packets transmitted, 0 received, 100% packet loss, time ${count * 1000 - 1000}ms`
      : `${count} packets transmitted, ${count} received, 0% packet loss, time ${count * 1000 - 1000 + 4}ms`,
  );
  if (!lost) lines.push('rtt min/avg/max/mdev = 0.041/0.043/0.045/0.002 ms');
  return `${lines.join('\n')}\n`;
}

/** BSD-style ping (NX-OS, Junos). */
export function bsdPing(target: string, count = 5): string {
  const lines = [`PING ${target} (${target}): 56 data bytes`];
  const lost = unreachable(target);
  for (let i = 0; i < count; i += 1) {
    lines.push(
      lost
        ? `Request ${i} timed out`
        : `64 bytes from ${target}: icmp_seq=${i} ttl=254 time=1.0${20 + i} ms`,
    );
  }
  lines.push('', `--- ${target} ping statistics ---`);
  lines.push(
    `${count} packets transmitted, ${lost ? 0 : count} packets received, ${lost ? '100.00' : '0.00'}% packet loss`,
  );
  if (!lost) lines.push('round-trip min/avg/max = 1.020/1.022/1.024 ms');
  return `${lines.join('\n')}\n`;
}
