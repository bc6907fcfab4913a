import { useMemo, useState } from 'react';
import type { DeviceView } from '../data/api-types';
import type { JobForm } from '../model/job-form';

/** Rows of the hand-pick list shown at once (type to narrow a large inventory). */
const PICK_LIMIT = 200;

/** Props of {@link TargetPicker}. */
export interface TargetPickerProps {
  readonly form: JobForm;
  readonly set: (patch: Partial<JobForm>) => void;
  readonly devices: readonly DeviceView[];
  readonly targets: readonly DeviceView[];
}

/** Targets (all, by tag, by type, hand-picked) and the canary among them. */
export function TargetPicker({
  form,
  set,
  devices,
  targets,
}: TargetPickerProps): React.JSX.Element {
  const [filter, setFilter] = useState('');
  const tags = useMemo(() => [...new Set(devices.flatMap((d) => d.tags))].sort(), [devices]);
  const types = useMemo(() => [...new Set(devices.map((d) => d.device_type))].sort(), [devices]);
  const matching = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return devices.filter(
      (d) =>
        f === '' || d.key.toLowerCase().includes(f) || (d.name ?? '').toLowerCase().includes(f),
    );
  }, [devices, filter]);
  const prodCount = targets.filter((d) => d.prod).length;
  const toggle = (key: string, on: boolean): void => {
    const picked = new Set(form.picked);
    if (on) picked.add(key);
    else picked.delete(key);
    set({ picked });
  };
  const mode = (targetMode: JobForm['targetMode'], label: string): React.JSX.Element => (
    <label>
      <input
        type="radio"
        name="target-mode"
        checked={form.targetMode === targetMode}
        onChange={() => set({ targetMode })}
      />{' '}
      {label}
    </label>
  );
  return (
    <section className="card stack" aria-labelledby="targets-title">
      <div className="row">
        <h2 id="targets-title" style={{ margin: 0 }}>
          Targets
        </h2>
        <span className="muted" data-testid="target-count">
          {targets.length} of {devices.length} devices
        </span>
        {prodCount > 0 && <span className="badge prod">{prodCount} PROD</span>}
      </div>
      <div className="segmented" role="radiogroup" aria-label="Target selection">
        {mode('all', 'All')}
        {mode('tag', 'By tag')}
        {mode('type', 'By type')}
        {mode('pick', 'Hand-picked')}
      </div>
      {form.targetMode === 'tag' && (
        <label className="field">
          Tag
          <select value={form.tag} onChange={(e) => set({ tag: e.target.value })}>
            <option value="">choose a tag</option>
            {tags.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
      )}
      {form.targetMode === 'type' && (
        <label className="field">
          Device type
          <select value={form.type} onChange={(e) => set({ type: e.target.value })}>
            <option value="">choose a type</option>
            {types.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
      )}
      {form.targetMode === 'pick' && (
        <div className="stack" style={{ gap: 8 }}>
          <div className="row">
            <input
              type="search"
              aria-label="Filter devices"
              placeholder="filter by host or name"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
            <button
              type="button"
              onClick={() =>
                set({ picked: new Set([...form.picked, ...matching.map((d) => d.key)]) })
              }
            >
              Select {matching.length} shown
            </button>
            <button type="button" onClick={() => set({ picked: new Set() })}>
              Clear
            </button>
          </div>
          <ul className="scroll-list list-plain" aria-label="Devices">
            {matching.slice(0, PICK_LIMIT).map((d) => (
              <li key={d.key}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={form.picked.has(d.key)}
                    onChange={(e) => toggle(d.key, e.target.checked)}
                  />
                  <span className="mono">{d.key}</span> <span className="muted">{d.name}</span>{' '}
                  {d.prod && <span className="badge prod">PROD</span>}
                </label>
              </li>
            ))}
            {matching.length > PICK_LIMIT && (
              <li className="muted small">
                {matching.length - PICK_LIMIT} more: narrow the filter.
              </li>
            )}
          </ul>
        </div>
      )}
      <label className="field">
        Canary{' '}
        <span className="hint">runs alone first; nothing else is touched unless it succeeds</span>
        <select
          value={targets.some((d) => d.key === form.canary) ? form.canary : ''}
          onChange={(e) => set({ canary: e.target.value })}
        >
          <option value="">first target{targets[0] ? ` (${targets[0].key})` : ''}</option>
          {targets.slice(0, 1000).map((d) => (
            <option key={d.key} value={d.key}>
              {d.key}
              {d.name ? ` · ${d.name}` : ''}
              {d.prod ? ' · PROD' : ''}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
