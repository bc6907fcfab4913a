import { serviceNodeFlags } from '@fleetpush/config';
import { entrypointServices, readText } from './deploy-files';

/** The node flags the image's entrypoint gives each service it starts. */
function entrypointFlags(service: string): string[] {
  const script = readText('deploy/docker/entrypoint.sh');
  const line = [...script.matchAll(/^\[ "\$service" = ([a-z-]+) \] && flags='([^']*)'$/gm)].find(
    (m) => m[1] === service,
  );
  return line?.[2]?.split(' ').filter(Boolean) ?? [];
}

describe('deploy/docker/entrypoint.sh', () => {
  it.each([...entrypointServices().keys()])(
    'starts %s with the node flags every other launcher uses',
    (service) => {
      expect(entrypointFlags(service)).toEqual(serviceNodeFlags(service));
    },
  );

  it('gives the worker its flags (the table above is not empty by accident)', () => {
    expect(entrypointServices().has('worker')).toBe(true);
    expect(entrypointFlags('worker')).toEqual(['--single-threaded-gc']);
  });
});
