import { FleetpushApiError } from '@fleetpush/client';
import type { Problem } from '@fleetpush/contracts';

/** The fields or rows an API error names (`error.details`); none for any other error. */
export function problemsOf(error: unknown): readonly Problem[] {
  return error instanceof FleetpushApiError ? error.details : [];
}

/** An error next to what caused it, with every field or row the server named. */
export function ErrorBox({
  error,
  title,
}: {
  readonly error: unknown;
  readonly title?: string;
}): React.JSX.Element | null {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const details = problemsOf(error);
  return (
    <div className="alert error" role="alert">
      <strong>{title ?? 'Something went wrong'}:</strong> {message}
      {details.length > 0 && (
        <ul>
          {details.slice(0, 50).map((d, i) => (
            <li key={i}>
              {d.row !== undefined && <>line {d.row} · </>}
              <code>{d.path}</code>: {d.message}
            </li>
          ))}
          {details.length > 50 && <li>… and {details.length - 50} more</li>}
        </ul>
      )}
    </div>
  );
}
