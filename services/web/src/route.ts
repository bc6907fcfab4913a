import { useEffect, useState } from 'react';

/** A page of the UI, from the location hash. */
export type Route =
  | { page: 'devices' }
  | { page: 'new-job' }
  | { page: 'history' }
  | { page: 'monitor'; jobId: string }
  | { page: 'detail'; jobId: string; device?: string };

/** Parses `#/jobs/ID`, `#/jobs/ID/detail?device=KEY`, `#/devices`, … */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'jobs' && parts[1] === 'new') return { page: 'new-job' };
  if (parts[0] === 'jobs' && parts[1]) {
    if (parts[2] === 'detail') {
      const device = new URLSearchParams(query).get('device');
      return { page: 'detail', jobId: parts[1], ...(device ? { device } : {}) };
    }
    return { page: 'monitor', jobId: parts[1] };
  }
  if (parts[0] === 'history') return { page: 'history' };
  return { page: 'devices' };
}

/** The hash of a route. */
export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'monitor':
      return `#/jobs/${encodeURIComponent(route.jobId)}`;
    case 'detail':
      return `#/jobs/${encodeURIComponent(route.jobId)}/detail${route.device ? `?device=${encodeURIComponent(route.device)}` : ''}`;
    case 'new-job':
      return '#/jobs/new';
    default:
      return `#/${route.page}`;
  }
}

/** Goes to a route. */
export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
