import type { DeviceResult, DeviceTaskSpec } from '@fleetpush/contracts';
import { computeDiff, type DeviceState, type FailureCode } from '@fleetpush/domain';
import { ConfigLineError, SshError, type CommandOutput, type DeviceSession } from '@fleetpush/ssh';
import { joinOutputs, toOutputRecords } from './command-outputs';
import { ShutdownError, StaleDeliveryError } from './errors';
import type { JobOptions } from './job-options';

/** The pipeline phases the coordinator journals, in order. */
const PHASES: readonly DeviceState[] = ['connecting', 'pre_check', 'applying', 'post_check'];

/** What the pipeline needs from the processor. */
export interface PipelineDeps {
  readonly task: DeviceTaskSpec;
  readonly options: JobOptions;
  /** Opens the SSH session (limits, credentials and host keys are the caller's business). */
  readonly open: () => Promise<DeviceSession>;
  /** Journals the next phase before it is performed; throws when the delivery lost the device. */
  readonly journal: (state: 'pre_check' | 'applying' | 'post_check') => Promise<void>;
  /** The phase the journal already shows: `connecting` for a fresh start, later on recovery. */
  readonly journaled: DeviceState;
  /** This delivery picks up an attempt that an earlier delivery (a crashed worker) began. */
  readonly recovering: boolean;
}

/** How the pipeline ended for one attempt. */
export interface PipelineOutcome {
  readonly outcome: 'succeeded' | 'failed';
  readonly code?: FailureCode;
  readonly message?: string;
  /** The error behind a failure, for the caller's classification (abort, deadline, shutdown). */
  readonly error?: unknown;
  readonly configMayHaveChanged: boolean;
  readonly record: Partial<DeviceResult>;
}

/** A failure the pipeline itself decides (a rejected check, an assertion). */
class PipelineFailure extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
  ) {
    super(message);
  }
}

function rejection(outputs: readonly CommandOutput[], phase: string): PipelineFailure | undefined {
  const bad = outputs.find((o) => o.rejected !== undefined);
  return (
    bad &&
    new PipelineFailure(
      'command_error',
      `${phase} command "${bad.command}" was rejected: ${bad.rejected}`,
    )
  );
}

function assertionFailure(options: JobOptions, post: string): PipelineFailure | undefined {
  const { expect = [], forbid = [] } = options.assertions ?? {};
  const missing = expect.find((pattern) => !new RegExp(pattern, 'm').test(post));
  if (missing !== undefined)
    return new PipelineFailure('assertion_failed', `post-check output does not match /${missing}/`);
  const present = forbid.find((pattern) => new RegExp(pattern, 'm').test(post));
  if (present !== undefined)
    return new PipelineFailure(
      'assertion_failed',
      `post-check output matches forbidden /${present}/`,
    );
  return undefined;
}

/** The apply record of a batch the device stopped at a line: accepted lines, then the rejected one. */
function rejectedApply(error: ConfigLineError): DeviceResult['apply'] {
  const accepted = error.linesAccepted.map((command) => ({ command, output: '', duration_ms: 0 }));
  return [
    ...accepted,
    { command: error.line, output: error.response, rejected: error.matchedText, duration_ms: 0 },
  ];
}

/** Runs one attempt of a device: connect, pre-check, apply, commit/save, post-check, diff, assertions. */
export class DevicePipeline {
  private journaled: DeviceState;
  private readonly record: Partial<DeviceResult> = {};
  private pre: CommandOutput[] | undefined;
  private post: CommandOutput[] | undefined;
  private session: DeviceSession | undefined;

  constructor(private readonly deps: PipelineDeps) {
    this.journaled = deps.journaled;
  }

  private async step(state: 'pre_check' | 'applying' | 'post_check'): Promise<void> {
    if (PHASES.indexOf(state) <= PHASES.indexOf(this.journaled)) return;
    await this.deps.journal(state);
    this.journaled = state;
  }

  /** Runs the attempt; never throws for device trouble (it is in the outcome). */
  async run(): Promise<PipelineOutcome> {
    const uncertain =
      (this.journaled === 'applying' || this.journaled === 'post_check') &&
      !this.deps.options.reapply_on_recovery;
    if (this.deps.recovering) this.record.recovered_from = this.journaled;
    try {
      this.session = await this.deps.open();
      return uncertain ? await this.recheck() : await this.apply(this.session);
    } catch (error) {
      if (error instanceof StaleDeliveryError || error instanceof ShutdownError) throw error;
      return this.failed(error);
    } finally {
      await this.finish();
    }
  }

  private async apply(session: DeviceSession): Promise<PipelineOutcome> {
    const { task, options } = this.deps;
    await this.step('pre_check');
    this.pre = await this.check(session, 'pre');
    if (options.dry_run) return this.succeeded();
    await this.step('applying');
    const applied = await session.configure(task.commands);
    this.record.apply = toOutputRecords(applied.outputs);
    if (session.capabilities.candidate) this.record.commit_output = await session.commit();
    if (options.save_config && session.capabilities.save)
      this.record.save_output = await session.save();
    await this.step('post_check');
    this.post = await this.check(session, 'post');
    this.record.diff = this.diff();
    const failure = assertionFailure(options, joinOutputs(this.post));
    if (failure) {
      await this.rollback(session);
      throw failure;
    }
    return this.succeeded();
  }

  /** Recovery after a crash mid-apply: never re-apply; run the post-checks as evidence. */
  private async recheck(): Promise<PipelineOutcome> {
    const from = this.journaled;
    await this.step('post_check');
    this.post = await this.check(this.session!, 'post');
    const message =
      `the worker handling this device stopped while it was ${from}; the change was not re-applied ` +
      '(set reapply_on_recovery for idempotent changes); the post-check output is the evidence';
    return {
      outcome: 'failed',
      code: 'uncertain_after_crash',
      message,
      configMayHaveChanged: true,
      record: this.record,
    };
  }

  private async check(session: DeviceSession, phase: 'pre' | 'post'): Promise<CommandOutput[]> {
    const outputs =
      this.deps.task.verify.length > 0 ? await session.exec(this.deps.task.verify) : [];
    this.record[phase] = toOutputRecords(outputs);
    const failure = rejection(outputs, `${phase}-check`);
    if (failure) throw failure;
    return outputs;
  }

  private diff(): DeviceResult['diff'] {
    const outcome = computeDiff(
      {
        enabled: !this.deps.options.skip_diff,
        verifyCommandCount: this.deps.task.verify.length,
        pre: this.pre && joinOutputs(this.pre),
        post: this.post && joinOutputs(this.post),
      },
      { maxBytes: this.deps.options.diff_max_bytes },
    );
    if (outcome.status !== 'changed') return outcome;
    const { originalSize, ...rest } = outcome;
    return { ...rest, original_size: originalSize };
  }

  private async rollback(session: DeviceSession): Promise<void> {
    const lines = this.deps.options.rollback_commands ?? [];
    if (lines.length === 0) return;
    const done = await session.configure(lines);
    this.record.rollback = toOutputRecords(done.outputs);
    if (session.capabilities.candidate) await session.commit();
  }

  private succeeded(): PipelineOutcome {
    return {
      outcome: 'succeeded',
      configMayHaveChanged: (this.session?.configLinesSent ?? 0) > 0,
      record: this.record,
    };
  }

  private failed(error: unknown): PipelineOutcome {
    const sent = this.session?.configLinesSent ?? 0;
    if (error instanceof PipelineFailure) {
      return {
        outcome: 'failed',
        code: error.code,
        message: error.message,
        configMayHaveChanged: sent > 0,
        record: this.record,
      };
    }
    if (error instanceof SshError) {
      if (error instanceof ConfigLineError) this.record.apply = rejectedApply(error);
      return {
        outcome: 'failed',
        code: error.code,
        message: error.message,
        error,
        configMayHaveChanged: error.configMayHaveChanged || sent > 0,
        record: this.record,
      };
    }
    return {
      outcome: 'failed',
      code: 'internal_error',
      message: String(error),
      error,
      configMayHaveChanged: sent > 0,
      record: this.record,
    };
  }

  private async finish(): Promise<void> {
    if (!this.session) return;
    const transcript = this.session.transcript();
    this.record.transcript = transcript.text;
    if (transcript.truncated) this.record.transcript_truncated = true;
    this.record.config_lines_sent = this.session.configLinesSent;
    await this.session.close().catch(() => undefined);
  }
}
