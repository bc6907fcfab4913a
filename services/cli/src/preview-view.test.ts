import type { JobPreview } from '@fleetpush/contracts';
import { firstFew, limitLine, renderPreview, waveSizesText } from './preview-view';

type PreviewDevice = JobPreview['devices'][number];

/** A target as the preview shows it: rendered, not production, not the canary. */
function device(key: string, extra: Partial<PreviewDevice> = {}): PreviewDevice {
  return {
    key,
    platform: 'cisco_ios',
    prod: false,
    canary: false,
    commands: ['ntp server 10.9.9.9'],
    verify: ['show clock'],
    unresolved: [],
    unsafe: [],
    ...extra,
  };
}

/** `n` targets `10.0.0.1:22`…, the first the canary. */
function fleet(n: number): PreviewDevice[] {
  return Array.from({ length: n }, (_, i) => device(`10.0.0.${i + 1}:22`, { canary: i === 0 }));
}

const accepted: JobPreview = {
  ok: true,
  problems: [],
  warnings: [],
  prod_devices: [],
  plan: {
    canary: '10.0.0.1:22',
    waves: [4, 95],
    concurrency: 10,
    stagger_ms: 0,
    limits: [
      { rule: 'per site', concurrency: 1, groups: 3, devices: 12 },
      { rule: 'tag cor', concurrency: 2, groups: 0, devices: 0 },
    ],
  },
  devices: fleet(100),
  needs_role: 'operator',
  needs_approval: false,
};

describe('what jobs run --preview prints', () => {
  it('an accepted job: its role, plan, what each limit covers (a typo too) and the canary', () => {
    expect(renderPreview(accepted).split('\n')).toEqual([
      'would be accepted (needs the operator role)',
      'canary 10.0.0.1:22, then waves of 4, 95 (10 at a time, stagger 0 ms)',
      'limit per site: at most 1 at a time — 3 groups, 12 devices',
      'limit tag cor covers no target device — check the name',
      'devices: 100 — first: 10.0.0.1:22 (canary)',
      '  ntp server 10.9.9.9',
      '  verify: show clock',
      '',
    ]);
  });

  it('a refused job: each problem, then the devices whose variables do not resolve', () => {
    const devices = [
      device('a:22', { canary: true, commands: null, verify: null, unresolved: ['loopback'] }),
      device('b:22'),
      ...['c:22', 'd:22', 'e:22'].map((key) =>
        device(key, { commands: null, verify: null, unresolved: ['loopback', 'site'] }),
      ),
      device('f:22', { commands: null, verify: null, unsafe: ['motd'] }),
    ];
    const text = renderPreview({
      ...accepted,
      ok: false,
      problems: [
        { path: 'commands[0]', message: '4 devices (a:22, c:22, d:22, e:22): {{loopback}} …' },
        { path: 'canary', message: 'not among the targets' },
      ],
      plan: null,
      devices,
    });
    expect(text.split('\n')).toEqual([
      'would be REFUSED:',
      '  commands[0]: 4 devices (a:22, c:22, d:22, e:22): {{loopback}} …',
      '  canary: not among the targets',
      'devices: 6 — first: a:22 (canary)',
      '  not rendered: a variable has no safe value (below)',
      'devices with unresolved variables: 4 (a:22: loopback; c:22: loopback, site; d:22: loopback, site and 1 more)',
      'devices with unsafe values: 1 (f:22: motd)',
      '',
    ]);
  });

  it('production devices, the admin role, the approval it awaits and each warning', () => {
    const text = renderPreview({
      ...accepted,
      prod_devices: ['10.0.0.2:22', '10.0.0.5:22'],
      plan: { canary: '10.0.0.1:22', waves: [1], concurrency: 1, stagger_ms: 500 },
      devices: fleet(2),
      needs_role: 'admin',
      needs_approval: true,
      warnings: [{ detail: 'verify_mode none: nothing checks the change' }],
    });
    expect(text.split('\n').slice(0, 5)).toEqual([
      'would be accepted (needs the admin role)',
      'canary 10.0.0.1:22, then a wave of 1 (1 at a time, stagger 500 ms)',
      'production devices: 2 (10.0.0.2:22, 10.0.0.5:22)',
      'awaits approval by someone else after submission',
      'warning: verify_mode none: nothing checks the change',
    ]);
  });

  it('says nothing of production, approval, limits or variables when there are none', () => {
    const text = renderPreview({ ...accepted, plan: { ...accepted.plan!, limits: [] } });
    expect(text).not.toMatch(/production|approval|limit|unresolved|unsafe|warning/);
  });

  it('a lone canary, and no device at all', () => {
    const lone = { canary: 'a:22', waves: [], concurrency: 10, stagger_ms: 0 };
    expect(renderPreview({ ...accepted, plan: lone, devices: [device('a:22')] })).toContain(
      'canary a:22 alone (10 at a time, stagger 0 ms)\ndevices: 1 — first: a:22\n',
    );
    expect(renderPreview({ ...accepted, ok: false, plan: null, devices: [] })).toContain(
      '\ndevices: none\n',
    );
  });
});

describe('short lists', () => {
  it('names the first three, then how many more', () => {
    expect(firstFew(['a'])).toBe('a');
    expect(firstFew(['a', 'b', 'c'])).toBe('a, b, c');
    expect(firstFew(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
    expect(firstFew(['a: x', 'b: y', 'c: z', 'd: w'], '; ')).toBe('a: x; b: y; c: z and 1 more');
  });

  it('counts runs of one wave size, so a thousand waves of 1 stay one line', () => {
    expect(waveSizesText([4, 95])).toBe('4, 95');
    expect(waveSizesText([1, 10, 10, 10, 5])).toBe('1, 3 × 10, 5');
    expect(waveSizesText(Array<number>(1000).fill(1))).toBe('1000 × 1');
  });

  it('a limit covering one device of one group', () => {
    expect(limitLine({ rule: 'tag core', concurrency: 1, groups: 1, devices: 1 })).toBe(
      'limit tag core: at most 1 at a time — 1 group, 1 device',
    );
  });
});
