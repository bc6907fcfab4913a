import type { JobPreview } from '@fleetpush/contracts';
import { devicePreviewsOf, groupRenderings, limitLinesOf } from './review-preview';

type PreviewDevice = JobPreview['devices'][number];

function device(host: string, extra: Partial<PreviewDevice> = {}): PreviewDevice {
  return {
    key: `${host}:22`,
    name: `r-${host}`,
    platform: 'cisco_ios',
    prod: false,
    canary: false,
    commands: ['ntp server 10.0.0.1'],
    verify: [],
    unresolved: [],
    unsafe: [],
    ...extra,
  };
}

function preview(devices: PreviewDevice[]): JobPreview {
  return {
    ok: true,
    problems: [],
    warnings: [],
    prod_devices: devices.filter((d) => d.prod).map((d) => d.key),
    plan: null,
    devices,
    needs_role: 'operator',
  };
}

describe('devicePreviewsOf', () => {
  it("keeps the server's rendering, canary and production flags per device", () => {
    const out = devicePreviewsOf(
      preview([
        device('10.0.0.5', { canary: true, verify: ['show run | i ntp'] }),
        device('10.0.0.6', { prod: true, commands: ['ntp server 10.9.9.9'] }),
      ]),
    );
    expect(out).toEqual([
      {
        key: '10.0.0.5:22',
        name: 'r-10.0.0.5',
        canary: true,
        prod: false,
        commands: ['ntp server 10.0.0.1'],
        verify: ['show run | i ntp'],
        problems: [],
      },
      {
        key: '10.0.0.6:22',
        name: 'r-10.0.0.6',
        canary: false,
        prod: true,
        commands: ['ntp server 10.9.9.9'],
        verify: [],
        problems: [],
      },
    ]);
  });

  it('names the variables the server could not resolve instead of rendering them', () => {
    const [only] = devicePreviewsOf(
      preview([device('10.0.0.5', { commands: null, verify: null, unresolved: ['site'] })]),
    );
    expect(only!.commands).toEqual([]);
    expect(only!.problems).toEqual(['{{site}} is not defined for this device']);
  });
});

describe('groupRenderings', () => {
  it('shows identical renderings once, the canary group first, leaving out unrenderable devices', () => {
    const previews = devicePreviewsOf(
      preview([
        device('10.0.0.1', { canary: true }),
        device('10.0.0.2', { commands: ['ntp server 10.9.9.9'] }),
        device('10.0.0.3'),
        device('10.0.0.4', { commands: null, unresolved: ['ntp'] }),
      ]),
    );
    const groups = groupRenderings(previews);
    expect(groups.map((g) => [g.commands, g.devices.map((d) => d.key)])).toEqual([
      [['ntp server 10.0.0.1'], ['10.0.0.1:22', '10.0.0.3:22']],
      [['ntp server 10.9.9.9'], ['10.0.0.2:22']],
    ]);
  });
});

describe('limitLinesOf', () => {
  const plan = (limits?: NonNullable<JobPreview['plan']>['limits']): JobPreview['plan'] => ({
    canary: '10.0.0.1:22',
    waves: [1],
    concurrency: 10,
    stagger_ms: 0,
    ...(limits && { limits }),
  });

  it("gives one line per rule of the server's preview, in its order", () => {
    const answer = {
      ...preview([device('10.0.0.1')]),
      plan: plan([
        { rule: 'tag core', concurrency: 1, groups: 1, devices: 2 },
        { rule: 'per sitee', concurrency: 1, groups: 0, devices: 0 },
      ]),
    };
    expect(limitLinesOf(answer, [{ tag: 'core', concurrency: 1 }]).map((l) => l.text)).toEqual([
      'tag core: at most 1 at a time — 1 group, 2 devices',
      'per sitee covers no target device — check the name',
    ]);
  });

  it("shows the submitted rules as they are when an older API's preview does not cover them", () => {
    const lines = limitLinesOf({ ...preview([device('10.0.0.1')]), plan: plan() }, [
      { per: 'site', concurrency: 1 },
      { tag: 'core', concurrency: 2 },
    ]);
    expect(lines).toEqual([
      { text: 'per site: at most 1 at a time', warning: false },
      { text: 'tag core: at most 2 at a time', warning: false },
    ]);
    expect(limitLinesOf(preview([device('10.0.0.1')]))).toEqual([]);
  });
});
