import { useCallback, useEffect, useMemo, useState } from 'react';
import { ChangeWindowFields } from '../components/change-window-fields';
import { ErrorBox } from '../components/error-box';
import { GroupLimitsFields } from '../components/group-limits-fields';
import { PresetBar } from '../components/preset-bar';
import { TargetPicker } from '../components/target-picker';
import { TemplateEditor } from '../components/template-editor';
import type { DeviceView, Problem } from '../data/api-types';
import {
  hasWindowProblems,
  mergeWindowProblems,
  NO_WINDOW_PROBLEMS,
  windowFieldProblems,
  windowProblemsByField,
  type WindowProblems,
} from '../model/change-window';
import { parseLimits } from '../model/group-limits';
import {
  emptyForm,
  linesOf,
  parseVars,
  runOrder,
  targetedDevices,
  type JobForm,
} from '../model/job-form';
import { variablesOf } from '../model/template-tokens';
import { useSession } from '../session';
import { ReviewStep } from './review-step';

/** New job: compose (commands, targets, canary, strategy, options), then review and run. */
export function NewJobPage(): React.JSX.Element {
  const { api } = useSession();
  const [form, setForm] = useState<JobForm>(emptyForm);
  const [devices, setDevices] = useState<DeviceView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [step, setStep] = useState<'compose' | 'review'>('compose');
  useEffect(() => {
    api.allDevices().then(setDevices, setError);
  }, [api]);
  // what the server said of the window last; gone once the window is edited
  const [refusedWindow, setRefusedWindow] = useState<WindowProblems>(NO_WINDOW_PROBLEMS);
  const onWindowRefused = useCallback((problems: readonly Problem[]) => {
    setRefusedWindow(windowProblemsByField(problems));
    setStep('compose');
  }, []);
  const set = (patch: Partial<JobForm>): void => {
    setForm((f) => ({ ...f, ...patch }));
    if ('windowStart' in patch || 'windowEnd' in patch) setRefusedWindow(NO_WINDOW_PROBLEMS);
  };
  const targets = useMemo(() => targetedDevices(form, devices ?? []), [form, devices]);
  const order = useMemo(() => runOrder(form, targets), [form, targets]);
  const vars = variablesOf([...linesOf(form.commands), ...linesOf(form.verify)]);
  const varProblems = parseVars(form.globalVars).problems;
  const limitProblems = parseLimits(form.limits).problems;
  const windowProblems = mergeWindowProblems(windowFieldProblems(form, Date.now()), refusedWindow);
  const missing = [
    form.name.trim() === '' && 'a name',
    linesOf(form.commands).length === 0 && 'at least one command',
    targets.length === 0 && 'at least one target device',
    varProblems.length > 0 && 'valid variables',
    limitProblems.length > 0 && 'valid group limits',
    hasWindowProblems(windowProblems) && 'a valid change window',
  ].filter(Boolean) as string[];

  if (step === 'review')
    return (
      <ReviewStep
        form={form}
        order={order}
        onBack={() => setStep('compose')}
        onWindowRefused={onWindowRefused}
      />
    );
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>New job</h1>
          <p className="subtitle">Canary first, then waves. Nothing runs before you review it.</p>
        </div>
      </div>
      <ol className="steps" aria-label="Steps">
        <li aria-current="step">1 · Compose</li>
        <li>2 · Review and run</li>
      </ol>
      <ErrorBox error={error} title="Could not load devices" />
      <div className="grid-2">
        <section className="card stack" aria-labelledby="what-title">
          <h2 id="what-title">What to change</h2>
          <label className="field">
            Job name
            <input
              type="text"
              value={form.name}
              onChange={(e) => set({ name: e.target.value })}
              placeholder="e.g. NTP servers for EMEA"
            />
          </label>
          <PresetBar
            commands={form.commands}
            verify={form.verify}
            onLoad={(p) => set({ commands: p.commands, verify: p.verify })}
          />
          <TemplateEditor
            label="Config commands"
            hint="one per line; {{variables}} are rendered per device"
            value={form.commands}
            onChange={(commands) => set({ commands })}
            rows={7}
          />
          {vars.length > 0 && (
            <div className="row small" aria-label="Variables used">
              <span className="muted">Variables:</span>
              {vars.map((v) => (
                <span key={v} className="var-chip">{`{{${v}}}`}</span>
              ))}
            </div>
          )}
          <div className="segmented" role="radiogroup" aria-label="Apply to">
            <label>
              <input
                type="radio"
                name="scope"
                checked={form.commandScope === 'all'}
                onChange={() => set({ commandScope: 'all' })}
              />{' '}
              Canary, then all targets
            </label>
            <label>
              <input
                type="radio"
                name="scope"
                checked={form.commandScope === 'canary'}
                onChange={() => set({ commandScope: 'canary' })}
              />{' '}
              Canary only
            </label>
          </div>
          <TemplateEditor
            label="Verify commands"
            hint="run before and after; their outputs are diffed. Blank = each device's own"
            value={form.verify}
            onChange={(verify) => set({ verify })}
            rows={3}
          />
          <label className="field">
            Run verify commands on
            <select
              value={form.verifyMode}
              onChange={(e) => set({ verifyMode: e.target.value as JobForm['verifyMode'] })}
            >
              <option value="all">every device</option>
              <option value="canary">the canary only</option>
              <option value="none">no device (no diff)</option>
            </select>
          </label>
          <label className="field">
            Job variables{' '}
            <span className="hint">name=value, one per line; a device's own values win</span>
            <textarea
              rows={3}
              value={form.globalVars}
              onChange={(e) => set({ globalVars: e.target.value })}
              aria-invalid={varProblems.length > 0 ? true : undefined}
              placeholder="ntp_server=10.0.0.1"
            />
          </label>
          {varProblems.length > 0 && (
            <div className="alert error" role="alert">
              {varProblems.join('; ')}
            </div>
          )}
        </section>
        <div className="stack">
          <TargetPicker form={form} set={set} devices={devices ?? []} targets={targets} />
          <StrategyCard form={form} set={set} limitProblems={limitProblems} />
          <ChangeWindowFields form={form} set={set} problems={windowProblems} />
        </div>
      </div>
      <div className="row">
        <span className="spacer" />
        {missing.length > 0 && <span className="muted small">Needs {missing.join(', ')}.</span>}
        <button
          className="primary"
          type="button"
          disabled={missing.length > 0}
          onClick={() => setStep('review')}
        >
          Review {order.length > 0 ? `${order.length} device${order.length === 1 ? '' : 's'}` : ''}{' '}
          →
        </button>
      </div>
    </div>
  );
}

function NumberField({
  label,
  value,
  min,
  max,
  step,
  onChange,
  hint,
}: {
  label: string;
  value: number;
  min: number;
  max?: number;
  step?: number;
  hint?: string;
  onChange: (v: number) => void;
}): React.JSX.Element {
  return (
    <label className="field">
      <span>
        {label} {hint && <span className="hint">{hint}</span>}
      </span>
      <input
        type="number"
        value={value}
        min={min}
        max={max}
        step={step ?? 1}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </label>
  );
}

/** Waves, window, stagger, group limits, failure budget, retries, timeouts and options. */
function StrategyCard({
  form,
  set,
  limitProblems,
}: {
  readonly form: JobForm;
  readonly set: (p: Partial<JobForm>) => void;
  readonly limitProblems: readonly string[];
}): React.JSX.Element {
  const budgetHasNumber = form.budgetMode === 'count' || form.budgetMode === 'pct';
  return (
    <section className="card stack" aria-labelledby="strategy-title">
      <h2 id="strategy-title">Strategy and options</h2>
      <div className="grid-3">
        <label className="field">
          <span>
            Waves <span className="hint">e.g. 1, 10%, 100%</span>
          </span>
          <input
            type="text"
            value={form.waves}
            onChange={(e) => set({ waves: e.target.value })}
            placeholder="one wave"
          />
        </label>
        <NumberField
          label="Concurrency"
          hint="in flight"
          value={form.concurrency}
          min={1}
          max={10000}
          onChange={(concurrency) => set({ concurrency })}
        />
        <NumberField
          label="Stagger (ms)"
          value={form.staggerMs}
          min={0}
          onChange={(staggerMs) => set({ staggerMs })}
        />
      </div>
      <GroupLimitsFields form={form} set={set} problems={limitProblems} />
      <div className="grid-3">
        <label
          className="field"
          // without a number beside it, the choice takes its column too (its words fit)
          style={budgetHasNumber ? undefined : { gridColumn: 'span 2' }}
        >
          Failure budget
          <select
            value={form.budgetMode}
            onChange={(e) => set({ budgetMode: e.target.value as JobForm['budgetMode'] })}
          >
            <option value="stop">stop at first failure</option>
            <option value="count">N failures / wave</option>
            <option value="pct">N % / wave</option>
            <option value="none">never stop</option>
          </select>
        </label>
        {budgetHasNumber && (
          <NumberField
            label={form.budgetMode === 'count' ? 'Failures' : 'Percent'}
            value={form.budget}
            min={0}
            max={form.budgetMode === 'pct' ? 100 : undefined}
            onChange={(budget) => set({ budget })}
          />
        )}
        <NumberField
          label="Attempts"
          hint="per device"
          value={form.attempts}
          min={1}
          max={10}
          onChange={(attempts) => set({ attempts })}
        />
      </div>
      <div className="grid-3">
        <NumberField
          label="Device timeout (s)"
          value={form.deviceTimeoutS}
          min={1}
          onChange={(deviceTimeoutS) => set({ deviceTimeoutS })}
        />
      </div>
      <div className="row">
        <label className="check">
          <input
            type="checkbox"
            checked={form.dryRun}
            onChange={(e) =>
              set({
                dryRun: e.target.checked,
                saveConfig: e.target.checked ? false : form.saveConfig,
              })
            }
          />{' '}
          Dry run
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={form.saveConfig}
            disabled={form.dryRun}
            onChange={(e) => set({ saveConfig: e.target.checked })}
          />{' '}
          Save config
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={form.pauseAfterCanary}
            onChange={(e) => set({ pauseAfterCanary: e.target.checked })}
          />{' '}
          Pause after the canary for approval
        </label>
      </div>
      <TemplateEditor
        label="Rollback commands"
        hint="run where post-check assertions fail"
        value={form.rollback}
        onChange={(rollback) => set({ rollback })}
        rows={2}
      />
    </section>
  );
}
