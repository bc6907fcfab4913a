import { CliMode } from './profiles/platform-profile';
import { profileFor } from './profiles/profile-registry';
import { learnPrompt, PromptMatcher } from './prompt-matcher';

/** A matcher for the device whose login prompt was `line`. */
function matcherFor(platform: Parameters<typeof profileFor>[0], line: string): PromptMatcher {
  const profile = profileFor(platform);
  const learned = learnPrompt(profile, line);
  if (learned === undefined) throw new Error(`not a ${platform} prompt: ${line}`);
  return new PromptMatcher(profile, learned);
}

describe('PromptMatcher', () => {
  it('recognises the device prompt in every mode, and only as a whole line', () => {
    const m = matcherFor('cisco_ios', 'R1#');
    expect(m.matchLine('R1#')).toEqual({ mode: CliMode.privileged, host: 'R1', length: 3 });
    expect(m.matchLine('R1>')).toMatchObject({ mode: CliMode.unprivileged });
    expect(m.matchLine('R1(config)#')).toMatchObject({ mode: CliMode.config, length: 11 });
    expect(m.matchLine('R1(config-if)# ')).toMatchObject({ mode: CliMode.config, length: 14 });
    expect(m.matchLine('R1#show version')).toBeUndefined();
    expect(m.matchLine('R2#')).toBeUndefined();
    expect(m.matchLine('xR1#')).toBeUndefined();
  });

  it('finds a prompt at the start of an echo line and says where the command begins', () => {
    const m = matcherFor('cisco_ios', 'R1#');
    const line = 'R1(config)#interface Gi0/1';
    const found = m.matchPrefix(line);
    expect(found).toMatchObject({ mode: CliMode.config, host: 'R1' });
    expect(line.slice(found?.length)).toBe('interface Gi0/1');
    expect(m.matchPrefix('R2(config)#interface Gi0/1')).toBeUndefined();
    expect(m.matchPrefix('Building configuration...')).toBeUndefined();
  });

  it('takes the name literally: a dot in it is not a pattern', () => {
    const m = matcherFor('cisco_ios', 'core.sw-1#');
    expect(m.matchLine('core.sw-1#')).toMatchObject({ host: 'core.sw-1' });
    expect(m.matchLine('coreXsw-1#')).toBeUndefined();
  });

  it('accepts a renamed device under both names, a name that extends the old one included', () => {
    const m = matcherFor('cisco_ios', 'R1#');
    expect(m.matchLine('R10(config)#')).toBeUndefined();
    m.addHost('R10');
    expect(m.matchLine('R10(config)#')).toMatchObject({ host: 'R10', mode: CliMode.config });
    expect(m.matchPrefix('R10(config)#hostname R10')?.length).toBe(12);
    expect(m.matchLine('R1#')).toMatchObject({ host: 'R1' });
  });

  it('keeps the text before the name (Junos user@host) and rejects another user', () => {
    const m = matcherFor('juniper_junos', 'admin@vmx1> ');
    expect(m.matchLine('admin@vmx1> ')).toMatchObject({ host: 'vmx1', mode: CliMode.privileged });
    expect(m.matchLine('admin@vmx1# ')).toMatchObject({ mode: CliMode.config });
    expect(m.matchLine('root@vmx1> ')).toBeUndefined();
  });

  it('gives each device its own answer when many share a platform, calls interleaved', () => {
    const devices = Array.from({ length: 50 }, (_, i) => matcherFor('cisco_ios', `sw${i}#`));
    for (let round = 0; round < 3; round++) {
      devices.forEach((m, i) => {
        expect(m.matchLine(`sw${i}(config)#`)).toMatchObject({ host: `sw${i}` });
        expect(m.matchLine(`sw${(i + 1) % 50}#`)).toBeUndefined();
        expect(m.matchPrefix(`sw${i}#show clock`)?.length).toBe(`sw${i}#`.length);
      });
    }
  });

  it('recognises a Linux shell prompt with its working directory', () => {
    const m = matcherFor('linux', 'admin@host1:~$ ');
    expect(m.matchLine('admin@host1:/etc$ ')).toBeDefined();
    expect(m.matchPrefix('admin@host1:/etc$ ls -l')?.length).toBe('admin@host1:/etc$ '.length);
    expect(m.matchLine('admin@host2:~$ ')).toBeUndefined();
  });
});
