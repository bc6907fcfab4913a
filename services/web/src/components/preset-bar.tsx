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
 * Load or save the command and verify boxes as a preset for an OS model; a loaded preset can be
 * updated from the boxes or deleted (after a confirmation). Presets are stored by the API
 * (`/presets`), and its refusals (name taken, bad field) are shown here.
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
  const [loaded, setLoaded] = useState<Preset | null>(null);
  const [confirming, setConfirming] = useState(false);
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
  /** Runs one preset change, showing its note or its refusal, then reloads the list. */
  const change = async (action: () => Promise<string>): Promise<void> => {
    setBusy(true);
    setError(null);
    setNote('');
    try {
      setNote(await action());
      await reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const save = () =>
    change(async () => {
      const saved = await api.savePreset({ name: name.trim(), osModel, commands, verify });
      setLoaded(saved);
      return `Saved "${saved.name}" for ${saved.osModel}.`;
    });
  const update = (preset: Preset) =>
    change(async () => {
      const draft = { name: name.trim(), osModel: preset.osModel, commands, verify };
      const saved = await api.updatePreset(preset, draft);
      setLoaded(saved);
      return `Updated "${saved.name}".`;
    });
  const remove = (preset: Preset) =>
    change(async () => {
      await api.deletePreset(preset.id);
      setLoaded(null);
      return `Deleted "${preset.name}".`;
    });
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
                setLoaded(preset);
                setConfirming(false);
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
        {loaded && !confirming && (
          <>
            <button
              type="button"
              disabled={busy || name.trim() === '' || commands.trim() === ''}
              onClick={() => void update(loaded)}
            >
              Update "{loaded.name}"
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(true)}>
              Delete "{loaded.name}"…
            </button>
          </>
        )}
        {loaded && confirming && (
          <span className="row" role="group" aria-label="Confirm deletion">
            <span className="small">Delete "{loaded.name}" for every operator?</span>
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => void remove(loaded)}
            >
              Yes, delete it
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </span>
        )}
        {note && (
          <span className="small muted" role="status">
            {note}
          </span>
        )}
      </div>
      <ErrorBox error={loadError} title="The presets could not be loaded" />
      <ErrorBox error={error} title="The preset was not changed" />
    </>
  );
}
