import { bearerOf } from './auth';

describe('bearerOf', () => {
  it.each([
    ['Bearer fpt_abc', 'fpt_abc'],
    ['bearer fpt_abc', 'fpt_abc'],
    ['  Bearer fpt_abc  ', 'fpt_abc'],
  ])('reads the token of %j', (header, token) => {
    expect(bearerOf(header)).toBe(token);
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Basic fpt_abc', 'Bearer a b', 'fpt_abc'])(
    'finds no token in %j',
    (header) => {
      expect(bearerOf(header)).toBeUndefined();
    },
  );
});
