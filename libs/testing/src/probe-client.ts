import { waitUntil } from './wait-until';

/** GET a path of a service on 127.0.0.1: status and body text. */
export async function httpGet(
  port: number,
  path: string,
): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, text: await response.text() };
}

/** A service's `/readyz`: status and parsed body. */
export async function readyz(port: number): Promise<{ status: number; body: unknown }> {
  const { status, text } = await httpGet(port, '/readyz');
  return { status, body: JSON.parse(text) as unknown };
}

/** Waits until `/readyz` answers `status`; resolves with that answer. */
export function readyzBecomes(
  port: number,
  status: number,
  timeoutMs = 15_000,
): Promise<{ status: number; body: unknown }> {
  return waitUntil(
    async () => {
      const r = await readyz(port);
      return r.status === status ? r : undefined;
    },
    { timeoutMs, description: `/readyz ${status}` },
  );
}
