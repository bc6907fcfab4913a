import type { CommandOutput, DeviceSession, SessionTarget } from '@fleetpush/ssh';

/**
 * A device session without SSH: answers at once (or after `delayMs`), so a benchmark measures
 * the engine's own orchestration cost per device (coordinator, queue, journal, events).
 */
export function nullSessionFactory(delayMs = 0) {
  return async (target: SessionTarget): Promise<DeviceSession> => {
    let sent = 0;
    const wait = (): Promise<void> =>
      delayMs > 0 ? new Promise((r) => setTimeout(r, delayMs)) : Promise.resolve();
    const answer = (command: string): CommandOutput => ({
      command,
      output: `${command}\nok ${sent}`,
      durationMs: 0,
    });
    return {
      platform: target.platform,
      prompt: 'R1#',
      hostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      capabilities: { candidate: false, save: true, configMode: true },
      async exec(commands) {
        await wait();
        return commands.map(answer);
      },
      async configure(lines) {
        await wait();
        sent += lines.length;
        return { linesSent: lines.length, outputs: lines.map(answer), candidatePending: false };
      },
      commit: async () => '',
      commitConfirmed: async () => '',
      confirm: async () => '',
      discard: async () => undefined,
      save: async () => '[OK]',
      get configLinesSent() {
        return sent;
      },
      transcript: () => ({ text: '', truncated: false, originalBytes: 0 }),
      close: async () => undefined,
    };
  };
}
