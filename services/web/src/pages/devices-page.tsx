import { useCallback, useEffect, useState } from 'react';
import { ErrorBox } from '../components/error-box';
import { ImportPanel } from '../components/import-panel';
import { REACHABILITY_CHOICES, ReachabilityBadge } from '../components/reachability-badge';
import type { DeviceFilter, DeviceView } from '../data/api-types';
import { useSession } from '../session';

/** Rows the table shows at once; the filters narrow a large inventory down. */
const PAGE = 500;
const PLATFORMS = [
  'cisco_ios',
  'cisco_xe',
  'cisco_nxos',
  'cisco_xr',
  'arista_eos',
  'juniper_junos',
  'frr',
  'linux',
];

/** Devices: import a CSV (with progress and a review of rejected rows), then browse. */
export function DevicesPage(): React.JSX.Element {
  const { api } = useSession();
  const [filter, setFilter] = useState<DeviceFilter>({});
  const [page, setPage] = useState<{ items: DeviceView[]; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);

  const load = useCallback(() => {
    api.devices(filter, 0, PAGE).then(
      (p) => {
        setPage(p);
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  }, [api, filter]);
  useEffect(load, [load, version]);

  const set = (patch: Partial<DeviceFilter>): void => setFilter((f) => ({ ...f, ...patch }));
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>Devices</h1>
          <p className="subtitle">
            The inventory jobs run against. Secrets are stored sealed and never shown.
          </p>
        </div>
      </div>
      <ImportPanel onImported={() => setVersion((v) => v + 1)} />
      <section className="card stack" aria-labelledby="inventory-title">
        <div className="row">
          <h2 id="inventory-title" style={{ margin: 0 }}>
            Inventory
          </h2>
          <span className="muted" data-testid="device-total">
            {page
              ? `${page.total} device${page.total === 1 ? '' : 's'}${page.total > page.items.length ? ` · showing ${page.items.length}` : ''}`
              : 'loading…'}
          </span>
        </div>
        <div className="toolbar" role="search">
          <label className="field">
            Search
            <input
              type="search"
              placeholder="host, name…"
              value={filter.text ?? ''}
              onChange={(e) => set({ text: e.target.value })}
            />
          </label>
          <label className="field">
            Tag
            <input
              type="text"
              placeholder="e.g. core"
              value={filter.tag ?? ''}
              onChange={(e) => set({ tag: e.target.value })}
            />
          </label>
          <label className="field">
            Type
            <select
              value={filter.device_type ?? ''}
              onChange={(e) => set({ device_type: e.target.value || undefined })}
            >
              <option value="">any</option>
              {PLATFORMS.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <label className="field">
            Production
            <select
              value={filter.prod === undefined ? '' : String(filter.prod)}
              onChange={(e) =>
                set({ prod: e.target.value === '' ? undefined : e.target.value === 'true' })
              }
            >
              <option value="">any</option>
              <option value="true">production only</option>
              <option value="false">non-production</option>
            </select>
          </label>
          <label className="field">
            Reachability
            <select
              value={filter.reachability ?? ''}
              onChange={(e) =>
                set({
                  reachability: REACHABILITY_CHOICES.find((c) => c.value === e.target.value)?.value,
                })
              }
            >
              <option value="">any</option>
              {REACHABILITY_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ErrorBox error={error} title="Could not list devices" />
        {page && page.items.length === 0 ? (
          <p className="muted">No device matches. Import a CSV above to get started.</p>
        ) : (
          <div className="table-wrap" style={{ maxHeight: 520 }}>
            <table>
              <thead>
                <tr>
                  <th>Device</th>
                  <th>Name</th>
                  <th>Type</th>
                  <th>Tags</th>
                  <th>Auth</th>
                  <th>Reachability</th>
                  <th>Updated</th>
                </tr>
              </thead>
              <tbody>
                {page?.items.map((d) => (
                  <tr key={d.key}>
                    <td className="mono">
                      {d.key} {d.prod && <span className="badge prod">PROD</span>}
                    </td>
                    <td>{d.name ?? <span className="muted">—</span>}</td>
                    <td>{d.device_type}</td>
                    <td>
                      <span className="row" style={{ gap: 4 }}>
                        {d.tags.map((t) => (
                          <span key={t} className="badge">
                            {t}
                          </span>
                        ))}
                      </span>
                    </td>
                    <td className="small muted">
                      {d.credential
                        ? `profile ${d.credential}`
                        : d.has_password
                          ? `${d.username ?? ''} · password`
                          : 'none'}
                    </td>
                    <td>
                      <ReachabilityBadge reachability={d.reachability} />
                    </td>
                    <td className="small muted">{new Date(d.updated_at).toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
