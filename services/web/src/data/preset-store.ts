import type { Preset as StoredPreset, PresetInput } from '@fleetpush/contracts';
import { linesOf } from '../model/job-form';

/** A saved set of commands for one OS model, as the preset bar shows it. */
export interface Preset {
  readonly id: string;
  readonly name: string;
  /** The platform (`cisco_ios`, …) the preset is for. */
  readonly osModel: string;
  /** Config commands, one per line. */
  readonly commands: string;
  /** Verify commands, one per line. */
  readonly verify: string;
  /** What the bar does not edit, kept as stored so that an update does not drop it. */
  readonly kept?: Pick<StoredPreset, 'description' | 'settings'>;
}

/** What the preset bar saves: a name, an OS model and the two command boxes. */
export interface PresetDraft {
  readonly name: string;
  readonly osModel: string;
  readonly commands: string;
  readonly verify: string;
}

/** A preset as the API stores it, in the preset bar's terms. */
export function fromStoredPreset(p: StoredPreset): Preset {
  return {
    id: p.id,
    name: p.name,
    osModel: p.os_model,
    commands: p.commands.join('\n'),
    verify: p.verify_commands.join('\n'),
    kept: {
      settings: p.settings,
      ...(p.description !== undefined ? { description: p.description } : {}),
    },
  };
}

/**
 * The body of `POST /presets` (or `PUT`) for a draft (the API validates the name and OS model);
 * `kept` carries a stored preset's description and run settings through an update.
 */
export function toPresetInput(draft: PresetDraft, kept?: Preset['kept']): PresetInput {
  return {
    ...kept,
    name: draft.name,
    os_model: draft.osModel,
    commands: linesOf(draft.commands),
    verify_commands: linesOf(draft.verify),
  };
}
