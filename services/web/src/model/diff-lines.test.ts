import { parseUnifiedDiff, sideBySide } from './diff-lines';

const BODY = [
  '@@ -1,3 +1,3 @@',
  ' hostname r1',
  '-ntp server 10.0.0.1',
  '+ntp server 10.0.0.2',
  '+ntp server 10.0.0.3',
  ' end',
  '',
].join('\n');

describe('parseUnifiedDiff', () => {
  it('classifies hunk, context, removed and added lines', () => {
    expect(parseUnifiedDiff(BODY).map((l) => l.kind)).toEqual([
      'hunk',
      'ctx',
      'del',
      'add',
      'add',
      'ctx',
    ]);
    expect(parseUnifiedDiff(BODY)[2]).toEqual({ kind: 'del', text: 'ntp server 10.0.0.1' });
  });
});

describe('sideBySide', () => {
  it('pairs a removal with the addition that replaces it and pads the longer side', () => {
    const rows = sideBySide(parseUnifiedDiff(BODY));
    expect(rows.map((r) => [r.left?.text, r.right?.text])).toEqual([
      ['@@ -1,3 +1,3 @@', '@@ -1,3 +1,3 @@'],
      ['hostname r1', 'hostname r1'],
      ['ntp server 10.0.0.1', 'ntp server 10.0.0.2'],
      [undefined, 'ntp server 10.0.0.3'],
      ['end', 'end'],
    ]);
  });
});
