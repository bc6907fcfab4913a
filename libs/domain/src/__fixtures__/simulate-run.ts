/**
 * A test driver that plays whole runs against the pure scheduler: it asks `decideRun` what to
 * do, carries the decision out, and interleaves random device completions (random outcomes,
 * random order), pauses, resumes, cancels, terminates and clock jumps. It keeps its own
 * record of every device, independent of the snapshot, so tests can check the scheduler
 * against what actually happened.
 */
import { type DeviceOutcome } from '../device-outcome';
import { toleratedFailures } from '../failure-budget';
import { type SkipReason } from '../failure-code';
import { summarizeOutcome } from '../outcome';
import { applyRunDecision, decideRun, type RunDecision } from '../run-decision';
import { applyRunEvent, RUN_CONTROL_TRANSITIONS, type RunEvent } from '../run-event';
import { type RunPlan } from '../run-plan';
import { initialRunSnapshot, type RunControl, type RunSnapshot } from '../run-snapshot';
import { type RunStrategy } from '../run-strategy';

/** One simulated run: the plan and strategy, and the dice that drive the world around it. */
export interface SimulationSetup {
  readonly plan: RunPlan;
  readonly strategy: RunStrategy;
  readonly pauseAfterCanary: boolean;
  readonly seed: number;
  /** Chance that a finishing device fails. */
  readonly failureRate: number;
  /** Chance, per step, of an operator control change (until the run calms down). */
  readonly chaos: number;
  /** Whether the operator may cancel or terminate. */
  readonly allowCancel: boolean;
}

/** Where a simulated device stands, as the driver itself saw it happen. */
export type SimDeviceState = 'not_started' | 'in_flight' | DeviceOutcome;

/** The driver's own record of one device. */
export interface SimDevice {
  state: SimDeviceState;
  skipReason: SkipReason | null;
  /** How many times the device reached a terminal state (must end at exactly 1). */
  endings: number;
}

/** What the world looked like when a device started. */
export interface StartRecord {
  readonly device: number;
  readonly isCanary: boolean;
  readonly atMs: number;
  readonly inFlightAfter: number;
  readonly control: RunControl;
  readonly canaryState: SimDeviceState;
  /** Failures already in the device's wave, and what that wave tolerates. */
  readonly waveFailures: number;
  readonly tolerated: number;
  /** Every device of the canary and of earlier waves was terminal. */
  readonly earlierWavesTerminal: boolean;
}

/** Everything a test checks after a simulated run. */
export interface SimulationResult {
  readonly starts: readonly StartRecord[];
  readonly devices: ReadonlyMap<number, SimDevice>;
  readonly finish: Extract<RunDecision, { kind: 'finish' }> | null;
  readonly snapshot: RunSnapshot;
  /** Bookkeeping violations: stuck states, refused events, counts that disagree. */
  readonly problems: readonly string[];
}

/** mulberry32: a tiny seeded PRNG, so a failing run replays from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Simulation {
  private readonly rand: () => number;
  private readonly groups: readonly (readonly number[])[];
  private readonly devices = new Map<number, SimDevice>();
  private readonly inFlight: number[] = [];
  private readonly starts: StartRecord[] = [];
  private readonly problems: string[] = [];
  private snap: RunSnapshot;
  private now: number;
  private finish: SimulationResult['finish'] = null;

  constructor(private readonly setup: SimulationSetup) {
    this.rand = prng(setup.seed);
    this.groups = [[setup.plan.canary], ...setup.plan.waves];
    for (const device of this.groups.flat()) {
      this.devices.set(device, { state: 'not_started', skipReason: null, endings: 0 });
    }
    this.snap = initialRunSnapshot({ pauseAfterCanary: setup.pauseAfterCanary });
    this.now = Math.floor(this.rand() * 1e12); // any wall clock
  }

  run(): SimulationResult {
    const maxSteps = 400 + 40 * this.devices.size;
    const calmAt = Math.floor(this.rand() * (maxSteps / 4));
    for (let step = 0; step < maxSteps && this.snap.phase !== 'finished'; step++) {
      if (this.problems.length > 0) break;
      this.step(step >= calmAt);
    }
    if (this.snap.phase !== 'finished') this.problems.push('the run never finished');
    return {
      starts: this.starts,
      devices: this.devices,
      finish: this.finish,
      snapshot: this.snap,
      problems: this.problems,
    };
  }

  private step(calm: boolean): void {
    const roll = this.rand();
    if (!calm && roll < this.setup.chaos) return this.changeControl();
    if (this.inFlight.length > 0 && roll < 0.35) return this.completeOne();
    if (roll > 0.85) return this.tick();
    this.act(decideRun(this.setup.plan, this.setup.strategy, this.snap, this.now));
  }

  private tick(): void {
    this.now += Math.floor(this.rand() * (2 * this.setup.strategy.staggerMs + 5));
  }

  private apply(event: RunEvent): void {
    const result = applyRunEvent(this.snap, event);
    if (!result.ok) {
      this.problems.push(`refused ${event.type}: ${result.error.message}`);
      return;
    }
    this.snap = result.value;
    if (this.snap.inFlight !== this.inFlight.length) {
      this.problems.push(
        `snapshot says ${this.snap.inFlight} in flight, really ${this.inFlight.length}`,
      );
    }
  }

  private changeControl(): void {
    const options = RUN_CONTROL_TRANSITIONS[this.snap.control].filter(
      (c) => this.setup.allowCancel || c === 'running' || c === 'paused',
    );
    // Pause and resume are common; a cancel or terminate is rarer.
    const weighted = options.flatMap((c) =>
      c === 'running' || c === 'paused' ? [c, c, c, c] : [c],
    );
    const control = weighted[Math.floor(this.rand() * weighted.length)];
    if (control !== undefined) this.apply({ type: 'control_changed', control });
  }

  private outcome(): DeviceOutcome {
    const r = this.rand();
    if (this.snap.control === 'terminating' && r < 0.8) return 'aborted';
    // A dispatched device that had not begun when the cancel came ends skipped.
    if (this.snap.control === 'cancelling' && r < 0.2) return 'skipped';
    if (r < this.setup.failureRate) return this.rand() < 0.1 ? 'aborted' : 'failed';
    return 'succeeded';
  }

  private completeOne(): void {
    const [device] = this.inFlight.splice(Math.floor(this.rand() * this.inFlight.length), 1);
    const record = device === undefined ? undefined : this.devices.get(device);
    if (record === undefined) return;
    const outcome = this.outcome();
    record.state = outcome;
    record.endings += 1;
    this.apply({ type: 'device_finished', outcome });
  }

  private currentGroup(): number {
    return this.snap.phase === 'canary' ? 0 : this.snap.waveIndex + 1;
  }

  private groupTerminal(group: number): boolean {
    return (this.groups[group] ?? []).every((d) => {
      const s = this.devices.get(d)?.state;
      return s !== 'not_started' && s !== 'in_flight';
    });
  }

  private failuresIn(group: number): number {
    return (this.groups[group] ?? []).filter((d) => {
      const s = this.devices.get(d)?.state;
      return s === 'failed' || s === 'aborted';
    }).length;
  }

  private act(decision: RunDecision): void {
    switch (decision.kind) {
      case 'start':
        return this.startDevices(decision.count);
      case 'wait':
        if (decision.untilMs <= this.now) this.problems.push('asked to wait for a past time');
        this.now = decision.untilMs + Math.floor(this.rand() * 3);
        return;
      case 'idle':
        return this.idle();
      case 'advance_wave':
      case 'hold_for_approval':
        if (!this.groupTerminal(this.currentGroup()))
          this.problems.push('advanced past a live wave');
        this.snap = applyRunDecision(this.snap, decision);
        return;
      case 'finish':
        return this.end(decision);
      case 'done':
        this.problems.push('asked for a decision after the run finished');
    }
  }

  private idle(): void {
    if (this.inFlight.length > 0) return this.completeOne();
    if (this.snap.control !== 'paused') {
      this.problems.push(`idle with nothing in flight while ${this.snap.control}`);
      return;
    }
    const group = this.currentGroup();
    if (this.groupTerminal(group) && group === this.groups.length - 1) {
      this.problems.push('stuck paused with nothing left to do');
      return;
    }
    this.apply({ type: 'control_changed', control: 'running' }); // the operator resumes
  }

  private startDevices(count: number): void {
    const group = this.currentGroup();
    const pending = (this.groups[group] ?? []).filter(
      (d) => this.devices.get(d)?.state === 'not_started',
    );
    if (count < 1 || pending.length < count) {
      this.problems.push(`asked to start ${count} with ${pending.length} left`);
      return;
    }
    const waveSize = this.groups[group]?.length ?? 0;
    for (const device of pending.slice(0, count)) {
      this.starts.push({
        device,
        isCanary: group === 0,
        atMs: this.now,
        inFlightAfter: this.inFlight.length + 1,
        control: this.snap.control,
        canaryState: this.devices.get(this.setup.plan.canary)?.state ?? 'not_started',
        waveFailures: this.failuresIn(group),
        tolerated: toleratedFailures(this.setup.strategy.budget, waveSize),
        earlierWavesTerminal: Array.from({ length: group }, (_, g) => g).every((g) =>
          this.groupTerminal(g),
        ),
      });
      const record = this.devices.get(device);
      if (record) record.state = 'in_flight';
      this.inFlight.push(device);
      this.apply({ type: 'device_started', atMs: this.now });
    }
  }

  private end(decision: Extract<RunDecision, { kind: 'finish' }>): void {
    if (this.inFlight.length > 0) this.problems.push('finished with devices in flight');
    for (const record of this.devices.values()) {
      if (record.state !== 'not_started') continue;
      if (decision.skip === null) this.problems.push('a device left over with no skip reason');
      record.state = 'skipped';
      record.skipReason = decision.skip;
      record.endings += 1;
    }
    this.finish = decision;
    this.snap = applyRunDecision(this.snap, decision);
  }
}

/** Plays one whole run; see the file comment. */
export function simulateRun(setup: SimulationSetup): SimulationResult {
  return new Simulation(setup).run();
}

/** The final status `summarizeOutcome` derives from the simulated devices. */
export function summarizedStatus(result: SimulationResult, canary: number): string | null {
  const results = [...result.devices].map(([device, d]) => ({
    state:
      d.state === 'not_started'
        ? ('pending' as const)
        : d.state === 'in_flight'
          ? ('connecting' as const)
          : d.state,
    skipReason: d.skipReason,
    isCanary: device === canary,
  }));
  return summarizeOutcome(results, result.snapshot.control).status;
}
