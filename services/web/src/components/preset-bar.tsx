import { useCallback, useEffect, useState } from 'react';
import { PLATFORMS } from '@fleetpush/domain';
import type { Preset } from '../data/preset-store';
import { useSession } from '../session';
import { ErrorBox } from './error-box';

/** Props of {@link PresetBar}. */
export interface PresetBarProps {
  readonly commands: string;
  readonly verify: string;
  readonly onLoad: (preset: Preset) => void;
}

/**
 * Load or save the command and verify boxes as a preset for an OS model; presets are stored
 * by the API (`/presets`), and its refusals (name taken, bad field) are shown here.
 */
export function PresetBar({ commands, verify, onLoad }: PresetBarProps): React.JSX.Element {
  const { api } = useSession();
  const [osModel, setOsModel] = useState('any');
  const [shown, setShown] = useState<Preset[]>([]);
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const reload = useCallback(
    () =>
      api.presets(osModel).then((presets) => {
        setShown(presets);
        setLoadError(null);
      }, setLoadError),
    [api, osModel],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  const save = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setNote('');
    try {
      const saved = await api.savePreset({ name: name.trim(), osModel, commands, verify });
      setNote(`Saved "${saved.name}" for ${saved.osModel}.`);
      await reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
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
              const preset = shown.find((p) => p.id === e.target.value);
              if (preset) {
                onLoad(preset);
                setName(preset.name);
                setNote(`Loaded "${preset.name}".`);
              }
            }}
          >
            <option value="">{shown.length === 0 ? 'none saved' : 'load a preset…'}</option>
            {shown.map((p) => (
              <option key={p.id} value={p.id}>
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
        <button
          type="button"
          disabled={busy || name.trim() === '' || commands.trim() === ''}
          onClick={() => void save()}
        >
          Save preset
        </button>
        {note && (
          <span className="small muted" role="status">
            {note}
          </span>
        )}
      </div>
      <ErrorBox error={loadError} title="The presets could not be loaded" />
      <ErrorBox error={error} title="The preset was not saved" />
    </>
  );
}
