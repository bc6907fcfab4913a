/** Date and duration formats network OSes print (all in UTC, as lab devices usually run). */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `08:24:12` */
export function hms(d: Date): string {
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `08:24:12.345` */
export function hmsMillis(d: Date): string {
  return `${hms(d)}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** `Wed Nov 26` */
export function dayMonthDate(d: Date): string {
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())}`;
}

/** IOS `show clock`: `*08:24:12.345 UTC Wed Nov 26 2025` (the star: not NTP-synchronised). */
export function iosClock(d: Date): string {
  return `*${hmsMillis(d)} UTC ${dayMonthDate(d)} ${d.getUTCFullYear()}`;
}

/** IOS "Last configuration change at 08:24:12 UTC Wed Nov 26 2025". */
export function iosChangeStamp(d: Date): string {
  return `${hms(d)} UTC ${dayMonthDate(d)} ${d.getUTCFullYear()}`;
}

/** IOS-XR's line before every show output: `Wed Nov 26 08:24:12.345 UTC`. */
export function xrStamp(d: Date): string {
  return `${dayMonthDate(d)} ${hmsMillis(d)} UTC`;
}

/** Linux `date`: `Wed Nov 26 08:24:12 UTC 2025`. */
export function unixDate(d: Date): string {
  return `${dayMonthDate(d)} ${hms(d)} UTC ${d.getUTCFullYear()}`;
}

/** ISO-like `2025-11-26 08:24:12 UTC` (Junos). */
export function isoStamp(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${hms(d)} UTC`;
}

/** IOS uptime: `2 hours, 5 minutes` (at least `0 minutes`). */
export function iosUptime(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const parts: string[] = [];
  const units: [number, string][] = [
    [Math.floor(minutes / 10_080), 'week'],
    [Math.floor(minutes / 1_440) % 7, 'day'],
    [Math.floor(minutes / 60) % 24, 'hour'],
  ];
  for (const [n, unit] of units) if (n > 0) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
  const m = minutes % 60;
  parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  return parts.join(', ');
}
