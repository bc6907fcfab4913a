import { deviceTaskSpecSchema, type DeviceTaskSpec } from '@fleetpush/contracts';
import type { JobReader } from '@fleetpush/store';
import { jobOptionsOf, type JobOptions } from './job-options';

/** What a worker needs to run one device of a job. */
export interface DeviceContext {
  readonly jobId: string;
  readonly task: DeviceTaskSpec;
  readonly options: JobOptions;
}

/** How many jobs' parsed options a worker keeps (a job's spec never changes once stored). */
const OPTIONS_CACHE_SIZE = 256;

/** Loads device tasks and job options from the store; job options are cached (jobs are immutable). */
export class DeviceContextLoader {
  private readonly options = new Map<string, JobOptions>();

  constructor(private readonly reader: JobReader) {}

  /** The context of one device, or `null` when the job or the device is gone. */
  async load(jobId: string, deviceIndex: number): Promise<DeviceContext | null> {
    const [raw, options] = await Promise.all([
      this.reader.deviceTask(jobId, deviceIndex),
      this.jobOptions(jobId),
    ]);
    if (raw === null || options === null) return null;
    return { jobId, task: deviceTaskSpecSchema.parse(raw), options };
  }

  private async jobOptions(jobId: string): Promise<JobOptions | null> {
    const cached = this.options.get(jobId);
    if (cached) return cached;
    const record = await this.reader.record(jobId);
    if (!record?.spec) return null;
    const options = jobOptionsOf(record.spec);
    if (this.options.size >= OPTIONS_CACHE_SIZE)
      this.options.delete(this.options.keys().next().value!);
    this.options.set(jobId, options);
    return options;
  }
}
