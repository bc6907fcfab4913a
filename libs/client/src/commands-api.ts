import { execResponseSchema, type ExecRequestInput, type ExecResponse } from '@fleetpush/contracts';
import type { HttpTransport } from './http-transport';

/** Read-only commands on one device (`POST /commands/exec`, operator). */
export class CommandsApi {
  constructor(private readonly http: HttpTransport) {}

  /**
   * Runs allow-listed read-only commands (`show`, `ping`, `traceroute`, output filters) on one
   * imported device. 400 `validation_failed` naming each refused command (`commands[i]`, nothing
   * sent), 404 for an unknown device, 502 `device_error` with the SSH failure code as detail.
   */
  exec(request: ExecRequestInput, signal?: AbortSignal): Promise<ExecResponse> {
    return this.http.json(
      { method: 'POST', path: '/commands/exec', body: request, ...(signal && { signal }) },
      execResponseSchema,
    );
  }
}
