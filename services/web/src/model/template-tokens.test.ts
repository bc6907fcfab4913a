import { tokenizeTemplate, variablesOf } from './template-tokens';

describe('tokenizeTemplate', () => {
  it('splits literal text and {{variables}}, flagging invalid names', () => {
    expect(tokenizeTemplate('ntp server {{ ntp }} prefer {{1bad}}')).toEqual([
      { text: 'ntp server ' },
      { text: '{{ ntp }}', variable: 'ntp', valid: true },
      { text: ' prefer ' },
      { text: '{{1bad}}', variable: '1bad', valid: false },
    ]);
  });

  it('lists each valid variable once, in order of first use', () => {
    expect(variablesOf(['a {{x}} {{y}}', '{{x}} {{ z }} {{-}}'])).toEqual(['x', 'y', 'z']);
  });
});
