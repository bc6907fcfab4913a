import { z } from 'zod';

/** One field-level problem: where (path or CSV row/column) and what. */
export const problemSchema = z.object({
  path: z.string(),
  message: z.string(),
  row: z.number().int().optional(),
});

/** A field-level problem. */
export type Problem = z.infer<typeof problemSchema>;

/** Every API error body: `{ error: { code, message, details } }`. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(problemSchema).optional(),
  }),
});

/** An API error body. */
export type ApiError = z.infer<typeof apiErrorSchema>;

/** Turns zod issues into problems whose path names the field (`strategy.concurrency`, `commands[2]`). */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(body)';
}
