import type { Preset as StoredPreset } from '@fleetpush/contracts';
import { fromStoredPreset, toPresetInput } from './preset-store';

const stored: StoredPreset = {
  id: 'p1',
  name: 'NTP pair',
  os_model: 'cisco_ios',
  description: 'two servers',
  commands: ['ntp server 10.0.0.1'],
  verify_commands: ['show run | i ntp'],
  settings: {
    strategy: {
      concurrency: 5,
      stagger_ms: 0,
      limits: [
        { tag: 'core', concurrency: 1 },
        { per: 'site', concurrency: 2 },
      ],
    },
  },
  created_at: '2026-12-08T00:00:00.000Z',
  updated_at: '2026-12-08T00:00:00.000Z',
  updated_by: 'admin',
};

describe('toPresetInput', () => {
  it("keeps a stored preset's run settings through an update, its group limits included", () => {
    const preset = fromStoredPreset(stored);
    const draft = { ...preset, name: 'NTP trio', commands: 'ntp server 10.0.0.3' };
    expect(toPresetInput(draft, preset.kept)).toEqual({
      name: 'NTP trio',
      os_model: 'cisco_ios',
      description: 'two servers',
      commands: ['ntp server 10.0.0.3'],
      verify_commands: ['show run | i ntp'],
      settings: stored.settings,
    });
  });
});
