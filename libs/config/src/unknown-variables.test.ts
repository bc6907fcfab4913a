import { findUnknownVariables } from './unknown-variables';

describe('findUnknownVariables', () => {
  it('flags misspelt FLEETPUSH_ names with the likely intended one, and ignores others', () => {
    expect(
      findUnknownVariables({
        FLEETPUSH_REDIS_UR: 'x',
        FLEETPUSH_PORT: '1',
        FLEETPUSH_SOMETHING_ELSE_ENTIRELY: 'y',
        PATH: '/bin',
      }),
    ).toEqual([
      { name: 'FLEETPUSH_REDIS_UR', suggestion: 'FLEETPUSH_REDIS_URL' },
      { name: 'FLEETPUSH_SOMETHING_ELSE_ENTIRELY' },
    ]);
  });
});
