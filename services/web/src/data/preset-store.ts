/** A saved set of commands for one OS model. */
export interface Preset {
  readonly name: string;
  /** A platform (`cisco_ios`, …) or `any`. */
  readonly osModel: string;
  readonly commands: string;
  readonly verify: string;
}

const KEY = 'fleetpush.presets';

/**
 * Command presets, kept in this browser until the API stores them (`/presets` is not in the
 * API yet); one module, so that switching to the API is a one-file change.
 */
export const presetStore = {
  /** Every preset, by name. */
  list(): Preset[] {
    try {
      const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
      return Array.isArray(raw) ? (raw as Preset[]).filter((p) => typeof p?.name === 'string') : [];
    } catch {
      return [];
    }
  },
  /** Saves (or replaces, by name and OS model) a preset. */
  save(preset: Preset): Preset[] {
    const others = presetStore
      .list()
      .filter((p) => !(p.name === preset.name && p.osModel === preset.osModel));
    const all = [...others, preset].sort((a, b) => a.name.localeCompare(b.name));
    localStorage.setItem(KEY, JSON.stringify(all));
    return all;
  },
};
