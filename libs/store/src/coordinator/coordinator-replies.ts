/** A device handed to the queue by a coordinator step: its index and delivery generation. */
export interface Dispatch {
  readonly deviceIndex: number;
  readonly generation: number;
}

/** What `begin` decided for a delivery. */
export type BeginReply =
  | { readonly kind: 'drop' }
  | { readonly kind: 'requeued' }
  | { readonly kind: 'skipped' }
  | { readonly kind: 'wait'; readonly ms: number }
  | { readonly kind: 'recover'; readonly state: string; readonly attempt: number }
  | { readonly kind: 'go'; readonly attempt: number };

/** What a scheduling step produced: devices to enqueue and, when the run ended, its status. */
export interface StepReply {
  readonly dispatch: Dispatch[];
  readonly finished: 'completed' | 'failed' | 'cancelled' | null;
}

function asStrings(reply: unknown): string[] {
  if (!Array.isArray(reply)) throw new Error(`unexpected coordinator reply: ${String(reply)}`);
  return reply.map((v) => String(v));
}

/** Reads `idx, gen, idx, gen, …` from a reply, starting at `from`. */
export function parseDispatches(reply: unknown, from: number): Dispatch[] {
  const values = asStrings(reply);
  const out: Dispatch[] = [];
  for (let i = from; i + 1 < values.length; i += 2) {
    out.push({ deviceIndex: Number(values[i]), generation: Number(values[i + 1]) });
  }
  return out;
}

/** The reply's kind (its first element) and the rest. */
export function replyKind(reply: unknown): [string, string[]] {
  const [kind = '', ...rest] = asStrings(reply);
  return [kind, rest];
}

/** Parses the reply of `begin`. */
export function parseBegin(reply: unknown): BeginReply {
  const [kind, rest] = replyKind(reply);
  switch (kind) {
    case 'wait':
      return { kind, ms: Number(rest[0]) };
    case 'recover':
      return { kind, state: rest[0] ?? '', attempt: Number(rest[1]) };
    case 'go':
      return { kind, attempt: Number(rest[0]) };
    case 'drop':
    case 'requeued':
    case 'skipped':
      return { kind };
    default:
      throw new Error(`unexpected begin reply: ${kind}`);
  }
}

/** Parses `{'ok', status, idx, gen, …}` replies. */
export function parseStep(reply: unknown): StepReply {
  const [, rest] = replyKind(reply);
  const status = rest[0];
  const finished =
    status === 'completed' || status === 'failed' || status === 'cancelled' ? status : null;
  return { dispatch: parseDispatches(reply, 2), finished };
}
