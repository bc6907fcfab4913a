import { useState } from 'react';
import { PLATFORMS } from '@fleetpush/domain';
import { presetStore, type Preset } from '../data/preset-store';

/** Props of {@link PresetBar}. */
export interface PresetBarProps {
  readonly commands: string;
  readonly verify: string;
  readonly onLoad: (preset: Preset) => void;
}

/** Load or save the command and verify boxes as a preset for an OS model. */
export function PresetBar({ commands, verify, onLoad }: PresetBarProps): React.JSX.Element {
  const [osModel, setOsModel] = useState('any');
  const [presets, setPresets] = useState(() => presetStore.list());
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const shown = presets.filter(
    (p) => osModel === 'any' || p.osModel === osModel || p.osModel === 'any',
  );
  const save = (): void => {
    setPresets(presetStore.save({ name: name.trim(), osModel, commands, verify }));
    setNote(`Saved "${name.trim()}" for ${osModel}.`);
  };
  return (
    <div className="toolbar" role="group" aria-label="Presets">
      <label className="field">
        OS model
        <select value={osModel} onChange={(e) => setOsModel(e.target.value)}>
          <option value="any">any</option>
          {PLATFORMS.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label className="field">
        Preset
        <select
          value=""
          onChange={(e) => {
            const preset = shown.find((p) => `${p.osModel}/${p.name}` === e.target.value);
            if (preset) {
              onLoad(preset);
              setName(preset.name);
              setNote(`Loaded "${preset.name}".`);
            }
          }}
        >
          <option value="">{shown.length === 0 ? 'none saved' : 'load a preset…'}</option>
          {shown.map((p) => (
            <option key={`${p.osModel}/${p.name}`} value={`${p.osModel}/${p.name}`}>
              {p.name} ({p.osModel})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Save as
        <input
          type="text"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="preset name"
        />
      </label>
      <button type="button" disabled={name.trim() === '' || commands.trim() === ''} onClick={save}>
        Save preset
      </button>
      {note && (
        <span className="small muted" role="status">
          {note}
        </span>
      )}
    </div>
  );
}
