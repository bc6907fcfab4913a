import { reachabilityState, type DeviceView, type ReachabilityState } from '@fleetpush/contracts';

/** Words and badge colour (an existing state class) per reachability state. */
const LOOK: Readonly<Record<ReachabilityState, { label: string; tone: string }>> = {
  reachable: { label: 'reachable', tone: 's-succeeded' },
  login_failed: { label: 'login failed', tone: 's-running' },
  unreachable: { label: 'unreachable', tone: 's-failed' },
  unchecked: { label: 'unchecked', tone: 's-pending' },
};

/** The reachability filter's choices, in the order the Devices page offers them. */
export const REACHABILITY_CHOICES: readonly { value: ReachabilityState; label: string }[] = (
  ['reachable', 'login_failed', 'unreachable', 'unchecked'] as const
).map((value) => ({ value, label: LOOK[value].label }));

/**
 * A device's latest connection check as a badge (reachable / login failed / unreachable /
 * unchecked); its title tells the failure code and when it was checked.
 */
export function ReachabilityBadge({
  reachability,
}: {
  readonly reachability: DeviceView['reachability'];
}): React.JSX.Element {
  const state = reachabilityState(reachability);
  const look = LOOK[state];
  const title = reachability
    ? `${reachability.error_code ?? 'logged in'} · checked ${new Date(reachability.checked_at).toLocaleString()}`
    : 'never checked (import with a connection check)';
  return (
    <span className={`badge ${look.tone}`} data-reachability={state} title={title}>
      <span className="dot" aria-hidden="true" />
      {look.label}
    </span>
  );
}
