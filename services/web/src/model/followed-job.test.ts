import { followedJob } from './followed-job';

describe('followedJob', () => {
  it('names the job a rerun or an undo follows, from its labels', () => {
    expect(followedJob({ labels: { rerun_of: 'j1', team: 'noc' } })).toEqual({
      kind: 'rerun',
      jobId: 'j1',
    });
    expect(followedJob({ labels: { undo_of: 'j2' } })).toEqual({ kind: 'undo', jobId: 'j2' });
  });

  it('is null for an ordinary job or a spec it cannot read', () => {
    for (const spec of [{}, { labels: { team: 'noc' } }, { labels: { rerun_of: 7 } }, null, 'x'])
      expect(followedJob(spec)).toBeNull();
  });
});
