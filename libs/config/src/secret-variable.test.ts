import { secretFromVariable } from './secret-variable';

describe('secretFromVariable', () => {
  it('reads the named variable as it is, wrapped so that printing it shows nothing', () => {
    const read = secretFromVariable({ LAB_PW: ' s3cret value ' }, 'LAB_PW');
    expect(read.ok && read.secret.reveal()).toBe(' s3cret value ');
    expect(read.ok && `${String(read.secret)} ${JSON.stringify(read.secret)}`).toBe(
      '[redacted] "[redacted]"',
    );
  });

  it('says whether the variable is unset (or empty) or not a variable name at all', () => {
    expect(secretFromVariable({ EMPTY: '' }, 'EMPTY')).toEqual({ ok: false, problem: 'unset' });
    expect(secretFromVariable({}, 'MISSING')).toEqual({ ok: false, problem: 'unset' });
    expect(secretFromVariable({ 'a b': 'x' }, 'a b')).toEqual({ ok: false, problem: 'bad_name' });
    expect(secretFromVariable({}, 'hunter2=')).toEqual({ ok: false, problem: 'bad_name' });
  });
});
